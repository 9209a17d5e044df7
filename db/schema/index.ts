export * from './form-templates';
export * from './lookup-tables';
export * from './lookup-rows';
export * from './mappings';
export * from './mapping-versions';
export * from './sample-submissions';
export * from './app-meta';

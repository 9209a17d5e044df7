import { createCallerFactory, router } from './init';
import { cataloguesRouter } from './routers/catalogues';
import { mappingLifecycleRouter } from './routers/mapping-lifecycle';
import { mappingsRouter } from './routers/mappings';
import { previewRouter } from './routers/preview';
import { samplesRouter } from './routers/samples';
import { tablesRouter } from './routers/tables';
import { templatesRouter } from './routers/templates';

export const appRouter = router({
  mappings: { ...mappingsRouter, ...mappingLifecycleRouter },
  samples: samplesRouter,
  preview: previewRouter,
  tables: tablesRouter,
  templates: templatesRouter,
  catalogues: cataloguesRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP: router tests, and later server components. */
export const createCaller = createCallerFactory(appRouter);

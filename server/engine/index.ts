export { compile, skipReason } from './compile';
export * from './types';
export * from './spec';
export * from './form-record';
export * from './voucher';
export { sourcePorts, type SourcePort } from './source-ports';
export { typesCompatible } from './graph';
export { FUNCTIONS, getFunction, FUNCTION_CATEGORIES } from './functions';
export { Decimal, Fault, toPlain, VALUE_TYPES, type Value, type ValueType } from './values';

/**
 * Ledger settings (`spec.target.options`) per target format: the strict schemas and their types
 * (options-schemas.ts), what the studio's settings panel renders for each setting (options-settings.ts), and the
 * check that lists a spec's problems with them and parses them for the serialisers (options-check.ts).
 */
export {
  KingdeeOptionsSchema,
  U8OptionsSchema,
  JournalOptionsSchema,
  CsvOptionsSchema,
  TARGET_OPTIONS_SCHEMAS,
  DEFAULT_KINGDEE_DIMENSION_MAP,
  KINGDEE_DIMENSION_FIELD,
  defaultTargetOptions,
  type KingdeeOptions,
  type KingdeeOptionsInput,
  type KingdeeDimensionTarget,
  type U8Options,
  type U8OptionsInput,
  type JournalOptions,
  type JournalOptionsInput,
  type CsvOptions,
  type CsvOptionsInput,
  type TargetOptionsByFormat,
} from './options-schemas';
export { TARGET_OPTION_SETTINGS, type TargetOptionSetting, type TargetOptionKind } from './options-settings';
export {
  checkTargetOptions,
  checkSpecTargetOptions,
  parseTargetOptions,
  mappedHeaderFields,
  type TargetOptionProblem,
  type TargetOptionsContext,
  type ParsedTargetOptions,
} from './options-check';

import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '../engine/voucher';
import type { TargetFormat } from './catalogues';

/**
 * Typed ledger settings (`spec.target.options`), one strict zod schema per target format: an unknown key is refused,
 * a boolean must be a JSON boolean and a number a JSON number (no "true" or "2" strings). The spec itself keeps the
 * options as an untyped record (the engine does not know ledgers); the pipeline checks them here before a run, the
 * studio lists the problems, and the serialisers receive the parsed values with their defaults filled in.
 *
 * Header fields and settings: where a voucher header field and a setting say the same thing (Kingdee's account book
 * and voucher group, U8's voucher type and preparer), the mapped header field wins and the setting is the default
 * used when the mapping leaves the field unmapped or empty.
 */

const ISO_CURRENCY = /^[A-Z]{3}$/;
const isoCurrency = z.string().regex(ISO_CURRENCY, 'an ISO 4217 code in capitals, such as CNY or USD');
const code = (max = 60) => z.string().trim().min(1).max(max);

/** Kingdee flex fields of FDetailID: the preset FFLEX4–FFLEX13 and a tenant's custom FF1000xx dimensions. */
export const KINGDEE_DIMENSION_FIELD = /^(FFLEX([4-9]|1[0-3])|FF\d{6})$/;

const kingdeeDimension = z.strictObject({
  /** The flex field without its `FDETAILID__` prefix: `FFLEX5`, `FF100001`. */
  field: z.string().regex(KINGDEE_DIMENSION_FIELD, 'FFLEX4 … FFLEX13 or a custom FF1000xx field'),
  /** The base-data form the value is a number of (BD_Department, BD_Empinfo, BD_Supplier, BOS_ASSISTANTDATA_DETAIL…). */
  formId: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{1,59}$/, 'a Kingdee form id such as BD_Department'),
});
export type KingdeeDimensionTarget = z.infer<typeof kingdeeDimension>;

/** The common K/3 Cloud assignment; the demo company uses exactly these four. */
export const DEFAULT_KINGDEE_DIMENSION_MAP: Readonly<Partial<Record<Dimension, Readonly<KingdeeDimensionTarget>>>> = Object.freeze({
  supplier: Object.freeze({ field: 'FFLEX4', formId: 'BD_Supplier' }),
  department: Object.freeze({ field: 'FFLEX5', formId: 'BD_Department' }),
  customer: Object.freeze({ field: 'FFLEX6', formId: 'BD_Customer' }),
  employee: Object.freeze({ field: 'FFLEX7', formId: 'BD_Empinfo' }),
});

export const KingdeeOptionsSchema = z.strictObject({
  /**
   * FAccountBookID number; fills header.book when the mapping leaves it unmapped or empty. 001 is the number K/3
   * Cloud gives the first account book, so a new mapping posts to it until the analyst says otherwise.
   */
  accountBook: code().default('001'),
  /** FVOUCHERGROUPID number; fills header.voucherWord likewise. PRE001 is K/3 Cloud's preset group 记. */
  voucherGroup: code().default('PRE001'),
  /** ISO code → the ledger's currency number (FCURRENCYID). Used as given (not merged over the default). */
  currencyMap: z.record(isoCurrency, code()).default(() => ({ CNY: 'PRE001' })),
  /** The account book's base currency: lines in it have rate 1, others are converted into it. */
  localCurrency: isoCurrency.default('CNY'),
  /** FEXCHANGERATETYPE number for lines that do not map one; HLTX01_SYS is the fixed rate. */
  exchangeRateType: code().default('HLTX01_SYS'),
  /** Kingdee's IsVerifyBaseDataField flag: true makes Kingdee refuse an unknown dimension number instead of dropping it. */
  isVerifyBaseDataField: z.boolean().default(true),
  /** Dimension → flex field and base-data form. Used as given (not merged over the default four). */
  dimensionMap: z
    .partialRecord(z.enum(DIMENSIONS), kingdeeDimension)
    .default(() => ({ ...DEFAULT_KINGDEE_DIMENSION_MAP })),
});

export const U8OptionsSchema = z.strictObject({
  /** EAI sender: the registration code of the account set's external system. Required: no guessed default. */
  sender: code(),
  /** EAI receiver. */
  receiver: code().default('u8'),
  /** 制单人 (enter) when the mapping leaves header.preparer unmapped or empty; one of the two is required. */
  preparer: code(40).optional(),
  /** 凭证类别 when the mapping leaves header.voucherWord unmapped or empty. */
  voucherType: code(10).default('记'),
  /** The account set's base currency: lines in it are written as local-currency entries. */
  localCurrency: isoCurrency.default('CNY'),
  /** ISO code → the currency as U8's 币种档案 names it; an unlisted code is written as the ISO code. */
  currencyMap: z.record(isoCurrency, code(40)).default(() => ({})),
  /** voucher_head/company; U8 fills it from the account set when empty. */
  company: code().optional(),
  /** 项目大类 (item_class), written beside item_id when a line carries a project. */
  projectClass: code().optional(),
});

export const JournalOptionsSchema = z.strictObject({
  /** Pretty-print indent; the output is meant to be readable in logs and previews. */
  indent: z.literal([2, 4]).default(2),
  /** The receiving ledger's base currency: the local amounts and totals are in it. */
  localCurrency: isoCurrency.default('CNY'),
});

export const CsvOptionsSchema = z.strictObject({
  /** Prefix the UTF-8 byte-order mark (Excel needs it to detect UTF-8). */
  bom: z.boolean().default(true),
  /** The receiving ledger's base currency: the local amount columns are in it. */
  localCurrency: isoCurrency.default('CNY'),
});

export type KingdeeOptions = z.infer<typeof KingdeeOptionsSchema>;
export type KingdeeOptionsInput = z.input<typeof KingdeeOptionsSchema>;
export type U8Options = z.infer<typeof U8OptionsSchema>;
export type U8OptionsInput = z.input<typeof U8OptionsSchema>;
export type JournalOptions = z.infer<typeof JournalOptionsSchema>;
export type JournalOptionsInput = z.input<typeof JournalOptionsSchema>;
export type CsvOptions = z.infer<typeof CsvOptionsSchema>;
export type CsvOptionsInput = z.input<typeof CsvOptionsSchema>;

/** Parsed (defaults filled) options per format, as the serialisers receive them. */
export interface TargetOptionsByFormat {
  'kingdee-gl-voucher': KingdeeOptions;
  'u8-voucher-xml': U8Options;
  'journal-json': JournalOptions;
  csv: CsvOptions;
}

export const TARGET_OPTIONS_SCHEMAS = Object.freeze({
  'kingdee-gl-voucher': KingdeeOptionsSchema,
  'u8-voucher-xml': U8OptionsSchema,
  'journal-json': JournalOptionsSchema,
  csv: CsvOptionsSchema,
}) satisfies { readonly [F in TargetFormat]: z.ZodType<TargetOptionsByFormat[F]> };

/** The defaults of a format whose settings are all optional; U8 has none (its sender is required). */
export function defaultTargetOptions<F extends Exclude<TargetFormat, 'u8-voucher-xml'>>(format: F): TargetOptionsByFormat[F] {
  return TARGET_OPTIONS_SCHEMAS[format].parse({}) as TargetOptionsByFormat[F];
}

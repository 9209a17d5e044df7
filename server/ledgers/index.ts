import type { Voucher } from '../engine/voucher';
import { type TargetFormat } from './catalogues';
import { LedgerFormatError } from './common';
import { serialiseCsv } from './csv';
import { serialiseJournal } from './journal';
import { serialiseKingdee } from './kingdee';
import type { TargetOptionsByFormat } from './options';
import { serialiseU8 } from './u8';

/**
 * Ledger side of Ledgerlink: target catalogues and the pure serialisers that turn an engine Voucher into the text
 * a finance system imports. Serialisers throw LedgerFormatError instead of rounding, dropping or guessing.
 */

export type { Voucher, VoucherHeader, EntryLine, Dimension, TargetCatalogue, TargetField } from '../engine/voucher';
export { DIMENSIONS } from '../engine/voucher';
export {
  CATALOGUES,
  TARGET_FORMATS,
  TARGET_FORMAT_IDS,
  getCatalogue,
  isTargetFormat,
  type TargetFormat,
} from './catalogues';
export { LedgerFormatError, moneyText } from './common';
export { serialiseKingdee, kingdeeSaveEnvelope, KINGDEE_FORM_ID } from './kingdee';
export { serialiseU8, U8_DIMENSIONS } from './u8';
export { serialiseJournal, type JournalJson, type JournalLineJson } from './journal';
export { serialiseCsv, CSV_COLUMNS, csvField, neutraliseFormula } from './csv';
export * from './options';
export { fieldSources, headerSettingValue, settingValues, type FieldSource, type FieldSources } from './field-sources';
export { voucherWordText } from './voucher-word';

/** The parsed options (defaults filled in) each serialiser receives: see options.ts. */
export type SerialiserOptions = TargetOptionsByFormat;

export type Serialiser<F extends TargetFormat> = (voucher: Voucher, options: SerialiserOptions[F]) => string;

export const SERIALISERS: { readonly [F in TargetFormat]: Serialiser<F> } = Object.freeze({
  'kingdee-gl-voucher': serialiseKingdee,
  'u8-voucher-xml': serialiseU8,
  'journal-json': serialiseJournal,
  csv: serialiseCsv,
});

/** How the output is stored or downloaded. All text is UTF-8 (the U8 document declares it; CSV carries a BOM). */
export const OUTPUT_TYPES: { readonly [F in TargetFormat]: { contentType: string; extension: string } } =
  Object.freeze({
    'kingdee-gl-voucher': { contentType: 'application/json; charset=utf-8', extension: '.json' },
    'u8-voucher-xml': { contentType: 'application/xml; charset=utf-8', extension: '.xml' },
    'journal-json': { contentType: 'application/json; charset=utf-8', extension: '.json' },
    csv: { contentType: 'text/csv; charset=utf-8', extension: '.csv' },
  });

export function contentTypeOf(format: TargetFormat): string {
  return OUTPUT_TYPES[format].contentType;
}

export function fileExtensionOf(format: TargetFormat): string {
  return OUTPUT_TYPES[format].extension;
}

/** `options` are the parsed settings (parseTargetOptions), never the spec's raw `target.options`. */
export function serialiseVoucher<F extends TargetFormat>(format: F, voucher: Voucher, options: SerialiserOptions[F]): string {
  const serialise = SERIALISERS[format] as Serialiser<F> | undefined;
  if (!serialise) throw new LedgerFormatError('unknown_format', `unknown target format "${String(format)}"`);
  return serialise(voucher, options);
}

import type Decimal from 'decimal.js';
import type { Labels } from './form-record';
import type { ValueType } from './values';

/**
 * The voucher the engine produces before a ledger adapter formats it. Field ids are the ones the ledger
 * catalogues use, so a mapping's target ports and this model never drift apart.
 */
export interface VoucherHeader {
  book: string | null;
  /** YYYY-MM-DD */
  date: string;
  fiscalYear: number;
  period: number;
  voucherWord: string | null;
  summary: string | null;
  attachments: number;
  reference: string | null;
  preparer: string | null;
}

export const DIMENSIONS = ['department', 'employee', 'costCentre', 'supplier', 'customer', 'project'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface EntryLine {
  summary: string;
  account: string;
  debit: Decimal;
  credit: Decimal;
  currency: string | null;
  exchangeRateType: string | null;
  exchangeRate: Decimal | null;
  /** Auxiliary accounting dimensions (辅助核算): only those the line carries. */
  dimensions: Partial<Record<Dimension, string>>;
}

export interface Voucher {
  header: VoucherHeader;
  lines: EntryLine[];
}

/** One field a target offers to the studio's right-hand tree. */
export interface TargetField {
  id: string;
  group: 'header' | 'line';
  label: Labels;
  type: ValueType;
  required: boolean;
  /** Maximum length in Unicode code points, for text. */
  maxLength?: number;
  description?: Labels;
}

export interface TargetCatalogue {
  /** The target format id, e.g. `kingdee-gl-voucher`. */
  format: string;
  label: Labels;
  /** `voucher` catalogues get the voucher checks (balance, one side per line, postable accounts). */
  kind: 'voucher' | 'document';
  /** Minor-unit decimals money may carry (2 for CNY). */
  moneyScale: number;
  fields: TargetField[];
}

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

/**
 * Auxiliary accounting dimensions (辅助核算 / 核算维度) a line can carry. Besides the common ones, 费用项目
 * (expenseItem) and four open slots for a tenant's own 核算维度 (a Kingdee FF1000xx dimension, say): the ledger's
 * settings say which ledger field each one is written to.
 */
export const DIMENSIONS = [
  'department', 'employee', 'costCentre', 'supplier', 'customer', 'project', 'expenseItem',
  'customDimension1', 'customDimension2', 'customDimension3', 'customDimension4',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface EntryLine {
  summary: string;
  account: string;
  /** Amounts in the line's currency; the ledger's local amounts are computed by `localAmounts` (local-amounts.ts). */
  debit: Decimal;
  credit: Decimal;
  /** ISO 4217 code; null means the ledger's local currency. */
  currency: string | null;
  exchangeRateType: string | null;
  /** Units of local currency per unit of the line's currency; null on a local line (rate 1). */
  exchangeRate: Decimal | null;
  /** Auxiliary accounting dimensions (辅助核算): only those the line carries. */
  dimensions: Partial<Record<Dimension, string>>;
}

export interface Voucher {
  header: VoucherHeader;
  lines: EntryLine[];
}

/**
 * Where a voucher field's value comes from when no link feeds it (or the link gives nothing): a ledger setting of
 * the mapping (`target.options[setting]`), the voucher date's year or month, or rate 1 on a base-currency line. A
 * link always wins; a field with a fallback is never reported as unmapped.
 */
export type FieldFallback =
  | { setting: string }
  | { voucherDate: 'year' | 'month' }
  | { baseRate: true };

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
  fallback?: FieldFallback;
}

export interface TargetCatalogue {
  /** The target format id, e.g. `kingdee-gl-voucher`. */
  format: string;
  label: Labels;
  /** `voucher` catalogues get the voucher checks (balance, one side per line, postable accounts). */
  kind: 'voucher' | 'document';
  /** Decimals of a local-currency amount in this ledger (2: CNY to the fen); the one money scale of the ledger. */
  moneyScale: number;
  /**
   * ISO code of the ledger's base currency: debits must equal credits in it, and lines in other currencies are
   * converted into it. The catalogues say CNY; the pipeline sets the mapping's own from its target settings.
   */
  localCurrency?: string;
  fields: TargetField[];
}

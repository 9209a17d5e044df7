import Decimal from 'decimal.js';
import { DIMENSIONS, type Dimension, type EntryLine, type Voucher } from '../engine/voucher';
import { getCatalogue } from '../ledgers';
import { currencyAmountText, decimalText, LedgerFormatError, localLines, moneyText } from '../ledgers/common';
import { PreconditionError } from './errors';

/**
 * The flat view of exported vouchers: one row per entry line, the same columns in the CSV and the XLSX. Header
 * values repeat on every row (importers group rows into a voucher by voucher number or OA reference + date), and
 * amounts stay decimal text from the stored voucher to the file: each writer decides how to put that text down.
 */

/** What the export knows of one stored `ok` run. */
export interface ExportedRun {
  runId: number;
  mapping: string;
  version: number | null;
  /** The target format of the version that produced it (`kingdee-gl-voucher`, `u8-voucher-xml`, …). */
  format: string;
  oaReference: string | null;
  /** The engine's voucher as the run stored it (amounts as decimal strings). */
  voucher: StoredVoucher;
  /** The serialised document exactly as delivered / as `ledgerlink map` prints it. */
  documentText: string | null;
  /** The parsed ledger settings of that version (local currency, default voucher word), or {} when unreadable. */
  options: Record<string, unknown>;
  deliveries: { status: string; voucherNumber: string | null }[];
}

/** Voucher as JSON.stringify wrote it: Decimal amounts became strings. */
export interface StoredVoucher {
  header: Voucher['header'];
  lines: (Omit<EntryLine, 'debit' | 'credit' | 'exchangeRate'> & { debit: string; credit: string; exchangeRate: string | null })[];
}

/** A cell as the writers need it: text, a whole number, a decimal amount (exact text) or a calendar date. */
export type ExportCell =
  | { kind: 'text'; value: string }
  | { kind: 'integer'; value: number }
  | { kind: 'decimal'; value: string }
  | { kind: 'date'; value: string };

export interface ExportColumn {
  code: string;
  zh: string;
  en: string;
}

const DIMENSION_ZH: Record<Dimension, string> = {
  department: '部门',
  employee: '职员',
  costCentre: '成本中心',
  supplier: '供应商',
  customer: '客户',
  project: '项目',
  expenseItem: '费用项目',
  customDimension1: '自定义核算维度1',
  customDimension2: '自定义核算维度2',
  customDimension3: '自定义核算维度3',
  customDimension4: '自定义核算维度4',
};

/** English codes head the data; the XLSX lists these with their Chinese names on its second sheet. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { code: 'voucherNumber', zh: '凭证号', en: 'number the finance system gave the voucher (delivered runs only)' },
  { code: 'deliveryStatus', zh: '传送状态', en: 'delivered / pending / dead; empty when the mapping has no finance system' },
  { code: 'voucherDate', zh: '凭证日期', en: 'voucher date (China time business date, YYYY-MM-DD)' },
  { code: 'fiscalYear', zh: '会计年度', en: 'fiscal year' },
  { code: 'period', zh: '会计期间', en: 'accounting period' },
  { code: 'voucherWord', zh: '凭证字', en: 'voucher word / group / type (the mapping\'s setting when the voucher leaves it empty)' },
  { code: 'oaReference', zh: 'OA单号', en: 'OA approval reference' },
  { code: 'mapping', zh: '映射', en: 'mapping that produced the voucher' },
  { code: 'version', zh: '映射版本', en: 'mapping version in force for the approval' },
  { code: 'runId', zh: '运行编号', en: 'Ledgerlink run id' },
  { code: 'lineNo', zh: '分录行号', en: 'entry line number within the voucher' },
  { code: 'summary', zh: '摘要', en: 'line summary' },
  { code: 'account', zh: '科目编码', en: 'account code' },
  { code: 'debit', zh: '借方(原币)', en: 'debit in the line currency' },
  { code: 'credit', zh: '贷方(原币)', en: 'credit in the line currency' },
  { code: 'currency', zh: '币别', en: 'ISO 4217 currency of the line' },
  { code: 'exchangeRate', zh: '汇率', en: 'local currency units per unit of the line currency' },
  { code: 'localDebit', zh: '借方(本位币)', en: 'debit in the ledger\'s local currency (what posts)' },
  { code: 'localCredit', zh: '贷方(本位币)', en: 'credit in the ledger\'s local currency (what posts)' },
  { code: 'localCurrency', zh: '本位币', en: 'the ledger\'s local currency' },
  ...DIMENSIONS.map((d) => ({ code: d, zh: DIMENSION_ZH[d], en: `dimension (辅助核算) ${d}` })),
];

const text = (value: string | null | undefined): ExportCell => ({ kind: 'text', value: value ?? '' });
const integer = (value: number | null): ExportCell => (value === null ? text('') : { kind: 'integer', value });
const decimal = (value: string): ExportCell => ({ kind: 'decimal', value });

/** The stored voucher with its amounts as Decimals again, for the ledgers' own conversion to local amounts. */
function revive(stored: StoredVoucher): Voucher {
  return {
    header: stored.header,
    lines: stored.lines.map((l) => ({
      ...l,
      debit: new Decimal(l.debit),
      credit: new Decimal(l.credit),
      exchangeRate: l.exchangeRate === null ? null : new Decimal(l.exchangeRate),
    })),
  };
}

const optionText = (options: Record<string, unknown>, key: string): string | null => (typeof options[key] === 'string' ? (options[key] as string) : null);

/**
 * The voucher word the ledger received: the mapped one, else the mapping's setting (Kingdee voucherGroup, U8
 * voucherType), the same fallback the serialisers apply.
 */
function voucherWordOf(run: ExportedRun): string {
  return run.voucher.header.voucherWord || optionText(run.options, 'voucherGroup') || optionText(run.options, 'voucherType') || '';
}

function deliveryCells(run: ExportedRun): [ExportCell, ExportCell] {
  const numbers = run.deliveries.filter((d) => d.status === 'delivered' && d.voucherNumber).map((d) => d.voucherNumber!);
  return [text(numbers.join('; ')), text(run.deliveries.map((d) => d.status).join('; '))];
}

/**
 * One row per entry line of the run's voucher. Local amounts come from the ledgers' own conversion (the function
 * the serialisers used when the document was written), at the run's ledger scale, so the columns agree with what
 * was posted — rounding difference included. A stored voucher that no longer converts is refused naming the run.
 */
export function voucherRows(run: ExportedRun): ExportCell[][] {
  const voucher = revive(run.voucher);
  const localCurrency = optionText(run.options, 'localCurrency') ?? 'CNY';
  const scale = getCatalogue(run.format)?.moneyScale ?? 2;
  let local: ReturnType<typeof localLines>;
  try {
    local = localLines(voucher, localCurrency, scale);
  } catch (e) {
    if (!(e instanceof LedgerFormatError)) throw e;
    throw new PreconditionError(`run ${run.runId} (${run.mapping}): its stored voucher cannot be exported: ${e.message}`);
  }
  const h = voucher.header;
  const [voucherNumber, deliveryStatus] = deliveryCells(run);
  return voucher.lines.map((line, i) => {
    const ll = local.lines[i];
    return [
      voucherNumber,
      deliveryStatus,
      { kind: 'date', value: h.date },
      integer(h.fiscalYear),
      integer(h.period),
      text(voucherWordOf(run)),
      text(run.oaReference ?? h.reference),
      text(run.mapping),
      integer(run.version),
      integer(run.runId),
      integer(i + 1),
      text(line.summary),
      text(line.account),
      decimal(currencyAmountText(ll.debit, ll.currency, i + 1)),
      decimal(currencyAmountText(ll.credit, ll.currency, i + 1)),
      text(ll.currency),
      decimal(decimalText(ll.rate, i + 1)),
      decimal(moneyText(ll.localDebit, scale, i + 1)),
      decimal(moneyText(ll.localCredit, scale, i + 1)),
      text(localCurrency),
      ...DIMENSIONS.map((d) => text(line.dimensions[d])),
    ];
  });
}

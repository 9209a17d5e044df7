import { DIMENSIONS, type Voucher } from '../engine/voucher';
import { CATALOGUES } from './catalogues';
import { currencyAmountText, dateText, decimalText, integerText, lineSide, localLines, moneyText } from './common';
import { defaultTargetOptions, type CsvOptions } from './options-schemas';

/**
 * A flat CSV of the voucher, one row per entry line, for spreadsheet review and GL import templates.
 * RFC 4180 (CRLF record ends, fields quoted when they hold a comma, quote or line break, quotes doubled),
 * UTF-8 with a byte-order mark so Excel opens Chinese text correctly.
 *
 * Header values (date, period, voucher word, reference) repeat on every row: importers group rows into a voucher
 * by them. fiscalYear and period are columns too, because a ledger's fiscal calendar need not follow the date.
 */

export const CSV_COLUMNS = [
  'date',
  'fiscalYear',
  'period',
  'voucherWord',
  'reference',
  'lineNo',
  'account',
  'summary',
  'debit',
  'credit',
  'currency',
  'exchangeRate',
  'localDebit',
  'localCredit',
  ...DIMENSIONS,
] as const;

const SCALE = CATALOGUES.csv.moneyScale;
const DEFAULT_OPTIONS = defaultTargetOptions('csv');

const PURE_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheet formula injection (CSV injection): a cell starting with = + - @ (or TAB/CR) is evaluated by Excel
 * and LibreOffice, so an OA user could plant `=HYPERLINK(...)` in a claim's description. Such cells get a leading
 * apostrophe, which spreadsheets show as text. Plain numbers (a red-ink "-12.30") are left alone.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PURE_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 field: quoted only when needed, embedded quotes doubled. */
export function csvField(value: string): string {
  const cell = neutraliseFormula(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function serialiseCsv(voucher: Voucher, options: CsvOptions = DEFAULT_OPTIONS): string {
  const h = voucher.header;
  const local = localLines(voucher, options.localCurrency, SCALE);
  const rows: string[][] = [[...CSV_COLUMNS]];
  voucher.lines.forEach((l, i) => {
    lineSide(l, i);
    const ll = local.lines[i];
    const d = l.dimensions;
    rows.push([
      dateText(h.date),
      integerText(h.fiscalYear, 'fiscal year'),
      integerText(h.period, 'period'),
      h.voucherWord ?? '',
      h.reference ?? '',
      String(i + 1),
      l.account,
      l.summary,
      // Both sides always filled ("0.00" on the empty one) so the column stays numeric for SUM().
      // debit/credit in the line's currency (its decimals), local* in the ledger's local currency at its scale.
      currencyAmountText(ll.debit, ll.currency, i + 1),
      currencyAmountText(ll.credit, ll.currency, i + 1),
      ll.currency,
      decimalText(ll.rate, i + 1),
      moneyText(ll.localDebit, SCALE, i + 1),
      moneyText(ll.localCredit, SCALE, i + 1),
      ...DIMENSIONS.map((dim) => d[dim] ?? ''),
    ]);
  });
  const body = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return (options.bom ? '\uFEFF' : '') + body;
}

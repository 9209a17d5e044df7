import type { Voucher } from '../engine/voucher';
import { dateText, integerText, lineSide, moneyText } from './common';

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
  'department',
  'employee',
  'costCentre',
  'supplier',
  'customer',
  'project',
] as const;

export interface CsvOptions {
  /** Prefix the UTF-8 byte-order mark (default true; Excel needs it to detect UTF-8). */
  bom?: boolean;
}

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

export function serialiseCsv(voucher: Voucher, options: CsvOptions = {}): string {
  const h = voucher.header;
  const rows: string[][] = [[...CSV_COLUMNS]];
  voucher.lines.forEach((l, i) => {
    lineSide(l, i);
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
      moneyText(l.debit, i + 1),
      moneyText(l.credit, i + 1),
      l.currency ?? '',
      d.department ?? '',
      d.employee ?? '',
      d.costCentre ?? '',
      d.supplier ?? '',
      d.customer ?? '',
      d.project ?? '',
    ]);
  });
  const body = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return (options.bom ?? true ? '\uFEFF' : '') + body;
}

import type { NodeInfo } from './graph';
import { perScope } from './per-scope';
import { attribute, readInput, type InputRef } from './runtime';
import type { Step } from './steps';
import type { CompileContext, CompileError } from './types';
import { Fault, toText, type Value } from './values';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The rows of one key in an effective-dated table, oldest first; equal dates keep the table's order. */
interface Dated {
  dates: string[];
  values: (Value | Fault)[][];
}

/**
 * A lookup node: the row whose key column equals the key input, its columns as outputs. With `asOfColumn` the
 * table is effective-dated (an exchange rate per currency from a date on): among the rows of the key, the latest
 * one dated on or before the `asOf` input wins. A miss is an error naming the key (and date), or the default.
 */
export function lookupStep(info: NodeInfo, refs: InputRef[], cctx: CompileContext, errors: CompileError[]): Step | null {
  const n = info.node;
  if (n.kind !== 'lookup') return null;
  const table = cctx.tables[n.table];
  if (!table) return null;
  const keyIdx = table.columns.indexOf(n.keyColumn);
  const colIdx = n.columns.map((c) => table.columns.indexOf(c));
  const miss = n.onMiss === 'default' ? n.columns.map(() => n.defaultValue ?? null) : null;
  const nulls = n.columns.map(() => null);
  const where = `${n.table}.${n.keyColumn}`;
  const [key, asOf] = refs;
  const missed = (text: string, r: number, message: string) => {
    if (miss) return miss;
    const f = attribute(new Fault('lookup_miss', message, text), info, r);
    return n.columns.map(() => f);
  };

  if (!n.asOfColumn) {
    // Index once per compile; the first row wins when a key repeats (the table editor flags duplicates).
    const index = new Map<string, (Value | Fault)[]>();
    for (const row of table.rows) {
      const k = (row[keyIdx] ?? '').trim();
      if (k !== '' && !index.has(k)) index.set(k, colIdx.map((i) => row[i] ?? null));
    }
    return perScope(info, (ctx, r) => {
      const k = readInput(ctx, key, r);
      if (k instanceof Fault) return n.columns.map(() => k);
      if (k === null || k === '') return nulls;
      const text = toText(k).trim();
      return index.get(text) ?? missed(text, r, `"${text}" is not in lookup table ${where}`);
    });
  }

  const dateIdx = table.columns.indexOf(n.asOfColumn);
  if (dateIdx < 0) return null; // reported by the graph as an unknown column
  const index = datedIndex(table.rows, keyIdx, dateIdx, colIdx, (row, value) =>
    errors.push({
      code: 'bad_table_date',
      node: n.id,
      message: `lookup table "${n.table}" row ${row}: "${value}" in column ${n.asOfColumn} is not a date (YYYY-MM-DD)`,
      params: { table: n.table, column: n.asOfColumn!, row: String(row), value },
    }),
  );
  return perScope(info, (ctx, r) => {
    const k = readInput(ctx, key, r);
    if (k instanceof Fault) return n.columns.map(() => k);
    if (k === null || k === '') return nulls;
    const text = toText(k).trim();
    const day = readInput(ctx, asOf, r);
    if (day instanceof Fault) return n.columns.map(() => day);
    if (day === null || day === undefined || day === '') {
      const f = new Fault('lookup_no_date', `lookup table ${where} is dated by ${n.asOfColumn}: "${text}" needs a date to pick its row`, text);
      return n.columns.map(() => attribute(f, info, r));
    }
    const date = toText(day);
    const rows = index.get(text);
    const at = rows ? latestOnOrBefore(rows.dates, date) : -1;
    if (at >= 0) return rows!.values[at];
    return missed(
      text,
      r,
      rows
        ? `lookup table ${where} has no row for "${text}" dated on or before ${date} (its earliest is ${rows.dates[0]})`
        : `"${text}" is not in lookup table ${where}`,
    );
  });
}

function datedIndex(
  rows: string[][],
  keyIdx: number,
  dateIdx: number,
  colIdx: number[],
  badDate: (row: number, value: string) => void,
): Map<string, Dated> {
  const byKey = new Map<string, { date: string; values: (Value | Fault)[] }[]>();
  let reported = 0;
  rows.forEach((row, i) => {
    const k = (row[keyIdx] ?? '').trim();
    if (k === '') return;
    const date = (row[dateIdx] ?? '').trim();
    if (!DATE.test(date)) {
      if (reported++ < 5) badDate(i + 1, date);
      return;
    }
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push({ date, values: colIdx.map((c) => row[c] ?? null) });
  });
  const index = new Map<string, Dated>();
  for (const [k, list] of byKey) {
    // Array.prototype.sort is stable: rows with the same date keep the table's order, and the first one wins.
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    index.set(k, { dates: list.map((x) => x.date), values: list.map((x) => x.values) });
  }
  return index;
}

/** Index of the row in force on `date`: the latest date ≤ it, the first such row when several share that date. */
function latestOnOrBefore(dates: string[], date: string): number {
  let lo = 0;
  let hi = dates.length; // first index with dates[i] > date
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  let at = lo - 1;
  while (at > 0 && dates[at - 1] === dates[at]) at--;
  return at;
}

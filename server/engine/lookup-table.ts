import type { LookupTableData } from './types';

/**
 * Keys that appear on more than one row of a column. A lookup takes the first such row, so the table editor warns
 * about the rest before anyone relies on them. Keys compare trimmed, as lookups do.
 */
export function duplicateKeys(table: LookupTableData, column: string): { key: string; rows: number[] }[] | null {
  const at = table.columns.indexOf(column);
  if (at < 0) return null;
  const seen = new Map<string, number[]>();
  table.rows.forEach((r, i) => {
    const key = (r[at] ?? '').trim();
    if (!key) return;
    const rows = seen.get(key);
    if (rows) rows.push(i + 1);
    else seen.set(key, [i + 1]);
  });
  return [...seen].filter(([, rows]) => rows.length > 1).map(([key, rows]) => ({ key, rows }));
}

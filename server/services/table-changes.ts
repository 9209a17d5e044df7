import { canonicalJson } from './canonical-json';

/** Rows kept in a table edit's audit entry at most: enough for a reviewer, bounded for a 100 000-row import. */
const MAX_LISTED = 500;

export interface RowChanges {
  added: string[][];
  removed: string[][];
  addedCount: number;
  removedCount: number;
  /** more rows changed than are listed */
  truncated: boolean;
}

/**
 * The rows only in `after` and only in `before`, as multisets of whole rows (a changed cell is one row removed and
 * one added: master data has no row identity besides its content).
 */
export function rowChanges(before: string[][], after: string[][]): RowChanges {
  const count = new Map<string, number>();
  for (const r of before) count.set(canonicalJson(r), (count.get(canonicalJson(r)) ?? 0) + 1);
  const added: string[][] = [];
  for (const r of after) {
    const k = canonicalJson(r);
    const n = count.get(k) ?? 0;
    if (n > 0) count.set(k, n - 1);
    else added.push(r);
  }
  const removed: string[][] = [];
  for (const r of before) {
    const k = canonicalJson(r);
    const n = count.get(k) ?? 0;
    if (n > 0) {
      removed.push(r);
      count.set(k, n - 1);
    }
  }
  return {
    added: added.slice(0, MAX_LISTED),
    removed: removed.slice(0, MAX_LISTED),
    addedCount: added.length,
    removedCount: removed.length,
    truncated: added.length > MAX_LISTED || removed.length > MAX_LISTED,
  };
}

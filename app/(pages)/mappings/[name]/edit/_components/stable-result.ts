import type { PreviewResult } from '../../../../../_trpc/types';

/**
 * A new preview result that keeps the previous result's objects for the trace entries and voucher lines that came
 * out the same, so the tables re-render only the rows an edit changed (their cells compare records by identity).
 */
export function stableResult(prev: PreviewResult | null, next: PreviewResult): PreviewResult {
  if (!prev) return next;
  return { ...next, trace: reuse(prev.trace, next.trace), lines: reuse(prev.lines, next.lines) };
}

function reuse<T>(before: readonly T[], after: T[]): T[] {
  if (!before.length) return after;
  const seen = new Map(before.map((item) => [JSON.stringify(item), item]));
  return after.map((item) => seen.get(JSON.stringify(item)) ?? item);
}

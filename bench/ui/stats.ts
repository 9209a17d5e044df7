/** Medians and the printed table of `npm run bench:ui`; pure, so the verdicts are unit-tested. */

export interface Measure {
  mapping: string;
  measure: string;
  /** Milliseconds, one per repetition. */
  samples: number[];
  targetMs: number;
}

export function median(samples: readonly number[]): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const verdict = (m: Measure) => (median(m.samples) <= m.targetMs ? 'met' : 'missed');

const ms = (x: number) => (Number.isFinite(x) ? `${x < 100 ? x.toFixed(1) : x.toFixed(0)} ms` : '—');

export function formatTable(rows: readonly Measure[]): string {
  const header = ['mapping', 'measure', 'median', 'min', 'max', 'runs', 'target', 'verdict'];
  const body = rows.map((r) => [
    r.mapping,
    r.measure,
    ms(median(r.samples)),
    ms(Math.min(...r.samples)),
    ms(Math.max(...r.samples)),
    String(r.samples.length),
    `≤ ${r.targetMs} ms`,
    verdict(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Medians and the printed table of `npm run bench:ui`; pure, so the verdicts are unit-tested. */

export interface Measure {
  mapping: string;
  measure: string;
  /** Milliseconds, one per repetition. */
  samples: number[];
  /** None for figures not held to a target: a baseline's own (what the editor is compared with), or information. */
  targetMs?: number;
}

export function median(samples: readonly number[]): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const verdict = (m: Measure) => (m.targetMs === undefined ? '—' : median(m.samples) <= m.targetMs ? 'met' : 'missed');

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
    r.targetMs === undefined ? '—' : `≤ ${r.targetMs} ms`,
    verdict(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The acceptance targets of issue 11, relative to the bare React Flow page of the same build. */
export const OPEN_RATIO_TARGET = 1.5;
export const PREVIEW_MINUS_BASELINE_TARGET_MS = 33;

export interface AgainstBaseline {
  /** median(editor open → interactive) / median(baseline open → interactive) */
  openRatio: number;
  /** median(link → preview committed) − median(baseline edge added → committed), in ms */
  previewMinusBaselineMs: number;
  met: boolean;
  /** The report's last line: `open/baseline=<ratio> preview_minus_baseline_ms=<n>`. */
  line: string;
}

export function againstBaseline(open: { editor: readonly number[]; baseline: readonly number[] }, link: { editor: readonly number[]; baseline: readonly number[] }): AgainstBaseline {
  const openRatio = median(open.editor) / median(open.baseline);
  const previewMinusBaselineMs = median(link.editor) - median(link.baseline);
  const met = openRatio <= OPEN_RATIO_TARGET && previewMinusBaselineMs <= PREVIEW_MINUS_BASELINE_TARGET_MS;
  return { openRatio, previewMinusBaselineMs, met, line: `open/baseline=${openRatio.toFixed(2)} preview_minus_baseline_ms=${Math.round(previewMinusBaselineMs)}` };
}

import { describe, expect, it } from 'vitest';
import { againstBaseline, formatTable, median, verdict } from './stats';

describe('the UI benchmark report', () => {
  it('takes the median of odd and even runs, unsorted', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([])).toBeNaN();
  });

  it('meets a target at or under it and misses above it', () => {
    expect(verdict({ mapping: 'm', measure: 'x', samples: [50, 49, 70], targetMs: 50 })).toBe('met');
    expect(verdict({ mapping: 'm', measure: 'x', samples: [51, 60, 10], targetMs: 50 })).toBe('missed');
  });

  it('prints one aligned row per measure with its target and verdict', () => {
    const table = formatTable([
      { mapping: 'demo', measure: 'open → interactive', samples: [812, 790, 845], targetMs: 1500 },
      { mapping: 'large form', measure: 'link → preview', samples: [180, 170, 200], targetMs: 150 },
    ]);
    const [head, rule, demo, large] = table.split('\n');
    expect(head).toMatch(/^mapping\s+measure\s+median/);
    expect(rule).toMatch(/^-+\s+-+/);
    expect(demo).toMatch(/demo\s+open → interactive\s+812 ms\s+790 ms\s+845 ms\s+3\s+≤ 1500 ms\s+met$/);
    expect(large).toMatch(/180 ms.*≤ 150 ms\s+missed$/);
  });

  it('prints a baseline row without a target', () => {
    const row = { mapping: 'demo', measure: 'baseline open', samples: [400, 420] };
    expect(verdict(row)).toBe('—');
    expect(formatTable([row]).split('\n')[2]).toMatch(/410 ms\s+400 ms\s+420 ms\s+2\s+—\s+—$/);
  });

  it('compares the editor with the baseline of the same run: ratio of opens, difference of re-renders', () => {
    const r = againstBaseline({ editor: [1300, 1200, 1250], baseline: [500, 1000, 800] }, { editor: [60, 40, 50], baseline: [12, 20, 16] });
    expect(r.openRatio).toBeCloseTo(1250 / 800, 10);
    expect(r.previewMinusBaselineMs).toBe(34);
    expect(r.met).toBe(false);
    expect(r.line).toBe('open/baseline=1.56 preview_minus_baseline_ms=34');
    const fast = againstBaseline({ editor: [1200], baseline: [800] }, { editor: [49] , baseline: [16] });
    expect([fast.line, fast.met]).toEqual(['open/baseline=1.50 preview_minus_baseline_ms=33', true]);
  });
});

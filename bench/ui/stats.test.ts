import { describe, expect, it } from 'vitest';
import { formatTable, median, verdict } from './stats';

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
});

import { describe, expect, it } from 'vitest';
import type { PreviewResult } from '../../../../../_trpc/types';
import { stableResult } from './stable-result';

const line = (lineNo: number, debit: string) => ({ lineNo, debit, account: '6601.02' });
const entry = (target: string, value: string) => ({ target, value, sources: [] });
const result = (lines: object[], trace: object[]) => ({ kind: 'ok', lines, trace }) as unknown as PreviewResult;

describe('keeping the unchanged rows of a new preview result', () => {
  it('reuses equal lines and trace entries and takes the changed ones', () => {
    const prev = result([line(1, '10.00'), line(2, '20.00')], [entry('a', '1'), entry('b', '2')]);
    const next = stableResult(prev, result([line(1, '10.00'), line(2, '25.00')], [entry('a', '1'), entry('b', '3'), entry('c', '4')]));
    expect(next.lines[0]).toBe(prev.lines[0]);
    expect(next.lines[1]).not.toBe(prev.lines[1]);
    expect(next.lines[1]).toEqual(line(2, '25.00'));
    expect(next.trace[0]).toBe(prev.trace[0]);
    expect(next.trace.slice(1)).toEqual([entry('b', '3'), entry('c', '4')]);
  });

  it('keeps the new result as it is when there was none before', () => {
    const next = result([line(1, '1.00')], []);
    expect(stableResult(null, next)).toBe(next);
  });
});

import { describe, expect, it } from 'vitest';
import { fault } from '../values';
import { D, agg, faultCode, fn } from './test-helpers';

const amounts = [D('100.10'), null, D('0.20'), D('-50')];

describe('aggregates', () => {
  it('declare values plus an optional boolean where', () => {
    const ports = fn('agg.sum').inputs;
    expect(ports.map((p) => [p.name, p.type, !!p.optional])).toEqual([
      ['values', 'number', false],
      ['where', 'boolean', true],
    ]);
  });

  it('sum adds the rows exactly, skipping blanks', () => {
    expect(agg('agg.sum', amounts)).toBe('50.3');
    expect(agg('agg.sum', [D('99999999999999999999999.99'), D('0.01')])).toBe('100000000000000000000000');
  });

  it('count counts non-empty values', () => {
    expect(agg('agg.count', ['a', '', null, D('0'), false])).toBe('3');
  });

  it('min / max skip blanks', () => {
    expect(agg('agg.min', amounts)).toBe('-50');
    expect(agg('agg.max', amounts)).toBe('100.1');
  });

  it('no rows: sum and count 0, min and max empty', () => {
    expect(agg('agg.sum', [])).toBe('0');
    expect(agg('agg.count', [])).toBe('0');
    expect(agg('agg.min', [])).toBeNull();
    expect(agg('agg.max', [null, null])).toBeNull();
  });

  it('where keeps only rows whose condition is true', () => {
    const where = [true, true, false, null];
    expect(agg('agg.sum', amounts, where)).toBe('100.1');
    expect(agg('agg.count', amounts, where)).toBe('1');
    expect(agg('agg.min', amounts, where)).toBe('100.1');
    expect(agg('agg.max', amounts, [false, false, false, false])).toBeNull();
  });

  it('an unconnected where counts every row', () => {
    expect(agg('agg.sum', amounts, [undefined as never, undefined as never, undefined as never, undefined as never])).toBe('50.3');
  });

  it('the first fault in a counted row is the result; faults in excluded rows are ignored', () => {
    const f1 = fault('bad_amount', 'row 2', 'x');
    const f2 = fault('bad_amount', 'row 3', 'y');
    expect(agg('agg.sum', [D('1'), f1, f2])).toBe(f1);
    expect(agg('agg.count', [D('1'), f1, f2])).toBe(f1);
    expect(agg('agg.max', [D('1'), f1, f2], [true, false, true])).toBe(f2);
    expect(agg('agg.sum', [D('1'), f1], [true, false])).toBe('1');
    const fw = fault('bad_flag', 'where', null);
    expect(agg('agg.sum', [D('1'), D('2')], [true, fw])).toBe(fw);
  });

  it('a non-number reaching a numeric aggregate is a fault', () => {
    expect(faultCode(agg('agg.sum', [D('1'), 'abc']))).toBe('not_a_number');
  });
});

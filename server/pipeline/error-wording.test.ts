import { describe, expect, it } from 'vitest';
import type { MappingSpec, RunError } from '../engine';
import { getCatalogue } from '../ledgers';
import { errorWording } from './error-wording';

const catalogue = getCatalogue('kingdee-gl-voucher')!;
const spec = {
  nodes: [{ id: 'lk.dept', kind: 'lookup', table: 'departments', keyColumn: 'name', columns: ['code'], onMiss: 'error' }],
} as unknown as MappingSpec;
const err = (over: Partial<RunError>): RunError => ({ field: null, row: null, value: null, message: 'engine words', code: 'x', ...over });

describe('the figures and field a run error is worded from', () => {
  it('names the voucher field of a line value by its catalogue label, with the 1-based line', () => {
    const w = errorWording(err({ code: 'too_many_decimals', value: '12.345', target: 'lines[2].debit' }), spec, catalogue);
    expect(w.targetLabel).toEqual(catalogue.fields.find((f) => f.group === 'line' && f.id === 'debit')!.label);
    expect(w.params).toEqual({ value: '12.345', line: '3', scale: String(catalogue.moneyScale) });
  });

  it('gives both sides and the exact difference of an unbalanced voucher, at the ledger scale', () => {
    const w = errorWording(err({ code: 'unbalanced', value: { debit: '100.10', credit: '100.01' }, target: 'voucher' }), spec, catalogue);
    expect(w.params).toMatchObject({ debit: '100.10', credit: '100.01', difference: '0.09' });
    expect(errorWording(err({ code: 'unbalanced', value: { debit: '100.10', credit: '100.00' } }), spec, catalogue).params.difference).toBe('0.10');
    expect(w.targetLabel).toBeNull();
  });

  it('counts characters, not UTF-16 units, for a text that is too long, and names the limit', () => {
    const summary = catalogue.fields.find((f) => f.group === 'line' && f.maxLength !== undefined)!;
    const w = errorWording(err({ code: 'too_long', value: '𠀀'.repeat(3), target: `lines[0].${summary.id}` }), spec, catalogue);
    expect(w.params).toMatchObject({ length: '3', max: String(summary.maxLength) });
  });

  it('numbers the line a voucher check names as a whole, with no field', () => {
    const w = errorWording(err({ code: 'account_not_postable', value: '6601', target: 'lines[1]' }), spec, catalogue);
    expect(w.params).toEqual({ value: '6601', line: '2' });
    expect(w.targetLabel).toBeNull();
  });

  it('names the table a lookup missed in, from the node that raised it', () => {
    const w = errorWording(err({ code: 'lookup_miss', value: '火星部', node: 'lk.dept' }), spec, catalogue);
    expect(w.params).toMatchObject({ value: '火星部', table: 'departments', column: 'name' });
  });

  it('blames a voucher field only for an error raised on its target node', () => {
    const withTarget = { nodes: [...spec.nodes, { id: 't.date', kind: 'target', field: 'date' }, { id: 'fn.year', kind: 'function', fn: 'date.year' }] } as unknown as MappingSpec;
    const onTarget = errorWording(err({ code: 'not_a_date', value: 'x', node: 't.date', target: 'header.date' }), withTarget, catalogue);
    expect(onTarget.targetLabel).not.toBeNull();
    // A function's input that is no date, on its way to the fiscal year: the fiscal year is not what is wrong.
    const onTheWay = errorWording(err({ code: 'not_a_date', value: '2025031409', node: 'fn.year', target: 'header.fiscalYear' }), withTarget, catalogue);
    expect(onTheWay.targetLabel).toBeNull();
  });

  it('quotes a readable piece of a huge value, but counts all of a text that is too long', () => {
    const huge = 'A'.repeat(100_000);
    const w = errorWording(err({ code: 'too_long', value: huge, target: 'lines[0].summary' }), spec, catalogue);
    expect(w.params.value.length).toBeLessThan(100);
    expect(w.params.length).toBe('100000');
  });

  it('survives a value of any shape and an unknown target', () => {
    expect(errorWording(err({ code: 'unbalanced', value: { debit: 'x', credit: '1' } }), spec, catalogue).params.difference).toBeUndefined();
    for (const value of [undefined, null, 0, { a: 1 }, [1, 2], 'x'.repeat(10)])
      expect(() => errorWording(err({ code: 'unbalanced', value, target: 'lines[x].?' }), spec, null)).not.toThrow();
  });
});

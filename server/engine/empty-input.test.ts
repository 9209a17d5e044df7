import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { MappingSpecInput } from './spec';
import { TABLES, TEST_CATALOGUE, cell, claimRecord, claimSpec, record, row, withNodes } from './test-support';

/** The claim spec with "total = Σ amounts" checked, and each row's amount checked to be at least its tax. */
function checkedSpec(): MappingSpecInput {
  const spec = claimSpec();
  spec.nodes.find((n) => n.id === 'total')!.label = 'Claim total';
  return withNodes(
    spec,
    [
      { id: 'tax', kind: 'source', table: 'rows', column: 'tax', fieldType: 'money', label: 'Tax' },
      { id: 'sum', kind: 'function', fn: 'agg.sum', params: {} },
      { id: 'matches', kind: 'function', fn: 'logic.equals', params: {} },
      { id: 'chkTotal', kind: 'check', message: { zh: '报销总额必须等于明细金额之和', en: 'the total must equal the sum of the rows' }, field: 'total' },
      { id: 'taxOr0', kind: 'function', fn: 'logic.coalesce', params: {} },
      { id: 'zeroTax', kind: 'constant', valueType: 'money', value: '0' },
      { id: 'taxWithin', kind: 'function', fn: 'math.compare', params: { op: 'le' } },
      { id: 'chkTax', kind: 'check', message: { zh: '税额不能大于金额', en: 'tax must not exceed the amount' } },
    ],
    [
      { id: 'c1', from: { node: 'amount' }, to: { node: 'sum', port: 'values' } },
      { id: 'c2', from: { node: 'total' }, to: { node: 'matches', port: 'a' } },
      { id: 'c3', from: { node: 'sum' }, to: { node: 'matches', port: 'b' } },
      { id: 'c4', from: { node: 'matches' }, to: { node: 'chkTotal', port: 'ok' } },
      { id: 'c5', from: { node: 'tax' }, to: { node: 'taxOr0', port: 'values.0' } },
      { id: 'c6', from: { node: 'zeroTax' }, to: { node: 'taxOr0', port: 'values.1' } },
      { id: 'c7', from: { node: 'taxOr0' }, to: { node: 'taxWithin', port: 'a' } },
      { id: 'c8', from: { node: 'amount' }, to: { node: 'taxWithin', port: 'b' } },
      { id: 'c9', from: { node: 'taxWithin' }, to: { node: 'chkTax', port: 'ok' } },
    ],
  );
}

async function run(rec: ReturnType<typeof claimRecord>) {
  const compiled = compile(checkedSpec(), { catalogue: TEST_CATALOGUE, tables: TABLES });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.executor.execute(rec);
}

const claim = (amounts: (string | null)[], taxes: (string | null)[], total: string | null) =>
  record({
    dept: cell('text', 'Sales'),
    ...(total === null ? {} : { total: cell('money', total) }),
    rows: cell('table', amounts.map((a, i) => row({ amount: cell('money', a), tax: cell('money', taxes[i] ?? null), desc: cell('text', `row ${i + 1}`) }))),
  });

describe('a missing input is reported where it enters', () => {
  it('names the absent total as empty, not the comparison that could not be made', async () => {
    const res = await run(claim(['100.00'], [null], null));
    expect(res.errors).toEqual([expect.objectContaining({ code: 'empty_input', field: 'total', row: null, node: 'total', message: 'Claim total is empty' })]);
  });

  it('keeps the rule’s own message when the total is there and differs', async () => {
    const res = await run(claim(['100.00'], [null], '99.00'));
    expect(res.errors).toEqual([expect.objectContaining({ code: 'check_failed', field: 'total', message: 'the total must equal the sum of the rows' })]);
  });

  it('names the row of an empty amount, and does not blame a tax the mapping reads as 0 when empty', async () => {
    const res = await run(claim(['5.00', null], [null, null], '5.00'));
    const taxRule = res.errors.filter((e) => e.node === 'chkTax' || e.field === 'tax');
    expect(taxRule).toEqual([]);
    expect(res.errors).toContainEqual(expect.objectContaining({ code: 'empty_input', field: 'amount', row: 2, node: 'amount' }));
  });

  it('keeps a failed rule as it is when every value it reads is there', async () => {
    const res = await run(claim(['5.00'], ['6.00'], '5.00'));
    expect(res.errors).toEqual([expect.objectContaining({ code: 'check_failed', row: 1, message: 'tax must not exceed the amount' })]);
  });

  it('reports a required voucher field left empty by an empty form value as that value being empty', async () => {
    const res = await run(record({ ...claim(['5.00'], [null], '5.00').fields }, { finishedAt: null }));
    expect(res.errors).toEqual([expect.objectContaining({ code: 'empty_input', field: '$finishedAt', node: 'finish', target: 'header.date' })]);
    expect(res.errors.some((e) => e.code === 'required')).toBe(false);
  });
});


import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { MappingSpecInput } from './spec';
import { TABLES, TEST_CATALOGUE, cell, claimRecord, claimSpec, record, row } from './test-support';
import type { Executor } from './types';
import type { Voucher } from './voucher';

function executor(spec: MappingSpecInput = claimSpec()): Executor {
  const r = compile(spec, { catalogue: TEST_CATALOGUE, tables: TABLES });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.executor;
}

describe('execute', () => {
  it('builds a balanced voucher with one line per positive row, in row order', async () => {
    const res = await executor().execute(claimRecord(['100.10', '0', '20.5'], '120.60'));
    expect(res.errors).toEqual([]);
    expect(res.status).toBe('ok');
    const v = res.output as Voucher;
    expect(v.header.date).toBe('2025-03-16'); // 17:30 UTC is the next day in Beijing
    expect(v.lines.map((l) => [l.summary, l.account, l.debit.toFixed(2), l.credit.toFixed(2), l.dimensions.department ?? null])).toEqual([
      ['row 1', '6601.02', '100.10', '0.00', 'D1'],
      ['row 3', '6601.02', '20.50', '0.00', 'D1'],
      ['payable', '2241', '0.00', '120.60', null],
    ]);
    expect(res.draft?.origins.map((o) => o.row)).toEqual([1, 3, null]);
  });

  it('traces every output value to its source fields, rows and nodes', async () => {
    const res = await executor().execute(claimRecord(['1', '2'], '3'));
    const debit = res.trace.find((t) => t.target === 'lines[1].debit');
    expect(debit?.sources).toEqual([{ field: 'amount', table: 'rows', row: 2 }]);
    const account = res.trace.find((t) => t.target === 'lines[0].account');
    expect(account?.nodes).toEqual(expect.arrayContaining(['dept', 'lkDept', 'account']));
    expect(account?.sources[0]).toMatchObject({ field: 'dept', row: null });
  });

  it('refuses an unbalanced voucher and says by how much', async () => {
    const res = await executor().execute(claimRecord(['100.00'], '99.99'));
    expect(res.status).toBe('error');
    expect(res.output).toBeNull();
    expect(res.errors).toEqual([expect.objectContaining({ code: 'unbalanced', message: expect.stringMatching(/100\.00 ≠ credits 99\.99/) })]);
  });

  it('names the field, row and value of a lookup miss', async () => {
    const res = await executor().execute(claimRecord(['5'], '5', 'Marketing'));
    expect(res.errors[0]).toMatchObject({ code: 'lookup_miss', field: 'dept', row: null, value: 'Marketing', node: 'lkDept' });
  });

  it('names the row of an amount that is not a number, and of one with too many decimals', async () => {
    const res = await executor().execute(claimRecord(['5', 'abc'], '5'));
    expect(res.errors[0]).toMatchObject({ code: 'not_a_number', field: 'amount', row: 2, value: 'abc' });
    const dec = await executor().execute(claimRecord(['5.125'], '5.125'));
    expect(dec.errors[0]).toMatchObject({ code: 'too_many_decimals', field: 'amount', row: 1, value: '5.125' });
  });

  it('never rounds silently: 12.340 is fine, it has two decimals', async () => {
    const res = await executor().execute(claimRecord(['12.340'], '12.34'));
    expect(res.status).toBe('ok');
  });

  it('refuses a voucher with fewer than two lines', async () => {
    const res = await executor().execute(claimRecord(['0'], '0'));
    expect(res.errors.map((e) => e.code)).toContain('too_few_lines');
  });

  it('refuses accounts that are not postable in the attached chart', async () => {
    const spec = claimSpec();
    (spec.nodes.find((n) => n.id === 'account') as { params: unknown }).params = { template: '{prefix}' };
    const res = await executor(spec).execute(claimRecord(['5'], '5'));
    expect(res.errors[0]).toMatchObject({ code: 'account_not_postable', value: '6601', field: 'dept' });
  });

  it('skips instances that are not approved, with the status as the reason', async () => {
    const res = await executor().execute({ ...claimRecord(['5'], '5'), status: 'running', rawStatus: 'RUNNING' });
    expect(res.status).toBe('skipped');
    expect(res.reason).toMatch(/running \(RUNNING\)/);
  });

  it('merges grouped lines and sums their money', async () => {
    const spec = claimSpec();
    spec.lines[0] = { id: 'expense', repeat: { table: 'rows' }, groupBy: ['account', 'department'] };
    spec.edges.find((e) => e.id === 'e7')!.from = { node: 'account' }; // summary = account, equal for all rows
    const res = await executor(spec).execute(claimRecord(['1.10', '2.20', '3.30'], '6.60'));
    const v = res.output as Voucher;
    expect(v.lines.map((l) => [l.account, l.debit.toFixed(2)])).toEqual([['6601.02', '6.60'], ['2241', '0.00']]);
    // The trace names the merged lines: the first line's debit came from all three rows, the second is the payable.
    const lineNos = new Set(res.trace.flatMap((t) => (/^lines\[(\d+)\]/.exec(t.target) ? [Number(/^lines\[(\d+)\]/.exec(t.target)![1])] : [])));
    expect([...lineNos].sort()).toEqual([0, 1]);
    const debit = res.trace.filter((t) => t.target === 'lines[0].debit');
    expect(debit).toHaveLength(1);
    expect(debit[0].sources.filter((s) => s.table === 'rows').map((s) => s.row)).toEqual([1, 2, 3]);
    expect(res.trace.find((t) => t.target === 'lines[1].credit')!.sources.every((s) => s.table !== 'rows')).toBe(true);
  });

  it('evaluates a per-row check once per row and names each failing row', async () => {
    const spec = claimSpec();
    spec.nodes.push(
      { id: 'lt1000', kind: 'function', fn: 'math.compare', params: { op: 'lt' } },
      { id: 'k1000', kind: 'constant', valueType: 'money', value: '1000' },
      { id: 'chk', kind: 'check', message: { zh: '单行不得超过 1000', en: 'a row may not exceed 1000' } },
    );
    spec.edges.push(
      { id: 'x1', from: { node: 'amount' }, to: { node: 'lt1000', port: 'a' } },
      { id: 'x2', from: { node: 'k1000' }, to: { node: 'lt1000', port: 'b' } },
      { id: 'x3', from: { node: 'lt1000' }, to: { node: 'chk', port: 'ok' } },
    );
    const res = await executor(spec).execute(claimRecord(['2000', '1', '3000'], '5001'));
    expect(res.errors.filter((e) => e.code === 'check_failed').map((e) => [e.field, e.row, e.value])).toEqual([
      ['amount', 1, '2000'],
      ['amount', 3, '3000'],
    ]);
    expect(res.errors[0].labels?.zh).toBe('单行不得超过 1000');
  });

  it('runs a JSONata expression node with decimals passed as text', async () => {
    const spec = claimSpec();
    spec.nodes.push({ id: 'upper', kind: 'expression', expression: '$uppercase($d) & "!"', inputs: ['d'], outputType: 'text' });
    spec.edges.push({ id: 'x1', from: { node: 'desc' }, to: { node: 'upper', port: 'd' } });
    spec.edges.find((e) => e.id === 'e7')!.from = { node: 'upper' };
    const res = await executor(spec).execute(claimRecord(['1'], '1'));
    expect((res.output as Voucher).lines[0].summary).toBe('ROW 1!');
  });

  it('an expression that runs away is stopped with an error, not a hang', async () => {
    const spec = claimSpec();
    spec.nodes.push({ id: 'loop', kind: 'expression', expression: '($f := function($n){ $f($n + 1) }; $f(0))', inputs: ['d'], outputType: 'text' });
    spec.edges.push({ id: 'x1', from: { node: 'desc' }, to: { node: 'loop', port: 'd' } });
    spec.edges.find((e) => e.id === 'e7')!.from = { node: 'loop' };
    const res = await executor(spec).execute(claimRecord(['1'], '1'));
    expect(res.errors[0]).toMatchObject({ code: 'expression_budget', row: 1 });
  });

  it('treats hostile field ids and values as plain data', async () => {
    const rec = record({
      dept: cell('text', 'Sales'),
      total: cell('money', '1'),
      rows: cell('table', [row({ amount: cell('money', '1'), desc: cell('text', 'x\u0000\u202e'.repeat(10)), ['__proto__']: cell('text', 'p') })]),
    });
    const res = await executor().execute(rec);
    expect(res.status).toBe('ok');
    expect(({} as Record<string, unknown>).desc).toBeUndefined();
  });

  it('a missing detail table yields no rows rather than a crash', async () => {
    const rec = record({ dept: cell('text', 'Sales'), total: cell('money', '1') });
    const res = await executor().execute(rec);
    expect(res.status).toBe('error');
    expect(res.errors.map((e) => e.code)).toContain('too_few_lines');
  });
});

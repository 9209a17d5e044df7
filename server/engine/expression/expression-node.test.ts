import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import type { MappingSpecInput } from '../spec';
import { TABLES, TEST_CATALOGUE, claimRecord, claimSpec } from '../test-support';
import type { ExpressionEvaluator } from './evaluator';
import type { Executor } from '../types';
import type { Voucher } from '../voucher';
import { inProcessEvaluator } from './in-process';

/** The test claim with an expression node between each row's amount and its debit. */
function specWithDebitExpression(expression: string, outputType: 'money' | 'number' | 'text' | 'any' = 'money'): MappingSpecInput {
  const spec = claimSpec();
  spec.nodes.push({ id: 'calc', kind: 'expression', expression, inputs: ['a'], outputType });
  spec.edges.push({ id: 'x1', from: { node: 'amount' }, to: { node: 'calc', port: 'a' } });
  spec.edges.find((e) => e.id === 'e9')!.from = { node: 'calc' };
  return spec;
}

function executor(spec: MappingSpecInput, expressions?: ExpressionEvaluator): Executor {
  const r = compile(spec, { catalogue: TEST_CATALOGUE, tables: TABLES, expressions });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.executor;
}

describe('expression node results', () => {
  it('refuses a floating-point result for a money output, naming the node and the value', async () => {
    const res = await executor(specWithDebitExpression('$number($a) * 1.1')).execute(claimRecord(['0.1'], '0.11'));
    expect(res.status).toBe('error');
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({ code: 'expression_float', node: 'calc', row: 1, value: 0.11000000000000001 });
    expect(res.errors[0].message).toMatch(/^expression calc returned the floating-point number 0\.11000000000000001 for a money output; use \$decAdd/);
  });

  it('refuses a float for an output of any type too: it could reach an amount downstream', async () => {
    const res = await executor(specWithDebitExpression('$number($a) + 0.2', 'any')).execute(claimRecord(['0.1'], '0.3'));
    expect(res.errors[0]).toMatchObject({ code: 'expression_float', value: 0.30000000000000004 });
  });

  it('the decimal functions give the exact amount a voucher needs', async () => {
    const res = await executor(specWithDebitExpression('$decAdd($a, "0.2")')).execute(claimRecord(['0.1'], '0.3'));
    expect(res.errors).toEqual([]);
    expect((res.output as Voucher).lines[0].debit.toFixed()).toBe('0.3');
  });

  it('a safe whole number is exact and accepted', async () => {
    const res = await executor(specWithDebitExpression('$number($a) * 3')).execute(claimRecord(['25'], '75'));
    expect(res.errors).toEqual([]);
    expect((res.output as Voucher).lines[0].debit.toFixed()).toBe('75');
  });

  it('an object is refused rather than passed on', async () => {
    const res = await executor(specWithDebitExpression('{"amount": $a}', 'any')).execute(claimRecord(['1'], '1'));
    expect(res.errors[0]).toMatchObject({ code: 'expression_object', node: 'calc' });
  });
});

describe('one expression budget per run (in-process evaluator)', () => {
  // About 10-25 ms of JSONata work per row on a quiet machine (200 rows: several seconds), checked between steps
  // by JSONata's own guard; well under the budget for one row even on a busy one.
  const SLOW = '$count([1..20000].($string($))) > 0 ? $a : $a';
  const BUDGET = { timeMs: 1000, maxChars: 1_000_000 };

  it('a 200-row claim with a slow expression per row stops at the run budget, not 200 times a row limit', async () => {
    const amounts = Array.from({ length: 200 }, () => '1');
    const run = executor(specWithDebitExpression(SLOW), inProcessEvaluator(BUDGET));
    const started = Date.now();
    const res = await run.execute(claimRecord(amounts, '200'));
    const took = Date.now() - started;
    expect(took).toBeLessThan(2500);
    const budget = res.errors.filter((e) => e.code === 'expression_budget');
    expect(budget).toHaveLength(1);
    expect(budget[0].message).toMatch(/^expression calc took longer than 1000 ms/);
    expect(budget[0].row).toBeGreaterThan(1);
  });

  it('a second run gets a budget of its own', async () => {
    const run = executor(specWithDebitExpression(SLOW), inProcessEvaluator(BUDGET));
    await run.execute(claimRecord(Array.from({ length: 200 }, () => '1'), '200'));
    const res = await run.execute(claimRecord(['1'], '1'));
    expect(res.errors).toEqual([]);
  });

  it('$pad past the output budget is refused before the padding is built', async () => {
    const spec = specWithDebitExpression('$length($pad("x", 100000000)) > 0 ? $a : $a');
    const started = Date.now();
    const res = await executor(spec).execute(claimRecord(['1'], '1'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.errors[0]).toMatchObject({ code: 'expression_budget', node: 'calc' });
    expect(res.errors[0].message).toMatch(/produced more than 1000000 characters/);
  });

  it('results count against the run output budget together', async () => {
    const spec = claimSpec();
    spec.nodes.push({ id: 'big', kind: 'expression', expression: '$pad($d, 600)', inputs: ['d'], outputType: 'text' });
    spec.edges.push({ id: 'x1', from: { node: 'desc' }, to: { node: 'big', port: 'd' } });
    spec.edges.find((e) => e.id === 'e7')!.from = { node: 'big' };
    const res = await executor(spec, inProcessEvaluator({ timeMs: 1000, maxChars: 1000 })).execute(claimRecord(['1', '2', '3'], '6'));
    expect(res.errors.map((e) => [e.code, e.row])).toContainEqual(['expression_budget', 2]);
    expect(res.errors.find((e) => e.code === 'expression_budget')!.message).toMatch(/produced more than 1000 characters/);
  });
});

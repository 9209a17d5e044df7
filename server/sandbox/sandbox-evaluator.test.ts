import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../engine/compile';
import type { MappingSpecInput } from '../engine/spec';
import { TABLES, TEST_CATALOGUE, claimRecord, claimSpec } from '../engine/test-support';
import { SandboxEvaluator } from './sandbox-evaluator';

const CATASTROPHIC = '$match($s, /(a+)+$/)';
const EVIL_TEXT = 'a'.repeat(32) + '!';
/**
 * The main thread's longest pause while an expression runs. An evaluation on the main thread would pause it for the
 * whole budget (1,000 ms) or, as before, for minutes; the sandbox leaves it free. The bound leaves room for garbage
 * collection and a busy two-core CI machine (213 ms was seen with the browser suite running beside it).
 */
const MAX_MAIN_THREAD_GAP_MS = 600;

const evaluators: SandboxEvaluator[] = [];
function sandbox(timeMs = 1000, maxChars = 1_000_000, memoryMb?: number): SandboxEvaluator {
  const e = new SandboxEvaluator({ budget: { timeMs, maxChars }, processes: 1, memoryMb });
  evaluators.push(e);
  return e;
}
afterAll(() => evaluators.forEach((e) => e.close()));

/** Runs `work` while a timer on this thread ticks every 20 ms; returns the result and the longest gap seen. */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ result: T; longestGapMs: number; tookMs: number }> {
  let last = Date.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 20);
  const started = Date.now();
  try {
    const result = await work();
    return { result, longestGapMs: Math.max(longestGapMs, Date.now() - last), tookMs: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

describe('the expression sandbox process', () => {
  it('evaluates with the exact decimal functions registered', async () => {
    const s = sandbox().session();
    expect(await s.evaluate('$decAdd($a, "0.2")', { a: '0.1' })).toEqual({ ok: true, value: '0.3' });
    expect(await s.evaluate('$decRound("2.345", 2)', {})).toEqual({ ok: true, value: '2.35' });
  });

  it('stops a catastrophic regular expression at the budget while this thread keeps serving', async () => {
    const evaluator = sandbox(1000);
    await evaluator.session().evaluate('1', {}); // a warm process, as a running server has
    const { result, longestGapMs, tookMs } = await whileTicking(() => evaluator.session().evaluate(CATASTROPHIC, { s: EVIL_TEXT }));
    expect(result).toEqual({ ok: false, kind: 'time', message: expect.stringMatching(/^took longer than 1000 ms/) });
    expect(tookMs).toBeLessThan(2000);
    expect(longestGapMs).toBeLessThanOrEqual(MAX_MAIN_THREAD_GAP_MS);
    // The killed process was replaced: the next run is answered.
    expect(await evaluator.session().evaluate('$decMul("3", "0.5")', {})).toEqual({ ok: true, value: '1.5' });
  });

  it('refuses a huge $pad at once, and killing the process stops one being built', async () => {
    const evaluator = sandbox(1000);
    const { result, longestGapMs, tookMs } = await whileTicking(() => evaluator.session().evaluate('$pad("x", 100000000)', {}));
    expect(result).toEqual({ ok: false, kind: 'size', message: expect.stringMatching(/^produced more than 1000000 characters/) });
    expect(tookMs).toBeLessThan(2000);
    expect(longestGapMs).toBeLessThanOrEqual(MAX_MAIN_THREAD_GAP_MS);
    // With an output budget that allows it, building 100 million characters runs into the time budget instead.
    const roomy = sandbox(500, 1_000_000_000);
    const big = await whileTicking(() => roomy.session().evaluate('$length($pad("x", 100000000))', {}));
    expect(big.result).toMatchObject({ ok: false, kind: 'time' });
    expect(big.tookMs).toBeLessThan(1500);
    expect(big.longestGapMs).toBeLessThanOrEqual(MAX_MAIN_THREAD_GAP_MS);
  });

  it('a 200-row claim with a slow expression per row stops at the run budget, not 200 times', async () => {
    const spec: MappingSpecInput = claimSpec();
    // Each row's regex backtracks for tens of milliseconds: 200 of them would take many seconds.
    spec.nodes.push({ id: 'slow', kind: 'expression', expression: '$exists($match($d, /(a+)+$/)) ? $d : $d', inputs: ['d'], outputType: 'text' });
    spec.edges.push({ id: 'x1', from: { node: 'desc' }, to: { node: 'slow', port: 'd' } });
    spec.edges.find((e) => e.id === 'e7')!.from = { node: 'slow' };
    const compiled = compile(spec, { catalogue: TEST_CATALOGUE, tables: TABLES, expressions: sandbox(1000) });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const record = claimRecord(Array.from({ length: 200 }, () => '1'), '200');
    for (const r of (record.fields.rows.value as { desc: { value: unknown } }[])) r.desc.value = 'a'.repeat(20) + '!';
    const { result, longestGapMs, tookMs } = await whileTicking(() => compiled.executor.execute(record));
    // The one budget error below proves the stop; the time only has to be far from 200 rows' worth, with room for a
    // loaded CI machine (2.8 s was seen at load 10).
    expect(tookMs).toBeLessThan(6000);
    expect(longestGapMs).toBeLessThanOrEqual(MAX_MAIN_THREAD_GAP_MS);
    const budget = result.errors.filter((e) => e.code === 'expression_budget');
    expect(budget).toHaveLength(1);
    expect(budget[0]).toMatchObject({ node: 'slow', message: expect.stringMatching(/^expression slow took longer than 1000 ms/) });
    // Several rows were evaluated before the budget ran out: it is the run's, not one row's.
    expect(budget[0].row).toBeGreaterThan(2);
  });

  it('an expression that exhausts its heap ends its own process, not this one', async () => {
    const evaluator = sandbox(10_000, 1_000_000_000, 96);
    // $length counts characters through one array of them: 300 million elements, far past a 96 MB heap.
    const out = await evaluator.session().evaluate('$length($pad("x", 300000000))', {});
    expect(out).toEqual({ ok: false, kind: 'memory', message: 'used more than 96 MB of memory' });
    expect(await evaluator.session().evaluate('$decAdd("1", "1")', {})).toEqual({ ok: true, value: '2' });
  });

  it('processes are reused across runs', async () => {
    const evaluator = sandbox();
    await evaluator.session().evaluate('1', {});
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect(await evaluator.session().evaluate('$decAdd($x, "1")', { x: String(i) })).toEqual({ ok: true, value: String(i + 1) });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

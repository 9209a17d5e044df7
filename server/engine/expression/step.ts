import jsonata from 'jsonata';
import type { NodeInfo } from '../graph';
import { attribute, readInput, tableRows, type InputRef, type RunContext } from '../runtime';
import type { Step } from '../steps';
import type { CompileContext, CompileError } from '../types';
import { Fault, toPlain, type Value } from '../values';
import type { ExpressionEvaluator, ExpressionSession } from './evaluator';
import { defaultEvaluator } from './in-process';
import { expressionValue } from './result';

/**
 * One session per run, shared by every expression node of that run, so the budget is the run's and not a
 * node's or a row's. Keyed by the run's context, which lives exactly as long as the run.
 */
const sessions = new WeakMap<RunContext, ExpressionSession>();

function sessionFor(ctx: RunContext, evaluator: ExpressionEvaluator): ExpressionSession {
  let s = sessions.get(ctx);
  if (!s) sessions.set(ctx, (s = evaluator.session()));
  return s;
}

/** The expression node: the spec's sandboxed escape hatch, evaluated through the compile context's evaluator. */
export function expressionStep(info: NodeInfo, refs: InputRef[], cctx: CompileContext, errors: CompileError[]): Step | null {
  const n = info.node;
  if (n.kind !== 'expression') return null;
  try {
    // Parsed here only to report a syntax error at compile time; the evaluator compiles it for itself.
    jsonata(n.expression);
  } catch (e) {
    errors.push({ code: 'bad_expression', node: n.id, message: `expression: ${(e as Error).message}` });
    return null;
  }
  const evaluator = cctx.expressions ?? defaultEvaluator;
  const { expression, inputs: names, outputType, id } = n;
  const slot = info.slot;
  /** The value for row r, and whether the run's budget is spent (every later row would fail the same way). */
  const evalRow = async (ctx: RunContext, r: number): Promise<[Value | Fault, boolean]> => {
    const bindings: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const v = readInput(ctx, refs[i], r);
      if (v instanceof Fault) return [v, false];
      // Decimals enter as exact text; the $dec functions keep them exact.
      bindings[names[i]] = toPlain(v);
    }
    const out = await sessionFor(ctx, evaluator).evaluate(expression, bindings);
    if (out.ok) {
      const v = expressionValue(id, out.value, outputType);
      return [v instanceof Fault ? attribute(v, info, r) : v, false];
    }
    if (out.kind === 'failed')
      return [attribute(new Fault('expression_failed', `expression ${id} failed: ${out.message}`, bindings), info, r), false];
    return [attribute(new Fault('expression_budget', `expression ${id} ${out.message}`, null), info, r), true];
  };
  if (!info.scope) return async (ctx) => void (ctx.out[slot] = (await evalRow(ctx, 0))[0]);
  const table = info.scope;
  return async (ctx) => {
    const count = tableRows(ctx, table).length;
    const col: (Value | Fault)[] = new Array(count);
    for (let r = 0; r < count; r++) {
      const [v, spent] = await evalRow(ctx, r);
      col[r] = v;
      // One error for the run, on the row where the budget ran out, rather than one per remaining row.
      if (spent) {
        col.fill(v, r + 1);
        break;
      }
    }
    ctx.out[slot] = col;
  };
}

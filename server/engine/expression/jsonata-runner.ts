import jsonata from 'jsonata';
import { DECIMAL_FUNCTIONS } from './decimal-functions';
import type { EvaluationLimits, RawOutcome } from './evaluator';

/**
 * Evaluates JSONata with the project's functions and JSONata's own guardrails. Shared by the in-process
 * evaluator (browser) and the sandbox process (server), so an expression means the same in both.
 *
 * JSONata's guardrails are checked between steps of the evaluation: they stop a runaway recursion or a long
 * loop, but not one native call that never returns (a backtracking regular expression) — only ending the thread
 * that runs it does that, which is why the server evaluates in a sandbox process it can kill.
 */

/** Deepest recursion an expression may use; JSONata reports D1011 past it. */
const STACK_DEPTH = 300;
/** Longest sequence an expression may build; JSONata reports D2015 past it. */
const SEQUENCE_ITEMS = 100_000;
const CACHE_SIZE = 100;

class OutputTooLarge extends Error {}

interface Compiled {
  expr: ReturnType<typeof jsonata>;
  /** Read by JSONata at every step, so the time left can be set before each evaluation. */
  options: { timeout: number; stack: number; sequence: number };
}

/** One runner evaluates one expression at a time (the options and limits below are its own). */
export type JsonataRunner = (expression: string, bindings: Record<string, unknown>, limits: EvaluationLimits) => Promise<RawOutcome>;

export function createJsonataRunner(): JsonataRunner {
  const cache = new Map<string, Compiled>();
  let maxChars = Infinity;

  /**
   * `$pad` builds its padding before anything can look at it: `$pad("x", 100000000)` would allocate a 100 MB
   * string. The guard refuses a width beyond the characters left before building anything.
   */
  const pad = (str: unknown, width: unknown, char?: unknown) => {
    if (str === undefined) return undefined;
    if (typeof str !== 'string' || typeof width !== 'number') throw new Error('$pad: expects text and a width');
    if (char !== undefined && typeof char !== 'string') throw new Error('$pad: the padding must be text');
    const target = Math.trunc(Math.abs(width));
    if (target > maxChars) throw new OutputTooLarge();
    const length = Array.from(str).length;
    if (target <= length) return str;
    const unit = char || ' ';
    const need = target - length;
    const units = Array.from(unit);
    // Padding of single-unit characters is cut by length; one with surrogate pairs, by code point as $pad does.
    const padding =
      units.length === unit.length
        ? unit.repeat(Math.ceil(need / unit.length)).slice(0, need)
        : Array.from({ length: need }, (_, i) => units[i % units.length]).join('');
    return width > 0 ? str + padding : padding + str;
  };

  const compiled = (expression: string): Compiled => {
    let c = cache.get(expression);
    if (c) return c;
    const options = { timeout: 1000, stack: STACK_DEPTH, sequence: SEQUENCE_ITEMS };
    const expr = jsonata(expression, options as never);
    for (const f of DECIMAL_FUNCTIONS) expr.registerFunction(f.name, f.implementation as never);
    expr.registerFunction('pad', pad as never);
    c = { expr, options };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(expression, c);
    return c;
  };

  return async (expression, bindings, limits) => {
    maxChars = limits.maxChars;
    try {
      const c = compiled(expression);
      c.options.timeout = Math.max(1, Math.floor(limits.timeMs));
      const value = await c.expr.evaluate({}, bindings);
      const plain = toPlainResult(value, limits.maxChars);
      if (plain === TOO_LARGE) return { ok: false, kind: 'size', message: `produced more than ${limits.maxChars} characters` };
      return { ok: true, value: plain.value, chars: plain.chars };
    } catch (e) {
      if (e instanceof OutputTooLarge || (e instanceof RangeError && /Invalid (string|array) length/.test(e.message))) return { ok: false, kind: 'size', message: `produced more than ${limits.maxChars} characters` };
      const err = e as { code?: string; message?: string };
      if (err?.code === 'D1012') return { ok: false, kind: 'time', message: `took longer than ${limits.timeMs} ms` };
      return { ok: false, kind: 'failed', message: err?.message ?? String(e) };
    }
  };
}

const TOO_LARGE = Symbol('too large');

/**
 * The result as plain data a process can pass on (JSONata's sequences are arrays with extra flags; a function
 * cannot cross), with its size in characters. Numbers stay numbers: the engine decides what a float may become.
 */
function toPlainResult(value: unknown, maxChars: number): { value: unknown; chars: number } | typeof TOO_LARGE {
  let chars = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (chars > maxChars) throw TOO_LARGE;
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') {
      chars += v.length;
      return v;
    }
    if (typeof v === 'number' || typeof v === 'boolean') {
      chars += 8;
      return v;
    }
    // JSONata's functions are objects flagged as such (a lambda also holds its whole environment).
    const flagged = typeof v === 'object' && ((v as { _jsonata_lambda?: unknown })._jsonata_lambda || (v as { _jsonata_function?: unknown })._jsonata_function);
    if (typeof v === 'function' || flagged) throw new Error('the expression returned a function, not a value');
    if (depth > 50) throw new Error('the result is nested more than 50 levels deep');
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        chars += k.length;
        if (typeof x !== 'function') out[k] = walk(x, depth + 1);
      }
      return out;
    }
    throw new Error(`the expression returned a ${typeof v}`);
  };
  try {
    const out = walk(value, 0);
    return chars > maxChars ? TOO_LARGE : { value: out, chars };
  } catch (e) {
    if (e === TOO_LARGE) return TOO_LARGE;
    throw e;
  }
}

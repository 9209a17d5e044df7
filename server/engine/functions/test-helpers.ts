import { Decimal, isFault, type Fault, type Value } from '../values';
import { getFunction } from './index';
import type { FunctionDef } from './types';

/** Test-only: resolves a function and validates its params like the compiler does. */
export function fn(id: string, params: Record<string, unknown> = {}) {
  const def = getFunction(id) as FunctionDef<any> | undefined;
  if (!def) throw new Error(`no function ${id}`);
  const p = def.paramsSchema.parse(params);
  return { def, p, inputs: def.inputs(p), outputs: def.outputs(p) };
}

/**
 * Calls a scalar/multi function the way the engine does: the first fault wins unless `passFaults`,
 * and with nulls 'propagate' an empty required input gives empty without calling impl.
 */
export function call(id: string, params: Record<string, unknown>, ...args: (Value | Fault | undefined)[]): unknown {
  const { def, p, inputs, outputs } = fn(id, params);
  if (def.kind === 'aggregate') throw new Error('use agg()');
  const passFaults = def.kind === 'scalar' && def.passFaults;
  const firstFault = args.find(isFault);
  if (firstFault && !passFaults) return def.kind === 'multi' ? outputs.map(() => firstFault) : firstFault;
  if ((def.nulls ?? 'propagate') === 'propagate') {
    const emptyRequired = args.some((a, i) => a === null && !(inputs[Math.min(i, inputs.length - 1)]?.optional ?? false));
    if (emptyRequired) return def.kind === 'multi' ? outputs.map(() => null) : null;
  }
  const impl = def.build(p);
  return plainOut(impl(args as Value[]));
}

export function agg(id: string, ...columns: (Value | Fault)[][]): unknown {
  const { def, p } = fn(id);
  if (def.kind !== 'aggregate') throw new Error(`${id} is not an aggregate`);
  return plainOut(def.build(p)(columns));
}

/** Decimals as exact strings so tests compare digits, not floats. */
function plainOut(v: unknown): unknown {
  if (Decimal.isDecimal(v)) return (v as Decimal).toFixed();
  if (Array.isArray(v)) return v.map(plainOut);
  return v;
}

export const D = (s: string): Decimal => new Decimal(s);

export function faultCode(v: unknown): string | null {
  return isFault(v) ? v.code : null;
}

import type { NodeInfo } from './graph';
import { tableRows, type RunContext } from './runtime';
import type { Fault, Value } from './values';
import type { Step } from './steps';

/** Runs `compute(row)` once (record scope) or once per row of the node's table, storing every output port. */
export function perScope(info: NodeInfo, compute: (ctx: RunContext, row: number) => (Value | Fault)[]): Step {
  const slot = info.slot;
  const ports = info.outputs.length;
  if (ports === 1) return perScope1(info, (ctx, r) => compute(ctx, r)[0]);
  if (!info.scope)
    return (ctx) => {
      const res = compute(ctx, 0);
      for (let p = 0; p < ports; p++) ctx.out[slot + p] = res[p];
    };
  const table = info.scope;
  return (ctx) => {
    const n = tableRows(ctx, table).length;
    for (let p = 0; p < ports; p++) ctx.out[slot + p] = new Array(n);
    for (let r = 0; r < n; r++) {
      const res = compute(ctx, r);
      for (let p = 0; p < ports; p++) (ctx.out[slot + p] as (Value | Fault)[])[r] = res[p];
    }
  };
}

/** The single-output case (most nodes), without a result array per row. */
export function perScope1(info: NodeInfo, compute: (ctx: RunContext, row: number) => Value | Fault): Step {
  return perScopeAt(info, 0, compute);
}

/** One output port `port` of a node (a source of which only one port is read), the others left empty. */
export function perScopeAt(info: NodeInfo, port: number, compute: (ctx: RunContext, row: number) => Value | Fault): Step {
  const slot = info.slot + port;
  if (!info.scope) return (ctx) => void (ctx.out[slot] = compute(ctx, 0));
  const table = info.scope;
  return (ctx) => {
    const n = tableRows(ctx, table).length;
    const col = new Array<Value | Fault>(n);
    for (let r = 0; r < n; r++) col[r] = compute(ctx, r);
    ctx.out[slot] = col;
  };
}

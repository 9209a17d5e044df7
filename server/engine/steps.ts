import type { ScalarFunctionDef, MultiFunctionDef, AggregateFunctionDef } from './functions/types';
import { rowsCurrency } from './currency';
import { expressionStep } from './expression/step';
import type { NodeInfo } from './graph';
import { lookupStep } from './lookup-step';
import { perScope, perScope1, perScopeAt } from './per-scope';
import { readCell } from './source-ports';
import {
  attribute, emptyEntryErrors, entryPoints, fieldName, inputRef, metaValue, parseConstant, readInput, reportFault, sourceValue, tableRows,
  type InputRef, type RunContext,
} from './runtime';
import type { CompileContext, CompileError } from './types';
import { Fault, toPlain, type Value } from './values';

/** One node's work for one execution; returns a promise only for expression nodes. */
export type Step = (ctx: RunContext) => void | Promise<void>;

/**
 * Values known at compile (record-level constants), by slot: a run starts from a copy of them, so constants
 * cost no step.
 */
export type Presets = unknown[];

export function buildStep(info: NodeInfo, infos: NodeInfo[], cctx: CompileContext, errors: CompileError[], presets: Presets): Step | null {
  const n = info.node;
  const refs: InputRef[] = info.inputs.map((b) => inputRef(infos, b.from, b.type));
  switch (n.kind) {
    case 'target':
      return null;
    case 'source': {
      if (n.meta) {
        const key = n.meta;
        return perScope1(info, (ctx) => metaValue(ctx.record, key));
      }
      const type = n.fieldType ?? 'text';
      const ports = info.outputs.map((o) => o.name);
      const name = fieldName(info);
      const readPort = (cell: Parameters<typeof readCell>[0], port: string, r: number) => {
        const v = readCell(cell, type, port, name);
        return v instanceof Fault ? attribute(v, info, r) : v;
      };
      const { table, column, field } = n;
      const cellAt: (ctx: RunContext, r: number) => Parameters<typeof readCell>[0] =
        table && column ? (ctx, r) => tableRows(ctx, table)[r]?.[column] : (ctx) => ctx.record.fields[field!];
      if (ports.length === 1) return perScope1(info, (ctx, r) => readPort(cellAt(ctx, r), ports[0], r));
      // Ports nothing reads (a person's name when only the id is linked) are left empty: a value there could
      // never reach a target, a check or the trace.
      const read = ports.map((_, p) => infos.some((i) => i.inputs.some((b) => b.from?.node === info.index && b.from.port === p)));
      const used = read.flatMap((r, p) => (r ? [p] : []));
      // The usual case (an amount without its currency port, a person's id without the name): no array per row.
      if (used.length === 1) return perScopeAt(info, used[0], (ctx, r) => readPort(cellAt(ctx, r), ports[used[0]], r));
      return perScope(info, (ctx, r) => {
        const cell = cellAt(ctx, r);
        return ports.map((p, i) => (read[i] ? readPort(cell, p, r) : undefined) as Value | Fault);
      });
    }
    case 'constant': {
      const v = parseConstant(n.valueType, n.value);
      if (v === undefined) {
        errors.push({ code: 'bad_constant', node: n.id, message: `constant ${JSON.stringify(n.value)} is not a valid ${n.valueType}`, params: { value: String(n.value), type: n.valueType } });
        return null;
      }
      if (!info.scope && info.outputs.length === 1) {
        presets[info.slot] = v;
        return null;
      }
      return perScope1(info, () => v);
    }
    case 'lookup':
      return lookupStep(info, refs, cctx, errors);
    case 'check':
      return checkStep(info, infos, refs);
    case 'expression':
      return expressionStep(info, refs, cctx, errors);
    case 'function': {
      const fn = info.fn;
      if (!fn || info.params === undefined) return null; // already reported: unknown function or bad parameters
      if (fn.kind === 'aggregate') return aggregateStep(info, infos, fn as AggregateFunctionDef<unknown>);
      return scalarStep(info, infos, fn as ScalarFunctionDef<unknown> | MultiFunctionDef<unknown>);
    }
  }
}

function scalarStep(info: NodeInfo, infos: NodeInfo[], fn: ScalarFunctionDef<unknown> | MultiFunctionDef<unknown>): Step {
  const impl = fn.build(info.params);
  const propagateNulls = (fn.nulls ?? 'propagate') === 'propagate';
  const passFaults = fn.kind === 'scalar' && !!fn.passFaults;
  const optional = info.inputs.map((b) => b.optional);
  const refs = info.inputs.map((b) => inputRef(infos, b.from, b.type));
  const count = refs.length;
  // One argument buffer per node: a step runs start to finish without yielding, and no impl keeps `args`.
  const args = new Array<Value>(count);
  /** The arguments for one row, or the value that short-circuits the call (a fault or an empty input). */
  const gather = (ctx: RunContext, r: number): Value | Fault | undefined => {
    for (let i = 0; i < count; i++) {
      const v = readInput(ctx, refs[i], r);
      if (v instanceof Fault && !passFaults) return v;
      if (v === null && propagateNulls && !optional[i]) return null;
      args[i] = v as Value;
    }
    return undefined;
  };
  const failed = (e: unknown, r: number) =>
    attribute(new Fault('function_failed', `${fn.id} failed: ${(e as Error).message}`, args.map(toPlain)), info, r);
  if (fn.kind === 'scalar') {
    const one = impl as (a: Value[]) => Value | Fault;
    return perScope1(info, (ctx, r) => {
      const stop = gather(ctx, r);
      if (stop !== undefined) return stop;
      try {
        const res = one(args);
        return res instanceof Fault ? attribute(res, info, r) : res;
      } catch (e) {
        // Library functions return Faults; a throw is a bug, but one submission must not take the run down.
        return failed(e, r);
      }
    });
  }
  const many = impl as (a: Value[]) => (Value | Fault)[];
  const ports = info.outputs.length;
  return perScope(info, (ctx, r) => {
    const stop = gather(ctx, r);
    if (stop !== undefined) return new Array(ports).fill(stop);
    try {
      const list = many(args);
      for (const v of list) if (v instanceof Fault) attribute(v, info, r);
      return list;
    } catch (e) {
      return new Array(ports).fill(failed(e, r));
    }
  });
}

function aggregateStep(info: NodeInfo, infos: NodeInfo[], fn: AggregateFunctionDef<unknown>): Step {
  const impl = fn.build(info.params);
  const inputs = info.inputs.map((b) => ({ b, ref: inputRef(infos, b.from, b.type), scope: b.from ? infos[b.from.node].scope : null }));
  const slot = info.slot;
  // A sum (or min, max) of amounts over rows is only meaningful when the rows it counts share one currency.
  const table = inputs.find((i) => i.scope)?.scope ?? null;
  const rowAmounts = fn.currency === 'none' || !table ? [] : info.amounts.filter((a) => a.table === table && a.via === info.index);
  const whereAt = info.inputs.findIndex((b) => b.port === 'where' && b.from);
  return (ctx) => {
    const columns = inputs.map(({ b, ref, scope }) => {
      if (!b.from) return [];
      if (!scope) return [readInput(ctx, ref, 0)];
      const n = tableRows(ctx, scope).length;
      const col = new Array<Value | Fault>(n);
      for (let r = 0; r < n; r++) col[r] = readInput(ctx, ref, r);
      return col;
    });
    let res: Value | Fault;
    try {
      res = impl(columns);
    } catch (e) {
      res = new Fault('function_failed', `${fn.id} failed: ${(e as Error).message}`, null);
    }
    if (rowAmounts.length && !(res instanceof Fault)) {
      const where = whereAt >= 0 ? columns[whereAt] : null;
      const currency = rowsCurrency(ctx, info.index, rowAmounts, table!, (r) => !where || where[r] === true);
      if (currency instanceof Fault) res = currency;
    }
    ctx.out[slot] = res instanceof Fault ? attribute(res, info, 0) : res;
  };
}

function checkStep(info: NodeInfo, infos: NodeInfo[], refs: InputRef[]): Step | null {
  const n = info.node;
  if (n.kind !== 'check') return null;
  const [ok, shown] = refs;
  const hasShown = !!info.inputs[1]?.from;
  const field = n.field ?? info.sources[0]?.field ?? null;
  const src = n.field ? info.sources.find((s) => s.field === n.field) ?? { field: n.field } : info.sources[0];
  const message = n.message.en || n.message.zh || `check ${n.id} failed`;
  const entries = entryPoints(info, infos, 0);
  const evaluate = (ctx: RunContext, r: number) => {
    const v = readInput(ctx, ok, r);
    if (v instanceof Fault) return reportFault(ctx, v);
    if (v === true) return;
    // A rule over a value the form left out is not broken, it is unanswerable: say which field is empty.
    const empty = entries.length ? emptyEntryErrors(ctx, entries, r) : [];
    if (empty.length) return void ctx.errors.push(...empty);
    const value = hasShown ? toPlain(readInput(ctx, shown, r)) : sourceValue(ctx, src, r);
    ctx.errors.push({ field, row: info.scope ? r + 1 : null, value, message, code: 'check_failed', node: n.id, labels: n.message });
  };
  if (!info.scope) return (ctx) => evaluate(ctx, 0);
  const table = info.scope;
  return (ctx) => {
    const count = tableRows(ctx, table).length;
    for (let r = 0; r < count; r++) evaluate(ctx, r);
  };
}

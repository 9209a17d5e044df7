import type { FieldType } from './form-record';
import { RECORD_META } from './form-record';
import { getFunction } from './functions';
import type { FunctionDef, PortDef } from './functions/types';
import { inferScopes } from './graph-scopes';
import { sourcePorts } from './source-ports';
import { LINE_GATES, type Edge, type MappingNode, type MappingSpec } from './spec';
import type { CompileContext, CompileError } from './types';
import type { ValueType } from './values';

/** One input a node actually has: its declared port and the edge feeding it (if any). */
export interface BoundInput {
  port: string;
  type: ValueType;
  optional: boolean;
  edge: Edge | null;
  /** Producer node index and output port index, when connected. */
  from: { node: number; port: number } | null;
}

export interface NodeInfo {
  node: MappingNode;
  index: number;
  outputs: { name: string; type: ValueType }[];
  inputs: BoundInput[];
  fn?: FunctionDef<unknown>;
  params?: unknown;
  /** Detail table whose rows this node runs over; null = once per record. */
  scope: string | null;
  /** Where output port p lives in the run's flat value array: slot + p. */
  slot: number;
  /** Source fields upstream, columns first (the field an error names), and every node upstream incl. itself. */
  sources: { field: string; table?: string }[];
  upstream: string[];
  /**
   * The money fields whose amounts this node's numeric output is made of (its currency provenance): followed
   * along money and number edges only, so an amount that merely decides a condition or fills a summary text does
   * not count.
   */
  amounts: AmountSource[];
}

/** A money source field an amount comes from; `table` set for a detail-table column. */
export interface AmountSource {
  field: string;
  table?: string;
  /** How messages call it: the analyst's label of the source node, else the field id. */
  name: string;
  /**
   * The aggregate (sum, min, max) that combined the column's rows, by node index: its currency is the one the rows
   * it counted share, which the aggregate settles when it runs.
   */
  via?: number;
}

export interface Graph {
  infos: NodeInfo[];
  byId: Map<string, NodeInfo>;
  order: NodeInfo[];
  /** Total output ports: the size of a run's value array. */
  slotCount: number;
}

const NUMERIC = new Set<ValueType>(['number', 'money']);
const RENDERABLE_AS_TEXT = new Set<ValueType>(['number', 'money', 'date', 'datetime', 'boolean']);

/**
 * Whether a value of type `from` may flow into a port of type `to` without an explicit conversion node. A list
 * may go where text goes: it must then hold one value at run time (several are refused, never cut); any value
 * may go where a list goes (one value is a list of one).
 */
export function typesCompatible(from: ValueType, to: ValueType): boolean {
  if (from === to || from === 'any' || to === 'any' || to === 'list') return true;
  if (from === 'list') return to === 'text';
  if (NUMERIC.has(from) && NUMERIC.has(to)) return true;
  return to === 'text' && RENDERABLE_AS_TEXT.has(from);
}

function sourceType(n: Extract<MappingNode, { kind: 'source' }>): FieldType {
  return n.fieldType ?? 'text';
}

/** Declared inputs and outputs of a node, before edges are considered. */
function declarePorts(
  n: MappingNode,
  ctx: CompileContext,
  errors: CompileError[],
): { inputs: PortDef[]; outputs: { name: string; type: ValueType }[]; fn?: FunctionDef<unknown>; params?: unknown } {
  switch (n.kind) {
    case 'source': {
      if (n.meta) return { inputs: [], outputs: [{ name: 'value', type: RECORD_META[n.meta] }] };
      return { inputs: [], outputs: sourcePorts(sourceType(n)).map((p) => ({ name: p.name, type: p.type })) };
    }
    case 'constant':
      return { inputs: [], outputs: [{ name: 'value', type: n.valueType }] };
    case 'lookup': {
      const table = ctx.tables[n.table];
      if (!table) errors.push({ code: 'unknown_table', node: n.id, message: `lookup table "${n.table}" does not exist`, params: { table: n.table } });
      else
        for (const c of [n.keyColumn, ...(n.asOfColumn ? [n.asOfColumn] : []), ...n.columns])
          if (!table.columns.includes(c))
            errors.push({ code: 'unknown_column', node: n.id, message: `lookup table "${n.table}" has no column "${c}"`, params: { table: n.table, column: c } });
      const outputs = n.columns.map((c) => ({ name: c, type: 'text' as ValueType }));
      const inputs: PortDef[] = [{ name: 'key', type: 'text', label: { zh: '键', en: 'key' } }];
      // An effective-dated table (exchange rates) also needs the date to pick the row in force.
      if (n.asOfColumn) inputs.push({ name: 'asOf', type: 'date', label: { zh: '日期', en: 'as of' } });
      return { inputs, outputs };
    }
    case 'expression':
      return {
        inputs: n.inputs.map((name) => ({ name, type: 'any' as ValueType, label: {}, optional: true })),
        outputs: [{ name: 'result', type: n.outputType }],
      };
    case 'check':
      return {
        inputs: [
          { name: 'ok', type: 'boolean', label: {} },
          { name: 'value', type: 'any', label: {}, optional: true },
        ],
        outputs: [],
      };
    case 'target':
      return { inputs: [{ name: 'value', type: 'any', label: {} }], outputs: [] };
    case 'function': {
      const fn = getFunction(n.fn);
      if (!fn) {
        errors.push({ code: 'unknown_function', node: n.id, message: `unknown function "${n.fn}"` });
        return { inputs: [], outputs: [] };
      }
      const parsed = fn.paramsSchema.safeParse(n.params ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        errors.push({
          code: 'bad_params',
          node: n.id,
          message: `parameter ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}`.trim(),
          params: { param: issue?.path.join('.') ?? '' },
        });
        return { inputs: [], outputs: [], fn };
      }
      return { inputs: fn.inputs(parsed.data), outputs: fn.outputs(parsed.data), fn, params: parsed.data };
    }
  }
}

/** Resolves nodes, ports and edges, checks types, infers row scopes and orders nodes; collects every problem. */
export function buildGraph(spec: MappingSpec, ctx: CompileContext, errors: CompileError[]): Graph {
  const infos: NodeInfo[] = [];
  const byId = new Map<string, NodeInfo>();
  const declared: PortDef[][] = [];
  let slotCount = 0;
  spec.nodes.forEach((node, index) => {
    if (byId.has(node.id)) errors.push({ code: 'duplicate_node', node: node.id, message: `node id "${node.id}" is used twice` });
    const d = declarePorts(node, ctx, errors);
    const info: NodeInfo = {
      node, index, outputs: d.outputs, inputs: [], fn: d.fn, params: d.params, scope: null, slot: slotCount, sources: [], upstream: [], amounts: [],
    };
    slotCount += d.outputs.length;
    declared.push(d.inputs);
    infos.push(info);
    byId.set(node.id, info);
  });

  // Bind edges to input ports; variadic ports expand to `name.0`, `name.1`… in index order.
  const incoming = new Map<string, Map<string, Edge>>();
  const edgeIds = new Set<string>();
  for (const e of spec.edges) {
    if (edgeIds.has(e.id)) errors.push({ code: 'duplicate_edge', edge: e.id, message: `edge id "${e.id}" is used twice` });
    edgeIds.add(e.id);
    const from = byId.get(e.from.node);
    const to = byId.get(e.to.node);
    if (!from || !to) {
      const missing = !from ? e.from.node : e.to.node;
      errors.push({ code: 'dangling_edge', edge: e.id, node: missing, message: `edge ${e.id} points to missing node "${missing}"`, params: { missing } });
      continue;
    }
    const port = e.to.port ?? defaultInput(declared[to.index]);
    let ports = incoming.get(to.node.id);
    if (!ports) incoming.set(to.node.id, (ports = new Map()));
    if (ports.has(port)) {
      errors.push({ code: 'double_input', edge: e.id, node: to.node.id, message: `input "${port}" of ${to.node.id} has two edges`, params: { port } });
      continue;
    }
    ports.set(port, e);
  }

  for (const info of infos) {
    const ports = incoming.get(info.node.id) ?? new Map<string, Edge>();
    for (const p of declared[info.index]) {
      if (p.variadic) {
        const bound: BoundInput[] = [];
        for (const [portName, e] of ports) {
          if (!portName.startsWith(`${p.name}.`)) continue;
          const idx = Number(portName.slice(p.name.length + 1));
          if (!Number.isInteger(idx) || idx < 0) continue;
          bound[idx] = { port: portName, type: p.type, optional: false, edge: e, from: null };
        }
        for (const b of bound) if (b) info.inputs.push(b);
        if (!bound.some(Boolean) && !p.optional)
          errors.push({ code: 'unconnected_input', node: info.node.id, message: `${describe(info)}: input "${p.name}" needs at least one connection`, params: { port: p.name } });
        continue;
      }
      const e = ports.get(p.name) ?? null;
      info.inputs.push({ port: p.name, type: p.type, optional: !!p.optional, edge: e, from: null });
      if (!e && !p.optional && info.node.kind !== 'target')
        errors.push({ code: 'unconnected_input', node: info.node.id, message: `${describe(info)}: input "${p.name}" is not connected`, params: { port: p.name } });
    }
    // Edges to ports the node does not have.
    for (const [portName, e] of ports)
      if (!info.inputs.some((b) => b.port === portName))
        errors.push({ code: 'unknown_port', edge: e.id, node: info.node.id, message: `${describe(info)} has no input "${portName}"`, params: { port: portName } });
  }

  // Resolve producers and check types.
  for (const info of infos)
    for (const b of info.inputs) {
      if (!b.edge) continue;
      const producer = byId.get(b.edge.from.node)!;
      const portName = b.edge.from.port ?? producer.outputs[0]?.name;
      const pIdx = producer.outputs.findIndex((o) => o.name === portName);
      if (pIdx < 0) {
        errors.push({ code: 'unknown_port', edge: b.edge.id, node: producer.node.id, message: `${describe(producer)} has no output "${portName ?? ''}"` });
        continue;
      }
      const fromType = producer.outputs[pIdx].type;
      const toType = info.node.kind === 'target' ? targetType(info, ctx) : b.type;
      if (!typesCompatible(fromType, toType))
        errors.push({
          code: 'type_mismatch',
          edge: b.edge.id,
          node: info.node.id,
          message: `${describe(producer)} gives ${fromType} but ${describe(info)} input "${b.port}" expects ${toType}`,
          params: { port: b.port, fromType, toType, from: producer.node.id },
        });
      b.from = { node: producer.index, port: pIdx };
    }

  const order = topoSort(infos, errors);
  inferScopes(order, infos, spec, errors);
  return { infos, byId, order, slotCount };
}

function defaultInput(inputs: PortDef[]): string {
  const first = inputs[0];
  if (!first) return 'value';
  return first.variadic ? `${first.name}.0` : first.name;
}

export function describe(info: NodeInfo): string {
  const n = info.node;
  return n.label ? `${n.label} (${n.id})` : n.id;
}

export function targetType(info: NodeInfo, ctx: CompileContext): ValueType {
  const n = info.node;
  if (n.kind !== 'target') return 'any';
  if ((LINE_GATES as readonly string[]).includes(n.field)) return 'boolean';
  const f = ctx.catalogue.fields.find((x) => x.id === n.field && x.group === (n.line === null ? 'header' : 'line'));
  return f?.type ?? 'any';
}

function topoSort(infos: NodeInfo[], errors: CompileError[]): NodeInfo[] {
  const indeg = infos.map(() => 0);
  const out: number[][] = infos.map(() => []);
  for (const info of infos)
    for (const b of info.inputs)
      if (b.from) {
        indeg[info.index]++;
        out[b.from.node].push(info.index);
      }
  const queue = infos.filter((i) => indeg[i.index] === 0).map((i) => i.index);
  const order: NodeInfo[] = [];
  while (queue.length) {
    const i = queue.shift()!;
    order.push(infos[i]);
    for (const j of out[i]) if (--indeg[j] === 0) queue.push(j);
  }
  if (order.length < infos.length) {
    const cyclic = infos.filter((i) => indeg[i.index] > 0).map((i) => i.node.id);
    errors.push({ code: 'cycle', node: cyclic[0], message: `these nodes feed each other in a loop: ${cyclic.join(', ')}` });
  }
  return order;
}

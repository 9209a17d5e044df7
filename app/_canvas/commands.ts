import { getFunction } from '#server/engine/functions';
import { typesCompatible } from '#server/engine/graph';
import type { FieldType, RecordMetaKey } from '#server/engine/form-record';
import type { LineTemplate, MappingNode, MappingSpec, PortRef } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import { boundInputsOf, defaultInput, defaultOutput, portsOf } from './ports';

/**
 * Editing commands. Each takes a spec and returns a new one (never mutates), so the canvas, the autosave and the
 * live preview all work from the same value; a refused edit says why in words the UI translates.
 */

export type Refusal =
  | { code: 'unknown_node'; node: string }
  | { code: 'unknown_port'; node: string; port: string }
  | { code: 'type_mismatch'; fromType: string; toType: string }
  | { code: 'input_taken'; node: string; port: string }
  | { code: 'cycle' }
  | { code: 'self_link' };

export type CommandResult = { ok: true; spec: MappingSpec } | { ok: false; reason: Refusal };

export interface CommandContext {
  targetFields: readonly TargetField[];
}

/** A fresh id with a readable prefix: `fn.sum`, `fn.sum-2`… (ids are what edges, traces and errors name). */
export function freshId(spec: MappingSpec, prefix: string): string {
  const taken = new Set<string>([...spec.nodes.map((n) => n.id), ...spec.edges.map((e) => e.id)]);
  const base = prefix.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 100);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function addNode(spec: MappingSpec, node: MappingNode): MappingSpec {
  return { ...spec, nodes: [...spec.nodes, node] };
}

/** Places a function from the palette with its parameters' defaults (what the function's schema fills in). */
export function addFunctionNode(spec: MappingSpec, fnId: string): { spec: MappingSpec; id: string } {
  const fn = getFunction(fnId);
  const parsed = fn?.paramsSchema.safeParse({});
  const params = parsed?.success ? (parsed.data as Record<string, unknown>) : {};
  const id = freshId(spec, `fn.${fnId.split('.').pop()}`);
  return { spec: addNode(spec, { id, kind: 'function', fn: fnId, params }), id };
}

/** The spec node reading a form field (or a detail-table column), added when the field is first linked. */
export function ensureSourceNode(
  spec: MappingSpec,
  field: { field?: string; table?: string; column?: string; meta?: RecordMetaKey; type: FieldType; label?: string },
): { spec: MappingSpec; id: string } {
  const existing = spec.nodes.find(
    (n) =>
      n.kind === 'source' &&
      (field.meta ? n.meta === field.meta
      : field.table ? n.table === field.table && n.column === field.column
      : !n.meta && !n.table && n.field === field.field),
  );
  if (existing) return { spec, id: existing.id };
  const id = freshId(spec, `src.${field.meta ?? field.column ?? field.field}`);
  const node: MappingNode = field.meta
    ? { id, kind: 'source', meta: field.meta, label: field.label }
    : field.table
    ? { id, kind: 'source', table: field.table, column: field.column, fieldType: field.type, label: field.label }
    : { id, kind: 'source', field: field.field, fieldType: field.type, label: field.label };
  return { spec: addNode(spec, node), id };
}

/** The spec node of a voucher field (header when line is null), added when the field is first linked. */
export function ensureTargetNode(spec: MappingSpec, line: string | null, field: string): { spec: MappingSpec; id: string } {
  const existing = spec.nodes.find((n) => n.kind === 'target' && n.line === line && n.field === field);
  if (existing) return { spec, id: existing.id };
  const id = freshId(spec, `t.${line ?? 'header'}.${field.replace(/^\$/, '')}`);
  return { spec: addNode(spec, { id, kind: 'target', line, field }), id };
}

/** Links an output port to an input port after the same checks the engine's compile makes. */
export function connect(spec: MappingSpec, from: Required<PortRef>, to: Required<PortRef>, ctx: CommandContext): CommandResult {
  if (from.node === to.node) return { ok: false, reason: { code: 'self_link' } };
  const producer = spec.nodes.find((n) => n.id === from.node);
  const consumer = spec.nodes.find((n) => n.id === to.node);
  if (!producer) return { ok: false, reason: { code: 'unknown_node', node: from.node } };
  if (!consumer) return { ok: false, reason: { code: 'unknown_node', node: to.node } };
  const portCtx = { targetFields: ctx.targetFields, boundInputs: boundInputsOf(spec.edges) };
  const out = portsOf(producer, portCtx).outputs.find((p) => p.name === from.port);
  const inp = portsOf(consumer, portCtx).inputs.find((p) => p.name === to.port);
  if (!out) return { ok: false, reason: { code: 'unknown_port', node: from.node, port: from.port } };
  if (!inp) return { ok: false, reason: { code: 'unknown_port', node: to.node, port: to.port } };
  if (!typesCompatible(out.type, inp.type)) return { ok: false, reason: { code: 'type_mismatch', fromType: out.type, toType: inp.type } };
  if (spec.edges.some((e) => e.to.node === to.node && (e.to.port ?? '') === to.port))
    return { ok: false, reason: { code: 'input_taken', node: to.node, port: to.port } };
  if (reaches(spec, to.node, from.node)) return { ok: false, reason: { code: 'cycle' } };
  const id = freshId(spec, `e.${from.node}.${to.node}`);
  return { ok: true, spec: { ...spec, edges: [...spec.edges, { id, from, to }] } };
}

/**
 * A function dropped onto a link goes in between: the link's producer feeds the function's first input that takes
 * its type, and the function's first output that fits feeds the port the link used to. One new spec, so one undo
 * step; refused (spec untouched) when the function cannot take the value or cannot give what the port needs.
 */
export function insertOnEdge(
  spec: MappingSpec,
  edgeId: string,
  fnId: string,
  ctx: CommandContext,
): { ok: true; spec: MappingSpec; id: string } | { ok: false; reason: Refusal } {
  const edge = spec.edges.find((e) => e.id === edgeId);
  if (!edge) return { ok: false, reason: { code: 'unknown_node', node: edgeId } };
  const portCtx = { targetFields: ctx.targetFields, boundInputs: boundInputsOf(spec.edges) };
  const producer = spec.nodes.find((n) => n.id === edge.from.node);
  const consumer = spec.nodes.find((n) => n.id === edge.to.node);
  if (!producer) return { ok: false, reason: { code: 'unknown_node', node: edge.from.node } };
  if (!consumer) return { ok: false, reason: { code: 'unknown_node', node: edge.to.node } };
  const producerPorts = portsOf(producer, portCtx);
  const consumerPorts = portsOf(consumer, portCtx);
  const fromPort = edge.from.port ?? defaultOutput(producerPorts) ?? 'value';
  const toPort = edge.to.port ?? defaultInput(consumerPorts) ?? 'value';
  const value = producerPorts.outputs.find((p) => p.name === fromPort);
  const wanted = consumerPorts.inputs.find((p) => p.name === toPort);
  if (!value) return { ok: false, reason: { code: 'unknown_port', node: producer.id, port: fromPort } };
  if (!wanted) return { ok: false, reason: { code: 'unknown_port', node: consumer.id, port: toPort } };

  const added = addFunctionNode(disconnect(spec, edgeId), fnId);
  const fnNode = added.spec.nodes.find((n) => n.id === added.id)!;
  const fnPorts = portsOf(fnNode, { targetFields: ctx.targetFields, boundInputs: boundInputsOf(added.spec.edges) });
  const input = fnPorts.inputs.find((p) => typesCompatible(value.type, p.type));
  if (!input) return { ok: false, reason: { code: 'type_mismatch', fromType: value.type, toType: fnPorts.inputs[0]?.type ?? '—' } };
  const output = fnPorts.outputs.find((p) => typesCompatible(p.type, wanted.type));
  if (!output) return { ok: false, reason: { code: 'type_mismatch', fromType: fnPorts.outputs[0]?.type ?? '—', toType: wanted.type } };
  const feed = connect(added.spec, { node: producer.id, port: fromPort }, { node: added.id, port: input.name }, ctx);
  if (!feed.ok) return feed;
  const out = connect(feed.spec, { node: added.id, port: output.name }, { node: consumer.id, port: toPort }, ctx);
  return out.ok ? { ok: true, spec: out.spec, id: added.id } : out;
}

function reaches(spec: MappingSpec, start: string, goal: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === goal) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of spec.edges) if (e.from.node === id) stack.push(e.to.node);
  }
  return false;
}

export function disconnect(spec: MappingSpec, edgeId: string): MappingSpec {
  return { ...spec, edges: spec.edges.filter((e) => e.id !== edgeId) };
}

/** Removes a node and every edge touching it, so no edge is left dangling. */
export function deleteNode(spec: MappingSpec, nodeId: string): MappingSpec {
  return {
    ...spec,
    nodes: spec.nodes.filter((n) => n.id !== nodeId),
    edges: spec.edges.filter((e) => e.from.node !== nodeId && e.to.node !== nodeId),
  };
}

function updateNode(spec: MappingSpec, nodeId: string, change: (n: MappingNode) => MappingNode): MappingSpec {
  return { ...spec, nodes: spec.nodes.map((n) => (n.id === nodeId ? change(n) : n)) };
}

/**
 * A blank name or comment is removed rather than saved as "". Text is kept as typed (the inspector applies every
 * keystroke, so trimming here would swallow the space between two words while they are being typed).
 */
export function renameNode(spec: MappingSpec, nodeId: string, label: string): MappingSpec {
  return updateNode(spec, nodeId, (n) => withOptional(n, 'label', label));
}

export function commentNode(spec: MappingSpec, nodeId: string, comment: string): MappingSpec {
  return updateNode(spec, nodeId, (n) => withOptional(n, 'comment', comment));
}

function withOptional<N extends MappingNode>(n: N, key: 'label' | 'comment', value: string): N {
  const { [key]: _old, ...rest } = n;
  return (value.trim() ? { ...rest, [key]: value } : rest) as N;
}

export function setParams(spec: MappingSpec, nodeId: string, params: Record<string, unknown>): MappingSpec {
  return updateNode(spec, nodeId, (n) => (n.kind === 'function' ? { ...n, params } : n));
}

/** Any other field of a node (lookup table and columns, constant value, check message…); the id never changes. */
export function patchNode(spec: MappingSpec, nodeId: string, patch: Record<string, unknown>): MappingSpec {
  return updateNode(spec, nodeId, (n) => ({ ...n, ...patch, id: n.id, kind: n.kind }) as MappingNode);
}

/**
 * The named inputs of an expression node. Names must be identifiers (they become `$name` in the expression);
 * edges into an input that is gone are removed with it, so nothing is left pointing at a missing port.
 */
export function setExpressionInputs(spec: MappingSpec, nodeId: string, inputs: string[]): MappingSpec {
  const names = [...new Set(inputs.map((x) => x.trim()).filter((x) => EXPRESSION_INPUT.test(x)))];
  const next = updateNode(spec, nodeId, (n) => (n.kind === 'expression' ? { ...n, inputs: names } : n));
  const kept = new Set(names);
  return { ...next, edges: next.edges.filter((e) => e.to.node !== nodeId || (e.to.port !== undefined && kept.has(e.to.port))) };
}
export const EXPRESSION_INPUT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The columns a lookup returns; links from a column no longer returned are removed with it. */
export function setLookupColumns(spec: MappingSpec, nodeId: string, columns: string[]): MappingSpec {
  if (columns.length === 0) return spec;
  const next = updateNode(spec, nodeId, (n) => (n.kind === 'lookup' ? { ...n, columns } : n));
  const kept = new Set(columns);
  return { ...next, edges: next.edges.filter((e) => e.from.node !== nodeId || (e.from.port !== undefined && kept.has(e.from.port))) };
}

/**
 * Points a lookup at another table. The key and returned columns start as the new table's first and second
 * columns, keeping any the new table also has (many tables share a code column); links from columns that are gone
 * go with them.
 */
export function setLookupTable(spec: MappingSpec, nodeId: string, table: string, tableColumns: readonly string[]): MappingSpec {
  const node = spec.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind !== 'lookup' || tableColumns.length === 0) return spec;
  const keyColumn = tableColumns.includes(node.keyColumn) ? node.keyColumn : tableColumns[0];
  const kept = node.columns.filter((c) => tableColumns.includes(c));
  const columns = kept.length ? kept : [tableColumns.find((c) => c !== keyColumn) ?? keyColumn];
  return setLookupColumns(updateNode(spec, nodeId, (n) => ({ ...n, table, keyColumn }) as MappingNode), nodeId, columns);
}

export function addLineTemplate(spec: MappingSpec, line: LineTemplate): MappingSpec {
  return { ...spec, lines: [...spec.lines, line] };
}

/** A line template's name in one language; the other language's name is kept as it is. A blank name is dropped. */
export function renameLine(spec: MappingSpec, lineId: string, lang: 'zh' | 'en', name: string): MappingSpec {
  return {
    ...spec,
    lines: spec.lines.map((l) => {
      if (l.id !== lineId) return l;
      const { [lang]: _old, ...other } = l.label ?? {};
      const label = name.trim() ? { ...other, [lang]: name } : other;
      const { label: _label, ...rest } = l;
      return Object.keys(label).length ? { ...rest, label } : rest;
    }),
  };
}

/** Removing a line template removes its voucher fields and their incoming edges too. */
export function removeLineTemplate(spec: MappingSpec, lineId: string): MappingSpec {
  const doomed = spec.nodes.filter((n) => n.kind === 'target' && n.line === lineId).map((n) => n.id);
  const next = doomed.reduce(deleteNode, spec);
  return { ...next, lines: next.lines.filter((l) => l.id !== lineId) };
}

export function setLineRepeat(spec: MappingSpec, lineId: string, repeat: LineTemplate['repeat']): MappingSpec {
  return { ...spec, lines: spec.lines.map((l) => (l.id === lineId ? { ...l, repeat } : l)) };
}

/** The chart of accounts every line's account must be postable in; none turns the rule off (stored as no key). */
export function setChartOfAccounts(spec: MappingSpec, chart: NonNullable<MappingSpec['target']['chartOfAccounts']> | null): MappingSpec {
  const { chartOfAccounts: _old, ...target } = spec.target;
  return { ...spec, target: chart ? { ...target, chartOfAccounts: chart } : target };
}

/**
 * Sets one ledger setting of `target.options`; `undefined` removes it so the format's default applies again. No
 * empty `options` object is left behind, so a mapping without settings saves as it was.
 */
export function setTargetOption(spec: MappingSpec, key: string, value: unknown): MappingSpec {
  const { options: old, ...target } = spec.target;
  const { [key]: _old, ...rest } = (old ?? {}) as Record<string, unknown>;
  const options = value === undefined ? rest : { ...rest, [key]: value };
  return { ...spec, target: Object.keys(options).length ? { ...target, options: options as MappingSpec['target']['options'] } : target };
}

import { getFunction } from '#server/engine/functions';
import { RECORD_META, type Labels } from '#server/engine/form-record';
import { sourcePorts } from '#server/engine/source-ports';
import { LINE_GATES, type MappingNode } from '#server/engine/spec';
import type { ValueType } from '#server/engine/values';
import type { TargetField } from '#server/engine/voucher';

/**
 * The ports a spec node offers on the canvas, derived from the same catalogues the engine compiles against
 * (source-ports, FUNCTIONS, the ledger catalogue), so the canvas can never offer a port the engine rejects.
 */

export interface PortView {
  name: string;
  type: ValueType;
  label: Labels;
  optional?: boolean;
}

export interface NodePorts {
  inputs: PortView[];
  outputs: PortView[];
}

/** What port derivation needs besides the node: the target fields of the mapping's ledger format. */
export interface PortContext {
  targetFields: readonly TargetField[];
  /** Input ports already used by edges, per node: variadic ports show each bound slot plus one free slot. */
  boundInputs?: ReadonlyMap<string, readonly string[]>;
}

const GATE_LABELS: Record<string, Labels> = {
  $condition: { zh: '生成条件', en: 'Emit when' },
  $filter: { zh: '行筛选', en: 'Row filter' },
};

export function isGate(field: string): boolean {
  return (LINE_GATES as readonly string[]).includes(field);
}

export function gateLabel(field: string): Labels {
  return GATE_LABELS[field] ?? { zh: field, en: field };
}

export function targetFieldOf(fields: readonly TargetField[], line: string | null, field: string): TargetField | undefined {
  return fields.find((f) => f.id === field && f.group === (line === null ? 'header' : 'line'));
}

export function portsOf(node: MappingNode, ctx: PortContext): NodePorts {
  switch (node.kind) {
    case 'source':
      if (node.meta) return { inputs: [], outputs: [{ name: 'value', type: RECORD_META[node.meta], label: {} }] };
      return { inputs: [], outputs: sourcePorts(node.fieldType ?? 'text') };
    case 'constant':
      return { inputs: [], outputs: [{ name: 'value', type: node.valueType, label: {} }] };
    case 'lookup':
      return {
        inputs: [
          { name: 'key', type: 'text', label: { zh: '键', en: 'key' } },
          // An effective-dated table (exchange rates by currency and date) also takes the date whose row is in force.
          ...(node.asOfColumn ? [{ name: 'asOf', type: 'date' as ValueType, label: { zh: '日期', en: 'as of' } }] : []),
        ],
        outputs: node.columns.map((c) => ({ name: c, type: 'text' as ValueType, label: { zh: c, en: c } })),
      };
    case 'expression':
      return {
        inputs: node.inputs.map((name) => ({ name, type: 'any' as ValueType, label: { zh: name, en: name }, optional: true })),
        outputs: [{ name: 'result', type: node.outputType, label: {} }],
      };
    case 'check':
      return {
        inputs: [
          { name: 'ok', type: 'boolean', label: { zh: '通过', en: 'passes' } },
          { name: 'value', type: 'any', label: { zh: '值', en: 'value' }, optional: true },
        ],
        outputs: [],
      };
    case 'target': {
      const type = isGate(node.field) ? 'boolean' : (targetFieldOf(ctx.targetFields, node.line, node.field)?.type ?? 'any');
      return { inputs: [{ name: 'value', type, label: {} }], outputs: [] };
    }
    case 'function':
      return functionPorts(node, ctx);
  }
}

function functionPorts(node: Extract<MappingNode, { kind: 'function' }>, ctx: PortContext): NodePorts {
  const fn = getFunction(node.fn);
  if (!fn) return { inputs: [], outputs: [] };
  // Params being edited may be briefly invalid: keep the node's ports from the defaults rather than lose its edges.
  const parsed = fn.paramsSchema.safeParse(node.params ?? {});
  const params = parsed.success ? parsed.data : fn.paramsSchema.safeParse({}).data;
  let inputs: ReturnType<typeof fn.inputs>;
  let outputs: ReturnType<typeof fn.outputs>;
  try {
    inputs = fn.inputs(params);
    outputs = fn.outputs(params);
  } catch {
    return { inputs: [], outputs: [] };
  }
  const bound = ctx.boundInputs?.get(node.id) ?? [];
  const expanded: PortView[] = [];
  for (const p of inputs) {
    if (!p.variadic) {
      expanded.push({ name: p.name, type: p.type, label: p.label, optional: p.optional });
      continue;
    }
    // A variadic input shows one slot per connected edge and one free slot to drop the next edge on.
    const used = bound
      .filter((b) => b.startsWith(`${p.name}.`))
      .map((b) => Number(b.slice(p.name.length + 1)))
      .filter((n) => Number.isInteger(n) && n >= 0);
    const next = used.length ? Math.max(...used) + 1 : 0;
    for (const i of [...new Set(used)].sort((a, b) => a - b))
      expanded.push({ name: `${p.name}.${i}`, type: p.type, label: p.label });
    expanded.push({ name: `${p.name}.${next}`, type: p.type, label: p.label, optional: true });
  }
  return { inputs: expanded, outputs: outputs.map((o) => ({ name: o.name, type: o.type, label: o.label })) };
}

/** The port an edge means when it names none: the first output, or the first input (slot 0 if variadic). */
export function defaultOutput(ports: NodePorts): string | undefined {
  return ports.outputs[0]?.name;
}

export function defaultInput(ports: NodePorts): string | undefined {
  return ports.inputs[0]?.name;
}

/** Input ports bound by edges, per target node. */
export function boundInputsOf(edges: readonly { to: { node: string; port?: string } }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of edges) if (e.to.port) map.set(e.to.node, [...(map.get(e.to.node) ?? []), e.to.port]);
  return map;
}

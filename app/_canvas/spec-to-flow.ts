import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import { getFunction } from '#server/engine/functions';
import type { FormTemplate, Labels } from '#server/engine/form-record';
import type { Edge as SpecEdge, MappingNode, MappingSpec } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import { metaLabel } from '../_lib/meta-label';
import { autoPositions, type CanvasLayout } from './layout';
import { boundInputsOf, defaultInput, defaultOutput, gateLabel, isGate, portsOf, targetFieldOf, type NodePorts } from './ports';

/**
 * spec → canvas. The MappingSpec is the truth: every canvas node and edge carries the spec object it was made
 * from, and edits change the spec (the store rebuilds the canvas from it), so diagram and map never drift.
 */

export interface CanvasCatalogues {
  targetFields: readonly TargetField[];
  /** The form template of the mapping's source; labels source fields the spec leaves unlabelled. */
  template?: FormTemplate | null;
}

export interface MappingNodeData extends Record<string, unknown> {
  spec: MappingNode;
  ports: NodePorts;
  /** The analyst's own name for the node (one language), shown before the catalogue's name. */
  customLabel: string | null;
  /** The catalogue's name in both languages: function, source field or voucher field. */
  catalogueLabel: Labels;
  /** Where a voucher field sits (header or a line template's label); the table a source column belongs to. */
  context: Labels | null;
  /** On the review canvas only: how this node differs from the version it is compared with (diff-flow.ts). */
  diff?: DiffMark;
}

/** A node or link added, with parameters changed, or present only in the older version (a ghost). */
export type DiffMark = 'added' | 'changed' | 'removed';

export type SourceFieldNode = FlowNode<MappingNodeData, 'source-field'>;
export type TargetFieldNode = FlowNode<MappingNodeData, 'target-field'>;
export type OperationNode = FlowNode<MappingNodeData, 'operation'>;
export type AppNode = SourceFieldNode | TargetFieldNode | OperationNode;
export type AppEdge = FlowEdge<{ spec: SpecEdge; diff?: DiffMark }>;

export const outHandle = (port: string) => `out:${port}`;
export const inHandle = (port: string) => `in:${port}`;
export const portOfHandle = (handle: string | null | undefined) => (handle ? handle.replace(/^(in|out):/, '') : undefined);

const HEADER: Labels = { zh: '凭证头', en: 'Voucher header' };
const same = (text: string): Labels => ({ zh: text, en: text });

export function specToFlow(spec: MappingSpec, layout: CanvasLayout | null | undefined, catalogues: CanvasCatalogues) {
  const bound = boundInputsOf(spec.edges);
  const ctx = { targetFields: catalogues.targetFields, boundInputs: bound };
  const ports = new Map(spec.nodes.map((n) => [n.id, portsOf(n, ctx)]));
  const count = (id: string) => {
    const p = ports.get(id);
    return p ? Math.max(p.inputs.length, p.outputs.length) : 1;
  };
  const positions = autoPositions(spec, count, layout?.positions ?? {});
  const nodes: AppNode[] = spec.nodes.map((n) => ({
    id: n.id,
    type: flowType(n),
    position: positions[n.id],
    data: {
      spec: n,
      ports: ports.get(n.id)!,
      customLabel: n.label ?? null,
      catalogueLabel: catalogueLabel(n, catalogues),
      context: contextLabel(n, spec, catalogues),
    },
  })) as AppNode[];
  const edges: AppEdge[] = spec.edges.map((e) => {
    const fromPorts = ports.get(e.from.node);
    const toPorts = ports.get(e.to.node);
    const fromPort = e.from.port ?? (fromPorts ? defaultOutput(fromPorts) : undefined) ?? 'value';
    const toPort = e.to.port ?? (toPorts ? defaultInput(toPorts) : undefined) ?? 'value';
    return {
      id: e.id,
      source: e.from.node,
      sourceHandle: outHandle(fromPort),
      target: e.to.node,
      targetHandle: inHandle(toPort),
      data: { spec: e },
    };
  });
  return { nodes, edges };
}

function flowType(n: MappingNode): AppNode['type'] {
  return n.kind === 'source' ? 'source-field' : n.kind === 'target' ? 'target-field' : 'operation';
}

function catalogueLabel(n: MappingNode, c: CanvasCatalogues): Labels {
  switch (n.kind) {
    case 'function':
      return getFunction(n.fn)?.label ?? same(n.fn);
    case 'target':
      return isGate(n.field) ? gateLabel(n.field) : (targetFieldOf(c.targetFields, n.line, n.field)?.label ?? same(n.field));
    case 'source': {
      if (n.meta) return metaLabel(n.meta);
      const field = c.template?.fields.find((f) => f.id === (n.table ?? n.field));
      const column = n.table ? field?.columns?.find((col) => col.id === n.column) : field;
      return column?.label ?? same(n.column ?? n.field ?? n.id);
    }
    case 'lookup':
      return same(n.table);
    case 'constant':
      return same(String(n.value));
    case 'check':
      return n.message;
    case 'expression':
      return same(n.expression.slice(0, 40));
  }
}

function contextLabel(n: MappingNode, spec: MappingSpec, c: CanvasCatalogues): Labels | null {
  if (n.kind === 'target') return n.line === null ? HEADER : (spec.lines.find((l) => l.id === n.line)?.label ?? same(n.line));
  if (n.kind === 'source' && n.table) return c.template?.fields.find((f) => f.id === n.table)?.label ?? same(n.table);
  return null;
}

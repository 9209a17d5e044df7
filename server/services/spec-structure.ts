import type { Edge, LineTemplate, MappingNode, MappingSpec } from '../engine';
import { canonicalJson } from './canonical-json';

/**
 * The one structural comparison of two specs: which nodes appeared or went (by id; a node whose kind changed
 * counts as both), which parameters of a kept node changed, which links were drawn or removed. The business
 * wording (version-diff.ts) and the marks on the review canvas are both read off this, so the list a reviewer reads
 * and the colours on the canvas can never disagree. Pure.
 */
export type NodeChange =
  | { change: 'added'; node: MappingNode }
  | { change: 'removed'; node: MappingNode }
  | { change: 'changed'; node: MappingNode; field: string; before: unknown; after: unknown };

export interface StructuralChanges {
  /** in the order a reader meets them: the new spec's nodes first, then those only the old spec had */
  nodes: NodeChange[];
  edges: { change: 'added' | 'removed'; edge: Edge }[];
}

/** The settings of a node a reviewer cares about: everything but its id, canvas label and comment. */
export function parameters(n: MappingNode): Record<string, unknown> {
  const { id: _id, label: _label, comment: _comment, kind: _kind, ...rest } = n as MappingNode & { comment?: string };
  if (n.kind === 'function') {
    const { params, ...others } = rest as { params: Record<string, unknown> };
    return { ...others, ...Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [`params.${k}`, v])) };
  }
  return rest;
}

/** A link is what it connects: edge ids are canvas bookkeeping, so a link redrawn with a new id is no change. */
export const edgeKey = (e: Edge) => `${e.from.node}:${e.from.port ?? ''}>${e.to.node}:${e.to.port ?? ''}`;

export function compareStructure(before: MappingSpec, after: MappingSpec): StructuralChanges {
  const nodes: NodeChange[] = [];
  const nodesB = new Map(before.nodes.map((n) => [n.id, n]));
  const idsA = new Set(after.nodes.map((n) => n.id));
  for (const a of after.nodes) {
    const b = nodesB.get(a.id);
    if (!b || b.kind !== a.kind) {
      if (b) nodes.push({ change: 'removed', node: b });
      nodes.push({ change: 'added', node: a });
      continue;
    }
    const pb = parameters(b);
    const pa = parameters(a);
    for (const field of new Set([...Object.keys(pb), ...Object.keys(pa)]))
      if (canonicalJson(pb[field] ?? null) !== canonicalJson(pa[field] ?? null)) nodes.push({ change: 'changed', node: a, field, before: pb[field], after: pa[field] });
  }
  for (const b of before.nodes) if (!idsA.has(b.id)) nodes.push({ change: 'removed', node: b });

  const keysB = new Set(before.edges.map(edgeKey));
  const keysA = new Set(after.edges.map(edgeKey));
  const edges: StructuralChanges['edges'] = [
    ...after.edges.filter((e) => !keysB.has(edgeKey(e))).map((edge) => ({ change: 'added' as const, edge })),
    ...before.edges.filter((e) => !keysA.has(edgeKey(e))).map((edge) => ({ change: 'removed' as const, edge })),
  ];
  return { nodes, edges };
}

export type CanvasMark = 'added' | 'changed' | 'removed';

/**
 * What the review canvas paints: marks on the new spec's nodes and links by id, and what the old spec had and the
 * new one lacks, to be drawn as ghosts (a node whose kind changed is both an added node and a ghost of the old one).
 */
export interface CanvasMarks {
  nodes: Record<string, 'added' | 'changed'>;
  edges: Record<string, 'added'>;
  removed: { nodes: MappingNode[]; edges: Edge[]; lines: LineTemplate[] };
}

export function canvasMarks(changes: StructuralChanges, before: MappingSpec, after: MappingSpec): CanvasMarks {
  const nodes: CanvasMarks['nodes'] = {};
  for (const c of changes.nodes) {
    if (c.change === 'added') nodes[c.node.id] = 'added';
    // An added node stays "added" however many of its parameters differ from the old node of the same id.
    else if (c.change === 'changed' && nodes[c.node.id] !== 'added') nodes[c.node.id] = 'changed';
  }
  const edges: CanvasMarks['edges'] = {};
  for (const c of changes.edges) if (c.change === 'added') edges[c.edge.id] = 'added';
  const linesA = new Set(after.lines.map((l) => l.id));
  return {
    nodes,
    edges,
    removed: {
      nodes: changes.nodes.flatMap((c) => (c.change === 'removed' ? [c.node] : [])),
      edges: changes.edges.flatMap((c) => (c.change === 'removed' ? [c.edge] : [])),
      // So a ghost voucher field of a removed line template can still say which line it belonged to.
      lines: before.lines.filter((l) => !linesA.has(l.id)),
    },
  };
}

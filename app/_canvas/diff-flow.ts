import type { CanvasMarks } from '#server/services/spec-structure';
import type { DiffEntry } from '#server/services/version-diff';
import type { MappingSpec } from '#server/engine/spec';
import type { CanvasLayout } from './layout';
import { inHandle, outHandle, specToFlow, type AppEdge, type AppNode, type CanvasCatalogues, type DiffMark } from './spec-to-flow';

export type { DiffMark };

/**
 * The review canvas: the submitted version drawn as the editor draws it, with the server's marks (the same
 * comparison the worded diff is read from) painted on, and what the older version had and this one lacks drawn as
 * ghosts beside their old neighbours. Pure: spec, marks and layout in, React Flow nodes and edges out.
 */

/** Ghosts get ids of their own: a node whose kind changed keeps its id in the new spec, and both are drawn. */
export const ghostId = (id: string) => `removed:${id}`;

export const DIFF_COLORS: Record<DiffMark, string> = { added: '#389e0d', changed: '#d48806', removed: '#cf1322' };

/** Where a ghost sits when a live neighbour is known: one column before the node it fed (or after its input). */
const GHOST_OFFSET = { x: 260, y: 24 };

export function diffFlow(spec: MappingSpec, marks: CanvasMarks, layout: CanvasLayout | null | undefined, catalogues: CanvasCatalogues): { nodes: AppNode[]; edges: AppEdge[] } {
  const removedIds = new Set(marks.removed.nodes.map((n) => n.id));
  const liveIds = new Set(spec.nodes.map((n) => n.id));
  // A removed link ends on a ghost when its node went too, else on the live node of that id.
  const endOf = (id: string) => (removedIds.has(id) ? ghostId(id) : id);
  const ghostSpec: MappingSpec = {
    ...spec,
    nodes: marks.removed.nodes.map((n) => ({ ...n, id: ghostId(n.id) })),
    edges: marks.removed.edges.map((e) => ({ ...e, id: ghostId(e.id), from: { ...e.from, node: endOf(e.from.node) }, to: { ...e.to, node: endOf(e.to.node) } })),
    lines: [...spec.lines, ...marks.removed.lines],
  };
  // Live and ghost nodes are placed together, so a ghost gets a free slot of its own when nothing says otherwise.
  const merged = specToFlow({ ...spec, nodes: [...spec.nodes, ...ghostSpec.nodes], edges: [...spec.edges, ...ghostSpec.edges] }, layout, catalogues);
  const place = new Map(merged.nodes.map((n) => [n.id, n.position]));
  const nodes = merged.nodes.map((n) => {
    const ghost = !liveIds.has(n.id);
    const diff: DiffMark | undefined = ghost ? 'removed' : marks.nodes[n.id];
    const position = ghost ? (besideNeighbour(n.id, ghostSpec, layout, place) ?? n.position) : n.position;
    return { ...n, position, data: { ...n.data, diff } } as AppNode;
  });
  const ghostEdges = new Set(ghostSpec.edges.map((e) => e.id));
  const handles = new Map(merged.nodes.map((n) => [n.id, { in: new Set(n.data.ports.inputs.map((p) => inHandle(p.name))), out: new Set(n.data.ports.outputs.map((p) => outHandle(p.name))) }]));
  const edges = merged.edges.map((e): AppEdge => {
    const diff: DiffMark | undefined = ghostEdges.has(e.id) ? 'removed' : marks.edges[e.id];
    if (!diff) return e;
    if (diff === 'added') return { ...e, className: 'diff-added', style: { stroke: DIFF_COLORS.added, strokeWidth: 2.5 }, data: { ...e.data!, diff } };
    // A removed link may end on a live node that no longer has that port: then it ends on the node's first one.
    const sourceHandle = handles.get(e.source)?.out.has(e.sourceHandle ?? '') ? e.sourceHandle : null;
    const targetHandle = handles.get(e.target)?.in.has(e.targetHandle ?? '') ? e.targetHandle : null;
    const style = { stroke: DIFF_COLORS.removed, strokeWidth: 1.5, strokeDasharray: '6 4', opacity: 0.8 };
    return { ...e, sourceHandle, targetHandle, className: 'diff-removed', style, data: { ...e.data!, diff } };
  });
  return { nodes, edges };
}

/**
 * A ghost is read next to what it was linked to: before the live node it fed, or after the live node that fed it,
 * when that node has a place in the saved layout. Without one, the merged auto-placement stands.
 */
function besideNeighbour(id: string, ghosts: MappingSpec, layout: CanvasLayout | null | undefined, place: Map<string, { x: number; y: number }>) {
  const known = layout?.positions ?? {};
  const fed = ghosts.edges.find((e) => e.from.node === id && known[e.to.node]);
  if (fed) {
    const p = place.get(fed.to.node)!;
    return { x: p.x - GHOST_OFFSET.x, y: p.y + GHOST_OFFSET.y };
  }
  const feeding = ghosts.edges.find((e) => e.to.node === id && known[e.from.node]);
  if (feeding) {
    const p = place.get(feeding.from.node)!;
    return { x: p.x + GHOST_OFFSET.x, y: p.y + GHOST_OFFSET.y };
  }
  return null;
}

/**
 * The canvas node a diff entry is about: a removed node (or a link into one) lives on as its ghost; anything else
 * is the node of that id in the submitted version. Undefined for entries with no node (ledger settings, lines).
 */
export function nodeOfEntry(entry: DiffEntry, marks: CanvasMarks | null): string | undefined {
  if (!entry.node) return undefined;
  const removed = entry.change === 'removed' && !!marks?.removed.nodes.some((n) => n.id === entry.node);
  return removed ? ghostId(entry.node) : entry.node;
}

import type { MappingSpec } from '#server/engine/spec';
import { estimatedHeight, type CanvasLayout } from './layout';
import { placeNewNodes } from './placement';
import { boundInputsOf, portsOf } from './ports';
import { specToFlow, type AppEdge, type AppNode, type CanvasCatalogues } from './spec-to-flow';
import type { Rect } from './viewport';

/** Rebuilding the canvas after an edit while keeping every object the edit did not touch (store.ts). */

type Point = { x: number; y: number };
const samePlace = (a: Point, b: Point) => a.x === b.x && a.y === b.y;

/** Node data is small plain JSON (the spec node, its ports and labels), so comparing the text is exact and cheap. */
function sameData(a: AppNode['data'], b: AppNode['data']): boolean {
  return a.spec === b.spec ? JSON.stringify({ ...a, spec: null }) === JSON.stringify({ ...b, spec: null }) : JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `positionsFromLayout`: every node (undo, auto-layout) or the named ones (a node dropped at a point) goes where
 * the layout says; the others keep where React Flow has them.
 */
export function rebuild(
  spec: MappingSpec,
  layout: CanvasLayout,
  catalogues: CanvasCatalogues,
  previous: { nodes: AppNode[]; edges: AppEdge[] },
  selected: string | null,
  positionsFromLayout: boolean | ReadonlySet<string> = false,
) {
  const flow = specToFlow(spec, layout, catalogues);
  const before = new Map(previous.nodes.map((n) => [n.id, n]));
  const edgesBefore = new Map(previous.edges.map((e) => [e.id, e]));
  const fromLayout = (id: string) => (typeof positionsFromLayout === 'boolean' ? positionsFromLayout : positionsFromLayout.has(id));
  const nodes = flow.nodes.map((n) => {
    const old = before.get(n.id);
    const position = fromLayout(n.id) ? n.position : (old?.position ?? n.position);
    const isSelected = n.id === selected;
    // An edit touches a node or two: the others keep their object, so React Flow does not re-render them all.
    if (old && !!old.selected === isSelected && samePlace(old.position, position) && sameData(old.data, n.data)) return old;
    // Keep the measured size, or React Flow hides the node again until it measures it.
    return { ...n, position, measured: old?.measured, selected: isSelected } as AppNode;
  });
  // Edges too: a link added re-renders that one path, not the hundred others.
  const edges = flow.edges.map((e) => {
    const old = edgesBefore.get(e.id);
    return old && old.data?.spec === e.data?.spec && old.sourceHandle === e.sourceHandle && old.targetHandle === e.targetHandle ? old : e;
  });
  return { nodes, edges };
}

/** A node's width before React Flow has measured it (mapping-node.tsx draws 150–230 px). */
const NEW_WIDTH = 200;

/**
 * The layout after an edit: nodes the edit added get a place of their own (placement.ts), and `at` puts nodes at
 * a point the analyst chose (a drop). Without this, a new node would land in an auto-layout column, often far
 * outside what the analyst is looking at.
 */
export function placeAdded(
  before: MappingSpec,
  next: MappingSpec,
  layout: CanvasLayout,
  nodes: readonly AppNode[],
  catalogues: CanvasCatalogues,
  view: Rect | null,
  at: Readonly<Record<string, Point>>,
): CanvasLayout {
  const had = new Set(before.nodes.map((n) => n.id));
  const positions = layout.positions ?? {};
  const fresh = next.nodes.filter((n) => !had.has(n.id) && !positions[n.id] && !at[n.id]);
  if (!fresh.length && !Object.keys(at).length) return layout;
  const ctx = { targetFields: catalogues.targetFields, boundInputs: boundInputsOf(next.edges) };
  const byId = new Map(next.nodes.map((n) => [n.id, n]));
  const sizeOf = (id: string) => {
    const node = byId.get(id);
    const ports = node ? portsOf(node, ctx) : { inputs: [], outputs: [] };
    return { width: NEW_WIDTH, height: estimatedHeight(ports.inputs.length + ports.outputs.length) };
  };
  const placed = new Map<string, Rect>();
  for (const n of nodes) if (!at[n.id]) placed.set(n.id, { ...n.position, width: n.measured?.width ?? NEW_WIDTH, height: n.measured?.height ?? sizeOf(n.id).height });
  for (const [id, p] of Object.entries(at)) placed.set(id, { ...p, ...sizeOf(id) });
  const added = placeNewNodes({ spec: next, ids: fresh.map((n) => n.id), placed, sizeOf, view });
  const rounded = Object.fromEntries(Object.entries(at).map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]));
  return { ...layout, positions: { ...positions, ...added, ...rounded } };
}

import type { MappingSpec } from '#server/engine/spec';
import type { CanvasLayout } from './layout';
import { specToFlow, type AppEdge, type AppNode, type CanvasCatalogues } from './spec-to-flow';

/** Rebuilding the canvas after an edit while keeping every object the edit did not touch (store.ts). */

const samePlace = (a: { x: number; y: number }, b: { x: number; y: number }) => a.x === b.x && a.y === b.y;

/** Node data is small plain JSON (the spec node, its ports and labels), so comparing the text is exact and cheap. */
function sameData(a: AppNode['data'], b: AppNode['data']): boolean {
  return a.spec === b.spec ? JSON.stringify({ ...a, spec: null }) === JSON.stringify({ ...b, spec: null }) : JSON.stringify(a) === JSON.stringify(b);
}

export function rebuild(
  spec: MappingSpec,
  layout: CanvasLayout,
  catalogues: CanvasCatalogues,
  previous: { nodes: AppNode[]; edges: AppEdge[] },
  selected: string | null,
  positionsFromLayout = false,
) {
  const flow = specToFlow(spec, layout, catalogues);
  const before = new Map(previous.nodes.map((n) => [n.id, n]));
  const edgesBefore = new Map(previous.edges.map((e) => [e.id, e]));
  const nodes = flow.nodes.map((n) => {
    const old = before.get(n.id);
    // Undo and auto-layout move nodes to where the layout says; other edits keep where React Flow has them.
    const position = positionsFromLayout ? n.position : (old?.position ?? n.position);
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

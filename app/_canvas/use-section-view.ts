'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { autoLayout } from './elk-graph';
import { canvasSections, visibleNodes } from './sections';
import type { AppEdge, AppNode } from './spec-to-flow';
import { useEditorStore } from './store';

type Positions = Record<string, { x: number; y: number }>;

/**
 * The canvas as shown: every node, or one part of the voucher laid out on its own. A part keeps the nodes of the
 * whole mapping in React Flow's state (hidden, not removed) and gets its own compact arrangement from ELK, shown
 * but never saved: the saved layout belongs to the whole mapping, so nodes are not dragged while a part is shown.
 */
export function useSectionView(nodes: AppNode[], edges: AppEdge[], aspectRatio: number | undefined) {
  const spec = useEditorStore((s) => s.spec);
  const section = useEditorStore((s) => s.section);
  const sections = useMemo(() => (spec ? canvasSections(spec) : []), [spec]);
  const shown = useMemo(() => visibleNodes(sections, section), [sections, section]);
  const [arranged, setArranged] = useState<{ key: string; positions: Positions } | null>(null);

  // Re-arranged when the part or its members change, not on every edit inside it (a rename keeps the places).
  const members = useMemo(() => (shown ? nodes.filter((n) => shown(n.id)).map((n) => n.id).join('\u0001') : ''), [nodes, shown]);
  const arrangementKey = shown ? `${section}\u0002${members}` : null;
  // Every edit makes a new `shown` (the sections are derived from the spec): read it through a ref, so ELK runs
  // only when the key says the part's members changed.
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => {
    const shown = shownRef.current;
    if (!arrangementKey || !shown) return;
    let live = true;
    const { nodes: all, edges: allEdges } = useEditorStore.getState();
    const partNodes = all.filter((n) => shown(n.id));
    const partEdges = allEdges.filter((e) => shown(e.source) && shown(e.target));
    void autoLayout(partNodes, partEdges, aspectRatio).then((positions) => live && setArranged({ key: arrangementKey, positions }));
    return () => {
      live = false;
    };
  }, [arrangementKey, aspectRatio]);

  const positions = arranged && arranged.key === arrangementKey ? arranged.positions : null;
  const viewNodes = useMemo(() => {
    if (!shown) return nodes;
    return nodes.map((n) => {
      if (!shown(n.id)) return { ...n, hidden: true };
      const at = positions?.[n.id];
      return at ? { ...n, position: at, draggable: false } : { ...n, draggable: false };
    });
  }, [nodes, shown, positions]);
  const viewEdges = useMemo(
    () => (shown ? edges.map((e) => (shown(e.source) && shown(e.target) ? e : { ...e, hidden: true })) : edges),
    [edges, shown],
  );
  /** Changes when what is on screen has been placed anew: the canvas fits the view to it then. */
  const placedKey = shown ? (positions ? arrangementKey : null) : 'all';
  return { viewNodes, viewEdges, placedKey, partShown: shown !== null };
}

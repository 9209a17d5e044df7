'use client';

import { useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { MappingNode } from '#server/engine/spec';
import { sourceChain, targetChain, treeAnchor, type AnchorEnd, type Band, type TreeView } from './link-anchors';
import { useEditorStore } from './store';
import { TREE_KEY_ATTR, useTreeViews, type TreeModel, type TreeSide } from './tree-views';

/**
 * Connectors from each source field's tree row to its node on the canvas, and from each voucher-field node to its
 * row in the voucher tree, so an analyst sees which row a node stands for even when its table is collapsed or the
 * row is scrolled away (then the connector ends at the table's row or at the panel's edge). Drawn in one SVG over
 * the workspace, only for nodes inside the canvas's visible part, and recomputed at most once per frame.
 */

interface Connector {
  id: string;
  side: TreeSide;
  d: string;
  end: AnchorEnd;
  /** The anchor's height relative to the overlay, for tests and for the dot drawn at the tree end. */
  x: number;
  y: number;
}

interface Props {
  container: RefObject<HTMLElement | null>;
  source: RefObject<HTMLElement | null>;
  target: RefObject<HTMLElement | null>;
  canvas: RefObject<HTMLElement | null>;
}

export function LinkOverlay({ container, source, target, canvas }: Props) {
  const flow = useStoreApi();
  const [connectors, setConnectors] = useState<Connector[]>([]);
  const frame = useRef(0);
  const drawn = useRef('');

  const draw = useCallback(() => {
    frame.current = 0;
    const box = container.current?.getBoundingClientRect();
    const pane = canvas.current?.getBoundingClientRect();
    const spec = useEditorStore.getState().spec;
    if (!box || !pane || !spec) {
      drawn.current = '';
      return setConnectors([]);
    }
    const { transform, nodeLookup } = flow.getState();
    const [tx, ty, zoom] = transform;
    const views = useTreeViews.getState().views;
    const trees = { source: treeView(source.current, views.source), target: treeView(target.current, views.target) };
    const next: Connector[] = [];
    for (const n of spec.nodes) {
      const side: TreeSide | null = n.kind === 'source' ? 'source' : n.kind === 'target' ? 'target' : null;
      const tree = side && trees[side];
      const internal = nodeLookup.get(n.id);
      if (!side || !tree || !internal || internal.hidden || !internal.measured.width || !internal.measured.height) continue;
      const left = pane.left + tx + internal.internals.positionAbsolute.x * zoom;
      const top = pane.top + ty + internal.internals.positionAbsolute.y * zoom;
      const width = internal.measured.width * zoom;
      const height = internal.measured.height * zoom;
      // Only nodes the analyst can see: a connector to a node panned out of view would point at nothing.
      if (left > pane.right || left + width < pane.left || top > pane.bottom || top + height < pane.top) continue;
      const anchor = treeAnchor(chainOf(n)!, tree.view);
      if (!anchor) continue;
      // The node end sits on the node's title row, where the eye reads its name.
      const nodeY = Math.min(Math.max(top + Math.min(height / 2, 12 * zoom), pane.top), pane.bottom) - box.top;
      const treeX = (side === 'source' ? tree.edge.right : tree.edge.left) - box.left;
      const nodeX = (side === 'source' ? Math.max(left, pane.left) : Math.min(left + width, pane.right)) - box.left;
      const y = anchor.y - box.top;
      const bend = (nodeX - treeX) / 2;
      next.push({ id: n.id, side, end: anchor.end, x: treeX, y, d: `M${treeX},${y} C${treeX + bend},${y} ${nodeX - bend},${nodeY} ${nodeX},${nodeY}` });
    }
    // Most edits move no connector; re-rendering the same paths would cost the edit's frame for nothing.
    const key = next.map((c) => `${c.id}${c.end}${c.d}`).join('|');
    if (key !== drawn.current) {
      drawn.current = key;
      setConnectors(next);
    }
  }, [container, canvas, source, target, flow]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useEffect(() => {
    const unsubscribe = [flow.subscribe(schedule), useEditorStore.subscribe(schedule), useTreeViews.subscribe(schedule)];
    const panels = [source.current, target.current].filter((p): p is HTMLElement => !!p);
    // A virtual list scrolls by swapping and shifting rows; a collapsing table animates its rows away.
    const observer = new MutationObserver(schedule);
    for (const p of panels) {
      p.addEventListener('scroll', schedule, true);
      observer.observe(p, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'class'] });
    }
    const resize = new ResizeObserver(schedule);
    if (container.current) resize.observe(container.current);
    window.addEventListener('scroll', schedule, true);
    schedule();
    return () => {
      for (const u of unsubscribe) u();
      for (const p of panels) p.removeEventListener('scroll', schedule, true);
      window.removeEventListener('scroll', schedule, true);
      observer.disconnect();
      resize.disconnect();
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [flow, schedule, source, target, container]);

  return (
    <svg data-testid="link-overlay" aria-hidden style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none', zIndex: 5, overflow: 'visible' }}>
      {connectors.map((c) => (
        <g key={`${c.side}:${c.id}`} data-testid={`link-overlay-${c.id}`} data-end={c.end} data-y={Math.round(c.y)}>
          <path d={c.d} fill="none" stroke={c.side === 'source' ? '#1d5fbf' : '#389e0d'} strokeOpacity={OPACITY[c.end]} strokeWidth={1.25} strokeDasharray={c.end === 'row' ? undefined : '4 3'} />
          <circle cx={c.x} cy={c.y} r={c.end === 'top' || c.end === 'bottom' ? 3.5 : 2.5} fill={c.side === 'source' ? '#1d5fbf' : '#389e0d'} fillOpacity={0.6} />
        </g>
      ))}
    </svg>
  );
}

/** Connectors to rows out of view are many on a large form and say less: they recede. */
const OPACITY: Record<AnchorEnd, number> = { row: 0.45, parent: 0.35, top: 0.12, bottom: 0.12 };

function chainOf(n: MappingNode): string[] | null {
  return sourceChain(n) ?? targetChain(n);
}

/** Reads where the tree's list and its rendered rows are on screen right now. */
function treeView(panel: HTMLElement | null, model: TreeModel | undefined): { view: TreeView; edge: DOMRect } | null {
  if (!panel || !model) return null;
  const list = panel.querySelector<HTMLElement>('.ant-tree-list-holder') ?? panel.querySelector<HTMLElement>('.ant-tree');
  if (!list) return null;
  const edge = list.getBoundingClientRect();
  const rendered = new Map<string, Band>();
  for (const el of list.querySelectorAll<HTMLElement>(`[${TREE_KEY_ATTR}]`)) {
    const row = (el.closest('.ant-tree-treenode') ?? el).getBoundingClientRect();
    // A row collapsing away is still in the DOM while it animates; with no height it is not a place to point at.
    if (row.height > 0) rendered.set(el.getAttribute(TREE_KEY_ATTR)!, { top: row.top, bottom: row.bottom });
  }
  return { view: { viewport: { top: edge.top, bottom: edge.bottom }, expanded: model.expanded, order: model.order, rendered }, edge };
}

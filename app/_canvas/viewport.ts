/**
 * The parts of the canvas that float over the diagram (toolbar, zoom controls, minimap), in screen pixels, and the
 * room fitting and placing keep free of them, so no node is ever drawn underneath one.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Sizes as mapping-canvas.tsx renders them; React Flow puts its panels 15 px in from the edges. */
const PANEL_MARGIN = 15;
export const TOOLBAR_HEIGHT = 48;
export const MINIMAP = { width: 140, height: 90 } as const;
/** React Flow's Controls: zoom in, zoom out and fit, stacked, 27 px each. */
const CONTROLS = { width: 27, height: 81 } as const;
/** A little air between a node and a panel. */
const GAP = 8;

/** The strip along the bottom the minimap and the controls stand in (the taller of the two, with its margin). */
const BOTTOM = Math.max(MINIMAP.height, CONTROLS.height) + PANEL_MARGIN + GAP;

/** What every fitView uses: the toolbar's strip at the top, the minimap's and controls' strip at the bottom. */
export const FIT_PADDING = { top: `${TOOLBAR_HEIGHT + GAP}px`, left: '3%', right: '3%', bottom: `${BOTTOM}px` } as const;

/** Where the floating panels stand on a canvas of this size (screen pixels, relative to the canvas). */
export function reservedAreas(width: number, height: number): Rect[] {
  return [
    { x: 0, y: 0, width, height: TOOLBAR_HEIGHT },
    { x: width - PANEL_MARGIN - MINIMAP.width, y: height - PANEL_MARGIN - MINIMAP.height, width: MINIMAP.width, height: MINIMAP.height },
    { x: PANEL_MARGIN, y: height - PANEL_MARGIN - CONTROLS.height, width: CONTROLS.width, height: CONTROLS.height },
  ];
}

/**
 * The part of the diagram (flow coordinates) seen on a canvas of this size at this pan and zoom, less the strips
 * the panels take: where a new node can go and still be seen whole.
 */
export function usableView(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [tx, ty, zoom] = transform;
  const top = TOOLBAR_HEIGHT + GAP;
  const usableHeight = Math.max(0, height - top - BOTTOM);
  return { x: (GAP - tx) / zoom, y: (top - ty) / zoom, width: Math.max(0, width - 2 * GAP) / zoom, height: usableHeight / zoom };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

import type { MappingSpec } from '#server/engine/spec';
import { contains, intersects, type Rect } from './viewport';

/**
 * Where a node added by a button, a key or the inspector goes: next to what it is linked to (left of the voucher
 * field it feeds, right of the value that feeds it), else in the visible part of the canvas by its role (form
 * fields at the left, voucher fields at the right, the rest in the middle), and never on top of another node.
 */

type Size = { width: number; height: number };
type Point = { x: number; y: number };

/** Room between a node and its neighbour, sideways (where the link runs) and vertically. */
const GAP_X = 60;
const GAP_Y = 16;
/** Far enough to get past any pile of nodes; the loop stops sooner in practice. */
const MAX_STEPS = 500;

export interface PlacementInput {
  spec: MappingSpec;
  /** Nodes that need a place, in the order they were added. */
  ids: readonly string[];
  /** Every node that has a place already, with its size. */
  placed: ReadonlyMap<string, Rect>;
  sizeOf: (id: string) => Size;
  /** The part of the canvas in view and free of panels (flow coordinates); null before the canvas is measured. */
  view: Rect | null;
}

export function placeNewNodes({ spec, ids, placed, sizeOf, view }: PlacementInput): Record<string, Point> {
  const taken = new Map(placed);
  const result: Record<string, Point> = {};
  for (const id of ids) {
    const size = sizeOf(id);
    const beside = besideNeighbour(spec, id, size, taken);
    const wanted = beside ?? byRole(spec, id, size, view, taken);
    const others = [...taken.values()];
    // Next to its neighbour wherever that is (the view pans there); otherwise somewhere in view, or, when the view
    // is full, the nearest free spot outside it (the view pans there too).
    const box = { ...wanted, ...size };
    const at = (beside ? null : nearestFree(box, others, view)) ?? nearestFree(box, others, null) ?? clear(box, others);
    result[id] = { x: Math.round(at.x), y: Math.round(at.y) };
    taken.set(id, { ...result[id], ...size });
  }
  return result;
}

function besideNeighbour(spec: MappingSpec, id: string, size: Size, taken: ReadonlyMap<string, Rect>): Point | null {
  // What it feeds decides first: a new step is placed to read into the voucher field it fills.
  for (const e of spec.edges) {
    const fed = e.from.node === id ? taken.get(e.to.node) : undefined;
    if (fed) return { x: fed.x - GAP_X - size.width, y: fed.y };
  }
  for (const e of spec.edges) {
    const feeder = e.to.node === id ? taken.get(e.from.node) : undefined;
    if (feeder) return { x: feeder.x + feeder.width + GAP_X, y: feeder.y };
  }
  return null;
}

function byRole(spec: MappingSpec, id: string, size: Size, view: Rect | null, taken: ReadonlyMap<string, Rect>): Point {
  const area = view ?? boundsOf([...taken.values()]) ?? { x: 0, y: 0, width: 1200, height: 600 };
  const kind = spec.nodes.find((n) => n.id === id)?.kind;
  const margin = Math.min(24, area.width / 20);
  const x =
    kind === 'source' ? area.x + margin
    : kind === 'target' ? area.x + area.width - size.width - margin
    : area.x + (area.width - size.width) / 2;
  return { x, y: area.y + margin };
}

/** How far around the wanted spot a free one is looked for, in half-node steps each way. */
const SEARCH_STEPS = 12;

/** The free spot closest to the wanted one (and inside `within`, when given), or null when there is none near. */
function nearestFree(rect: Rect, others: readonly Rect[], within: Rect | null): Point | null {
  const dx = rect.width / 2;
  const dy = rect.height / 2;
  const spots: Point[] = [];
  for (let i = -SEARCH_STEPS; i <= SEARCH_STEPS; i++)
    for (let j = -SEARCH_STEPS; j <= SEARCH_STEPS; j++) spots.push({ x: rect.x + i * dx, y: rect.y + j * dy });
  // Rows before columns: a node a little lower reads better than one shifted into the next column.
  const cost = (p: Point) => Math.abs(p.x - rect.x) * 2 + Math.abs(p.y - rect.y);
  spots.sort((a, b) => cost(a) - cost(b));
  for (const p of spots) {
    const box = { ...p, width: rect.width, height: rect.height };
    if (within && !contains(within, box)) continue;
    if (!others.some((o) => intersects(grow(box), o))) return p;
  }
  return null;
}

/** The last resort: moves a node down past every node it would cover, until it covers none. */
function clear(rect: Rect, others: readonly Rect[]): Point {
  const at = { ...rect };
  for (let step = 0; step < MAX_STEPS; step++) {
    const hit = others.find((o) => intersects(grow(at), o));
    if (!hit) break;
    at.y = hit.y + hit.height + GAP_Y;
  }
  return { x: at.x, y: at.y };
}

/** A node keeps a little air around it, so a placed node does not touch its neighbour either. */
const grow = (r: Rect): Rect => ({ x: r.x - GAP_Y / 2, y: r.y - GAP_Y / 2, width: r.width + GAP_Y, height: r.height + GAP_Y });

function boundsOf(rects: readonly Rect[]): Rect | null {
  if (!rects.length) return null;
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
}

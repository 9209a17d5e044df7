import type { MappingNode } from '#server/engine/spec';

/**
 * Where a connector between a tree row and its canvas node ends on the tree's side. A row inside a collapsed
 * detail table ends at the table's row; a row the virtual list scrolled away (and so is not in the DOM at all)
 * ends at the panel's top or bottom edge, so the analyst still sees that the node reads something out of view.
 */

export interface Band {
  top: number;
  bottom: number;
}

export type AnchorEnd = 'row' | 'parent' | 'top' | 'bottom';

export interface TreeAnchor {
  y: number;
  end: AnchorEnd;
  /** The tree row the connector ends on (the row itself or its nearest shown parent); null at an edge. */
  key: string | null;
}

export interface TreeView {
  /** The part of the tree the list shows, in the same coordinates as the rows (screen pixels). */
  viewport: Band;
  /** Keys of the expanded groups and tables. */
  expanded: ReadonlySet<string>;
  /** Rows in the DOM right now, by key (a virtual list keeps only those near the visible part). */
  rendered: ReadonlyMap<string, Band>;
  /** Position of every shown row in the flattened tree, top to bottom: tells "above" from "below". */
  order: ReadonlyMap<string, number>;
}

const middle = (b: Band) => (b.top + b.bottom) / 2;

/**
 * `chain` lists the row's key and then its ancestors' keys, innermost first (`['T/amount', 'T']`). A key is shown
 * when every ancestor after it is expanded; the deepest shown one is where the connector ends.
 */
export function treeAnchor(chain: readonly string[], view: TreeView): TreeAnchor | null {
  const shown = chain.findIndex((_, i) => chain.slice(i + 1).every((k) => view.expanded.has(k)));
  if (shown < 0) return null;
  const key = chain[shown];
  const end: AnchorEnd = shown === 0 ? 'row' : 'parent';
  const { viewport } = view;
  const band = view.rendered.get(key);
  if (band) {
    const y = middle(band);
    if (y < viewport.top) return { y: viewport.top, end: 'top', key: null };
    if (y > viewport.bottom) return { y: viewport.bottom, end: 'bottom', key: null };
    return { y, end, key };
  }
  const index = view.order.get(key);
  if (index === undefined) return null; // filtered out by the search box: nothing to point at
  return firstVisibleIndex(view) > index ? { y: viewport.top, end: 'top', key: null } : { y: viewport.bottom, end: 'bottom', key: null };
}

/** The flat index of the topmost row inside the viewport; rows before it are above, rows after it below. */
function firstVisibleIndex(view: TreeView): number {
  let first = Infinity;
  for (const [key, band] of view.rendered) {
    const index = view.order.get(key);
    if (index !== undefined && middle(band) >= view.viewport.top && index < first) first = index;
  }
  return first;
}

interface Row {
  key: unknown;
  children?: readonly Row[];
}

/** The flat order of the rows a tree shows: a node's children count only when the node is expanded. */
export function flattenShown(tree: readonly Row[], expanded: ReadonlySet<string>): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (nodes: readonly Row[]) => {
    for (const n of nodes) {
      order.set(String(n.key), order.size);
      if (n.children && expanded.has(String(n.key))) walk(n.children);
    }
  };
  walk(tree);
  return order;
}

/** The source tree row a source node reads, then its parents: a detail-table column sits under its table. */
export function sourceChain(n: MappingNode): string[] | null {
  if (n.kind !== 'source') return null;
  if (n.meta) return [`meta:${n.meta}`, 'group:meta'];
  if (n.table) return [`${n.table}/${n.column}`, n.table];
  return n.field ? [n.field] : null;
}

/** The target tree row a voucher-field node writes: a header field or a field of one line template. */
export function targetChain(n: MappingNode): string[] | null {
  if (n.kind !== 'target') return null;
  return [`${n.line ?? ''}|${n.field}`, n.line === null ? 'group:header' : `line:${n.line}`];
}

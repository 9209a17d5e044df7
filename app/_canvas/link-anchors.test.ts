import { describe, expect, it } from 'vitest';
import { flattenShown, sourceChain, targetChain, treeAnchor, type TreeView } from './link-anchors';

/** A tree of 24-pixel rows whose list shows y 100–300: rows T (table), T/a, T/b, then fields f1…f20. */
const ROW = 24;
const tree = [{ key: 'T', children: [{ key: 'T/a' }, { key: 'T/b' }] }, ...Array.from({ length: 20 }, (_, i) => ({ key: `f${i + 1}` }))];

function view(expanded: string[], scrolledRows: number, overscan = 2): TreeView {
  const open = new Set(expanded);
  const order = flattenShown(tree, open);
  const viewport = { top: 100, bottom: 300 };
  const rendered = new Map<string, { top: number; bottom: number }>();
  // Like a virtual list: only the rows in view plus a few either side are in the DOM.
  for (const [key, i] of order) {
    const top = viewport.top + (i - scrolledRows) * ROW;
    if (top + ROW > viewport.top - overscan * ROW && top < viewport.bottom + overscan * ROW) rendered.set(key, { top, bottom: top + ROW });
  }
  return { viewport, expanded: open, rendered, order };
}

describe('where a link ends on the tree side', () => {
  it('ends on the row itself when the row is in view', () => {
    expect(treeAnchor(['T/b', 'T'], view(['T'], 0))).toEqual({ y: 100 + 2 * ROW + ROW / 2, end: 'row', key: 'T/b' });
  });

  it('ends on the table row when the table is collapsed', () => {
    expect(treeAnchor(['T/b', 'T'], view([], 0))).toEqual({ y: 100 + ROW / 2, end: 'parent', key: 'T' });
  });

  it('ends at the top edge when the row was scrolled above the list, in the DOM or not', () => {
    expect(treeAnchor(['T/a', 'T'], view(['T'], 2))).toEqual({ y: 100, end: 'top', key: null });
    expect(treeAnchor(['T/a', 'T'], view(['T'], 12))).toEqual({ y: 100, end: 'top', key: null });
  });

  it('ends at the bottom edge when the row lies below the list, in the DOM or not', () => {
    expect(treeAnchor(['f20'], view(['T'], 0))).toEqual({ y: 300, end: 'bottom', key: null });
    expect(treeAnchor(['f9'], view(['T'], 0, 3))).toEqual({ y: 300, end: 'bottom', key: null });
  });

  it('a collapsed table scrolled away sends its columns to the edge, not to a row that is not there', () => {
    expect(treeAnchor(['T/a', 'T'], view([], 10))).toEqual({ y: 100, end: 'top', key: null });
  });

  it('draws nothing for a row the search filtered out', () => {
    const v = view(['T'], 0);
    expect(treeAnchor(['gone'], v)).toBeNull();
  });

  it('knows the rows of source and target nodes and their parents', () => {
    expect(sourceChain({ id: 's', kind: 'source', table: 'T', column: 'a' })).toEqual(['T/a', 'T']);
    expect(sourceChain({ id: 's', kind: 'source', meta: 'finishedAt' })).toEqual(['meta:finishedAt', 'group:meta']);
    expect(sourceChain({ id: 's', kind: 'source', field: 'f1' })).toEqual(['f1']);
    expect(targetChain({ id: 't', kind: 'target', line: 'expense', field: 'debit' })).toEqual(['expense|debit', 'line:expense']);
    expect(targetChain({ id: 't', kind: 'target', line: null, field: 'date' })).toEqual(['|date', 'group:header']);
    expect(sourceChain({ id: 'c', kind: 'constant', valueType: 'text', value: '' })).toBeNull();
  });
});

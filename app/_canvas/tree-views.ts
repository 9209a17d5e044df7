import { create } from 'zustand';

/**
 * What the two field trees show right now — which groups are open and the order of the shown rows — for the
 * connectors drawn between tree rows and canvas nodes. The rows' places on screen are read from the DOM when the
 * connectors are drawn; this is the part the DOM of a virtual list cannot tell.
 */
export interface TreeModel {
  expanded: ReadonlySet<string>;
  order: ReadonlyMap<string, number>;
}

export type TreeSide = 'source' | 'target';

interface TreeViews {
  views: Partial<Record<TreeSide, TreeModel>>;
  publish(side: TreeSide, model: TreeModel): void;
}

export const useTreeViews = create<TreeViews>((set) => ({
  views: {},
  publish: (side, model) => set((s) => ({ views: { ...s.views, [side]: model } })),
}));

/** The attribute a tree row's title carries, so the connectors can find the row's box. */
export const TREE_KEY_ATTR = 'data-tree-key';

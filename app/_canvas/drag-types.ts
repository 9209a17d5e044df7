import type { SourcePick } from './suggestions';

/**
 * What can be dragged onto the canvas (and the target tree), as HTML5 drag data: a form field or table column from
 * the source tree, a function from the palette. One module, so the trees, the palette and the canvas agree.
 */
export const SOURCE_DRAG_TYPE = 'application/x-ledgerlink-source';
export const FUNCTION_DRAG_TYPE = 'application/x-ledgerlink-function';

/** The form field a drag carries (the source tree's PickedSource, as JSON). */
export type DraggedSource = Omit<SourcePick, 'key'> & { label?: string };

export function readDraggedSource(data: DataTransfer): DraggedSource | null {
  const text = data.getData(SOURCE_DRAG_TYPE);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as DraggedSource;
    return parsed && typeof parsed.type === 'string' ? parsed : null;
  } catch {
    // Drag data from another page or an older build of this one: not ours to place.
    return null;
  }
}

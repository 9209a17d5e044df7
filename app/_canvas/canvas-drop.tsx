'use client';

import { useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { addFunctionNode, ensureSourceNode, insertOnEdge } from './commands';
import { FUNCTION_DRAG_TYPE, readDraggedSource, SOURCE_DRAG_TYPE } from './drag-types';
import { ALL_SECTIONS } from './sections';
import { useEditorStore } from './store';
import { usableView } from './viewport';

/**
 * Drops on the canvas: a form field's node is placed where it is dropped (moved there if it was placed before); a
 * function is placed there too, or, dropped onto a link, inserted into it. Also tells the editor store which part
 * of the diagram is in view, so nodes added by buttons and keys are placed where the analyst is looking.
 */

/** The node's corner sits this far up-left of the pointer, so the pointer ends on the node's title. */
const GRIP = { x: 24, y: 12 };
const DROP_MARK = 'data-drop-target';

/** The link under the pointer: its wide, invisible hit path is what the browser finds there. */
function edgeAt(x: number, y: number): Element | null {
  for (const el of document.elementsFromPoint(x, y)) {
    // A node drawn over the link is what the function was dropped on: placed there, not inserted below it.
    if (el.closest('.react-flow__node')) return null;
    const edge = el.closest('.react-flow__edge');
    if (edge) return edge;
  }
  return null;
}

export function CanvasDropTarget() {
  const domNode = useStore((s) => s.domNode);
  const storeApi = useStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const readOnly = useEditorStore((s) => s.readOnly);

  useEffect(() => {
    const { setViewReader } = useEditorStore.getState();
    setViewReader(() => {
      // A part of the voucher is shown in an arrangement of its own, not in the saved layout's coordinates.
      if (useEditorStore.getState().section !== ALL_SECTIONS) return null;
      const { transform, width, height } = storeApi.getState();
      return width && height ? usableView(transform, width, height) : null;
    });
    return () => setViewReader(() => null);
  }, [storeApi]);

  useEffect(() => {
    if (!domNode || readOnly) return;
    let marked: Element | null = null;
    const mark = (edge: Element | null) => {
      if (edge === marked) return;
      marked?.removeAttribute(DROP_MARK);
      edge?.setAttribute(DROP_MARK, '');
      marked = edge;
    };
    const ours = (e: DragEvent) => !!e.dataTransfer && [SOURCE_DRAG_TYPE, FUNCTION_DRAG_TYPE].some((t) => e.dataTransfer!.types.includes(t));
    const onDragOver = (e: DragEvent) => {
      if (!ours(e)) return;
      e.preventDefault();
      // A function held over a link shows which link it would go into.
      mark(e.dataTransfer!.types.includes(FUNCTION_DRAG_TYPE) ? edgeAt(e.clientX, e.clientY) : null);
    };
    const onDragLeave = (e: DragEvent) => {
      if (!(e.relatedTarget instanceof Node) || !domNode.contains(e.relatedTarget)) mark(null);
    };
    const onDrop = (e: DragEvent) => {
      if (!ours(e)) return;
      e.preventDefault();
      mark(null);
      const { spec, catalogues, apply, refuse, select, section } = useEditorStore.getState();
      if (!spec) return;
      const point = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // While a part is shown, ELK arranges it and the drop point means nothing in the saved layout: the node is
      // placed next to what it links to instead (store.apply), and shows up in the part's new arrangement.
      const at = (id: string) => (section === ALL_SECTIONS ? { [id]: { x: point.x - GRIP.x, y: point.y - GRIP.y } } : {});
      const source = readDraggedSource(e.dataTransfer!);
      if (source) {
        const r = ensureSourceNode(spec, source);
        apply(r.spec, at(r.id));
        select(r.id);
        return;
      }
      const fn = e.dataTransfer!.getData(FUNCTION_DRAG_TYPE);
      if (!fn) return;
      const edgeId = edgeAt(e.clientX, e.clientY)?.getAttribute('data-id');
      if (edgeId) {
        const r = insertOnEdge(spec, edgeId, fn, catalogues);
        if (!r.ok) return refuse(r.reason);
        apply(r.spec, at(r.id));
        select(r.id);
        return;
      }
      const r = addFunctionNode(spec, fn);
      apply(r.spec, at(r.id));
      select(r.id);
    };
    domNode.addEventListener('dragover', onDragOver);
    domNode.addEventListener('dragleave', onDragLeave);
    domNode.addEventListener('drop', onDrop);
    return () => {
      mark(null);
      domNode.removeEventListener('dragover', onDragOver);
      domNode.removeEventListener('dragleave', onDragLeave);
      domNode.removeEventListener('drop', onDrop);
    };
  }, [domNode, readOnly, screenToFlowPosition]);

  return <style>{`.react-flow__edge[${DROP_MARK}] .react-flow__edge-path { stroke: #1677ff; stroke-width: 3px; }`}</style>;
}

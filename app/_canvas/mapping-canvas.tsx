'use client';

import { Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import '@xyflow/react/dist/style.css';
import { CanvasToolbar } from './canvas-toolbar';
import { nodeTypes } from './nodes/mapping-node';
import { useEditorStore } from './store';
import { NO_FOCUS } from './trace-focus';
import { useSectionView } from './use-section-view';
import { CanvasDropTarget } from './canvas-drop';
import { contains, FIT_PADDING, MINIMAP, usableView } from './viewport';

/** From this many nodes on, the canvas mounts only the nodes in view (the demo mappings have about a hundred). */
const VIRTUAL_FROM = 150;

/** The canvas's usual width over height (the editor's middle column): a part is arranged to about this shape. */
const ASPECT = 1.4;

/** The canvas between the two trees. Every change goes through the store's spec commands, never straight to nodes. */
export function MappingCanvas() {
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const onNodesChange = useEditorStore((s) => s.onNodesChange);
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const onConnect = useEditorStore((s) => s.onConnect);
  const select = useEditorStore((s) => s.select);
  const highlight = useEditorStore((s) => s.highlight);
  const groupEdits = useEditorStore((s) => s.groupEdits);
  // A reader's canvas: pan, zoom and select to inspect, but no drag, link or delete (the store refuses them too).
  const readOnly = useEditorStore((s) => s.readOnly);
  const { viewNodes, viewEdges, placedKey } = useSectionView(nodes, edges, ASPECT);
  return (
    <div data-testid="editor-canvas" data-read-only={readOnly || undefined} style={{ width: '100%', height: '100%' }}>
      <ReactFlow
        nodes={viewNodes}
        edges={viewEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={readOnly ? undefined : onConnect}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        onBeforeDelete={async () => {
          if (readOnly) return false;
          groupEdits();
          return true;
        }}
        onPaneClick={() => {
          select(null);
          highlight(NO_FOCUS);
        }}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        defaultEdgeOptions={{ style: { strokeWidth: 1.5 } }}
        fitView
        fitViewOptions={{ padding: FIT_PADDING }}
        minZoom={0.1}
        // A mapping on a form of hundreds of fields has hundreds of nodes: then only those in view are in the DOM.
        // Smaller ones keep every node mounted, so panning never shows nodes popping in.
        onlyRenderVisibleElements={nodes.length > VIRTUAL_FROM}
        attributionPosition="top-right"
      >
        <Background gap={16} color="#eef0f4" />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable style={{ width: MINIMAP.width, height: MINIMAP.height }} />
        <CanvasToolbar />
        <FocusOnRequest />
        <CanvasDropTarget />
        <FitOnPlacement placedKey={placedKey} />
        <InteractiveMark />
      </ReactFlow>
    </div>
  );
}

/** Brings a node the analyst just placed or added into view, once React Flow has measured it. */
function FocusOnRequest() {
  const request = useEditorStore((s) => s.focusRequest);
  const { fitView, getInternalNode } = useReactFlow();
  const storeApi = useStoreApi();
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => {
      // A node already in view at a readable zoom, on the canvas and in the window, stays where the analyst sees
      // it: the view does not jump.
      const node = getInternalNode(request.nodeId);
      const { transform, width, height, domNode } = storeApi.getState();
      if (node && !node.hidden && width && height && transform[2] >= FOCUS_MIN_ZOOM) {
        const box = { ...node.internals.positionAbsolute, width: node.measured.width ?? 1, height: node.measured.height ?? 1 };
        const onScreen = domNode?.querySelector(`.react-flow__node[data-id="${CSS.escape(request.nodeId)}"]`)?.getBoundingClientRect();
        const inWindow = !!onScreen && onScreen.top >= 0 && onScreen.left >= 0 && onScreen.bottom <= window.innerHeight && onScreen.right <= window.innerWidth;
        if (inWindow && contains(usableView(transform, width, height), box)) return;
      }
      void fitView({ nodes: [{ id: request.nodeId }], maxZoom: 1, minZoom: FOCUS_MIN_ZOOM, duration: 250 });
    }, 50);
    return () => clearTimeout(timer);
  }, [request, fitView, getInternalNode, storeApi]);
  return null;
}

/** A node brought into view is shown at least this large (its text readable). */
const FOCUS_MIN_ZOOM = 0.6;

/** Fits the view when a part of the voucher (or the whole mapping again) has been placed on the canvas. */
function FitOnPlacement({ placedKey }: { placedKey: string | null }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!placedKey) return;
    const timer = setTimeout(() => void fitView({ padding: FIT_PADDING, maxZoom: 1, duration: 200 }), 30);
    return () => clearTimeout(timer);
  }, [placedKey, fitView]);
  return null;
}
/**
 * Marks the moment the editor can be worked with: the canvas has measured its nodes (or has none to measure).
 * The UI benchmark reads the mark; it costs one `performance.mark` per page load.
 */
function InteractiveMark() {
  const initialised = useNodesInitialized();
  const empty = useEditorStore((s) => s.nodes.length === 0);
  const marked = useRef(false);
  useEffect(() => {
    if (marked.current || !(initialised || empty)) return;
    marked.current = true;
    performance.mark(EDITOR_INTERACTIVE_MARK);
  }, [initialised, empty]);
  return null;
}

export const EDITOR_INTERACTIVE_MARK = 'ledgerlink:editor-interactive';

'use client';

import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import '@xyflow/react/dist/style.css';
import { CanvasToolbar } from './canvas-toolbar';
import { nodeTypes } from './nodes/mapping-node';
import { useEditorStore } from './store';

/** The canvas between the two trees. Every change goes through the store's spec commands, never straight to nodes. */
export function MappingCanvas() {
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const onNodesChange = useEditorStore((s) => s.onNodesChange);
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const onConnect = useEditorStore((s) => s.onConnect);
  const select = useEditorStore((s) => s.select);
  const groupEdits = useEditorStore((s) => s.groupEdits);
  return (
    <div data-testid="editor-canvas" style={{ width: '100%', height: '100%' }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onBeforeDelete={async () => {
          groupEdits();
          return true;
        }}
        onPaneClick={() => select(null)}
        deleteKeyCode={['Delete', 'Backspace']}
        defaultEdgeOptions={{ style: { strokeWidth: 1.5 } }}
        fitView
        fitViewOptions={{ padding: 0.05 }}
        minZoom={0.1}
        attributionPosition="top-right"
      >
        <Background gap={16} color="#eef0f4" />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable style={{ width: 140, height: 90 }} />
        <CanvasToolbar />
        <FocusOnRequest />
      </ReactFlow>
    </div>
  );
}

/** Brings a node the analyst just placed or added into view, once React Flow has measured it. */
function FocusOnRequest() {
  const request = useEditorStore((s) => s.focusRequest);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => void fitView({ nodes: [{ id: request.nodeId }], maxZoom: 1, minZoom: 0.6, duration: 250 }), 50);
    return () => clearTimeout(timer);
  }, [request, fitView]);
  return null;
}

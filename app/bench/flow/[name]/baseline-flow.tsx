'use client';

import { ReactFlow, useEdgesState, useNodesInitialized, useNodesState, useStore, type Edge, type Node } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import '@xyflow/react/dist/style.css';
import type { FormTemplate } from '#server/engine/form-record';
import type { MappingSpec } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import type { CanvasLayout } from '../../../_canvas/layout';
import { specToFlow } from '../../../_canvas/spec-to-flow';
import { useI18n } from '../../../_i18n/client';

/** Performance marks and the window hook `bench/ui/editor.bench.ts` reads. */
export const BASELINE_INTERACTIVE_MARK = 'ledgerlink:baseline-interactive';
export const BASELINE_HOOK = 'ledgerlinkBaseline';

/** What the bench calls in the page: add one edge (or take it back) and read when React committed it. */
export interface BaselineHook {
  addEdge(): void;
  removeEdge(): void;
  /** `performance.now()` when addEdge was called, and when the edge it added was committed to the DOM. */
  last: { startedAt: number; committedAt: number | null } | null;
}

const BENCH_EDGE = 'bench-edge';

interface Props {
  spec: MappingSpec;
  layout: CanvasLayout;
  targetFields: readonly TargetField[];
  template: FormTemplate | null;
}

/** The demo mapping's canvas reduced to React Flow's own parts: the floor the editor's canvas is compared with. */
export function BaselineFlow({ spec, layout, targetFields, template }: Props) {
  const { label } = useI18n();
  // The same projection and positions as the editor (spec-to-flow.ts); only the node types and handles differ.
  const initial = useMemo(() => {
    const flow = specToFlow(spec, layout, { targetFields, template });
    const nodes: Node[] = flow.nodes.map((n) => ({
      id: n.id,
      position: n.position,
      data: { label: n.data.customLabel ?? label(n.data.catalogueLabel) ?? n.id },
    }));
    // Default nodes have one unnamed handle on each side: the edges join them there.
    const edges: Edge[] = flow.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
    return { nodes, edges };
  }, [spec, layout, targetFields, template, label]);
  // React Flow's documented controlled setup (its own state hooks), as an app built on it starts.
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(initial.edges);
  const hook = useRef<BaselineHook | null>(null);

  useEffect(() => {
    // A new link as the editor's bench makes one: from a form field to a voucher field it did not feed yet.
    const from = spec.nodes.find((n) => n.kind === 'source')?.id;
    const to = [...spec.nodes].reverse().find((n) => n.kind === 'target')?.id;
    const api: BaselineHook = {
      last: null,
      addEdge() {
        if (!from || !to) throw new Error('the mapping has no form field or no voucher field to link');
        api.last = { startedAt: performance.now(), committedAt: null };
        setEdges((list) => [...list.filter((e) => e.id !== BENCH_EDGE), { id: BENCH_EDGE, source: from, target: to }]);
      },
      removeEdge() {
        setEdges((list) => list.filter((e) => e.id !== BENCH_EDGE));
      },
    };
    hook.current = api;
    (window as unknown as Record<string, BaselineHook>)[BASELINE_HOOK] = api;
  }, [spec, setEdges]);

  return (
    <div style={{ width: '100vw', height: '100vh' }} data-testid="bench-baseline-flow">
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView minZoom={0.1}>
        <InteractiveMark />
        <EdgeCommitMark hook={hook} />
      </ReactFlow>
    </div>
  );
}

/** The canvas has measured its nodes: the same moment the editor marks (mapping-canvas.tsx). */
function InteractiveMark() {
  const initialised = useNodesInitialized();
  const marked = useRef(false);
  useEffect(() => {
    if (marked.current || !initialised) return;
    marked.current = true;
    performance.mark(BASELINE_INTERACTIVE_MARK);
  }, [initialised]);
  return null;
}

/**
 * React Flow copies the `edges` prop into its store in an effect, then renders the edge: this component reads the
 * same store, so its layout effect runs in the commit that put the new edge into the DOM.
 */
function EdgeCommitMark({ hook }: { hook: RefObject<BaselineHook | null> }) {
  const present = useStore((s) => s.edgeLookup.has(BENCH_EDGE));
  useLayoutEffect(() => {
    const last = hook.current?.last;
    if (present && last && last.committedAt === null) last.committedAt = performance.now();
  }, [present, hook]);
  return null;
}

import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { MappingSpec } from '#server/engine/spec';
import type { CompileError } from '#server/engine/types';
import { connect, deleteNode, disconnect, type Refusal } from './commands';
import type { CanvasLayout } from './layout';
import { ALL_SECTIONS, canvasSections, visibleNodes } from './sections';
import type { TraceFocus } from './trace-focus';
import type { CanvasMarks } from '#server/services/spec-structure';
import { diffFlow } from './diff-flow';
import { portOfHandle, specToFlow, type AppEdge, type AppNode, type CanvasCatalogues } from './spec-to-flow';
import { placeAdded, rebuild } from './store-rebuild';
import { contains, type Rect } from './viewport';

/**
 * The editor's state. The spec and the layout are what is saved; the React Flow nodes are rebuilt from them on
 * every edit, keeping only what React Flow measured and which node is selected.
 */
export interface EditorState {
  spec: MappingSpec | null;
  layout: CanvasLayout;
  catalogues: CanvasCatalogues;
  nodes: AppNode[];
  edges: AppEdge[];
  selectedNode: string | null;
  /** The last refused link and why, until the next successful edit. */
  refusal: Refusal | null;
  /** Problems the live preview found, by the node that raised them: shown on the node itself. */
  nodeErrors: Record<string, string>;
  /** The same problems by the OA field they name (a form field or a detail-table column id): shown in the tree. */
  fieldErrors: Record<string, string>;
  setNodeErrors(errors: Record<string, string>, fieldErrors?: Record<string, string>): void;
  /** What stops the draft from compiling (so from being published), from the last live preview; null before one. */
  problems: CompileProblem[] | null;
  setProblems(problems: CompileProblem[]): void;
  /** Nodes that produced the output value picked in the preview (its trace), and that value's fields in the trees. */
  highlighted: ReadonlySet<string>;
  tracedSources: ReadonlySet<string>;
  tracedTarget: string | null;
  highlight(focus: TraceFocus): void;
  /** Bumped by every edit the analyst makes; autosave and the live preview follow it. */
  editCount: number;
  /**
   * `performance.now()` of the last edit: the live preview reports how long after the edit its voucher showed,
   * which is what the UI benchmark reads (a round trip through the test driver would swamp the figure).
   */
  editedAt: number;
  load(spec: MappingSpec, layout: CanvasLayout, catalogues: CanvasCatalogues, options?: LoadOptions): void;
  /**
   * Nothing may change the spec or the layout: a role that may not save drafts, or a frozen version on the review
   * screen. The canvas then neither drags, connects nor deletes, and every editing action of the store is a no-op
   * (the server refuses such saves anyway; this keeps the screen from pretending otherwise).
   */
  readOnly: boolean;
  /**
   * Replaces the spec with the result of an editing command. Nodes it adds are placed in view next to what they
   * link to; `at` puts nodes at a point instead (where they were dropped). One undo step either way.
   */
  apply(next: MappingSpec, at?: Record<string, { x: number; y: number }>): void;
  /** The visible part of the canvas free of its panels (flow coordinates), read when a node is placed. */
  viewOf: () => Rect | null;
  setViewReader(read: () => Rect | null): void;
  refuse(reason: Refusal): void;
  /** Selects a node; `focus` also brings it into view (a node just placed may land outside the visible part). */
  select(nodeId: string | null, focus?: boolean): void;
  focusRequest: { nodeId: string; at: number } | null;
  /** The part of the voucher the canvas shows (sections.ts): a view setting, never saved with the mapping. */
  section: string;
  showSection(key: string): void;
  onNodesChange(changes: NodeChange<AppNode>[]): void;
  onEdgesChange(changes: EdgeChange<AppEdge>[]): void;
  onConnect(connection: Connection): void;
  /** Earlier and undone states of the spec and layout, newest last; bounded by HISTORY_LIMIT. */
  past: Snapshot[];
  future: Snapshot[];
  undo(): void;
  redo(): void;
  /** Replaces node positions (auto-layout): an edit of the layout only, undoable like a drag. */
  applyPositions(positions: Record<string, { x: number; y: number }>): void;
  /** Makes the edits of the current task one undo step (the canvas calls it before React Flow deletes). */
  groupEdits(): void;
}

export interface LoadOptions {
  readOnly?: boolean;
  /** On the review screen: the marks of versions.diff, painted on the canvas with ghosts of what was removed. */
  marks?: CanvasMarks;
}

/** A compile error as the editor shows it: the engine's own type, carried over tRPC as plain data. */
export type CompileProblem = CompileError;

/** What one undo step restores: the spec and the layout together, since a drag edits only the layout. */
export interface Snapshot {
  spec: MappingSpec;
  layout: CanvasLayout;
}

/** Enough steps for a working session; older ones are dropped so memory stays flat however long the editor is open. */
export const HISTORY_LIMIT = 100;

const now = () => performance.now();

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const pushBounded = (list: Snapshot[], s: Snapshot) => [...list, s].slice(-HISTORY_LIMIT);

/**
 * React Flow deletes a node with its edges as two separate changes (edges, then nodes); grouped, they are one undo
 * step. 'open' records the next edit, 'pushed' folds the following ones into it until the group closes.
 */
let grouping: 'off' | 'open' | 'pushed' = 'off';
function record(past: Snapshot[], s: Snapshot): Snapshot[] {
  if (grouping === 'pushed') return past;
  if (grouping === 'open') grouping = 'pushed';
  return pushBounded(past, s);
}

export const useEditorStore = create<EditorState>((set, get) => {
  /** Puts a snapshot back; it counts as an edit, so autosave and the live preview follow undo and redo too. */
  const restore = (to: Snapshot, history: Pick<EditorState, 'past' | 'future'>) => {
    const { catalogues, nodes, edges, selectedNode, editCount } = get();
    const selected = selectedNode && to.spec.nodes.some((n) => n.id === selectedNode) ? selectedNode : null;
    set({ spec: to.spec, layout: to.layout, ...rebuild(to.spec, to.layout, catalogues, { nodes, edges }, selected, true), selectedNode: selected, refusal: null, editCount: editCount + 1, editedAt: now(), ...history });
  };
  return {
    spec: null,
    layout: {},
    catalogues: { targetFields: [] },
    nodes: [],
    edges: [],
    selectedNode: null,
    refusal: null,
    nodeErrors: {},
    fieldErrors: {},
    highlighted: new Set<string>(),
    tracedSources: new Set<string>(),
    tracedTarget: null,
    editCount: 0,
    editedAt: 0,
    past: [],
    future: [],

    highlight(focus) {
      set({ highlighted: new Set(focus.nodes), tracedSources: new Set(focus.sources), tracedTarget: focus.target });
    },

    setNodeErrors(nodeErrors, fieldErrors = {}) {
      // Most edits leave the problems as they were: keeping the same objects spares the trees a rebuild.
      const now = get();
      set({ nodeErrors: sameEntries(now.nodeErrors, nodeErrors) ? now.nodeErrors : nodeErrors, fieldErrors: sameEntries(now.fieldErrors, fieldErrors) ? now.fieldErrors : fieldErrors });
    },

    problems: null,
    setProblems(problems) {
      // Unchanged problems keep their array, so the panel listing them does not re-render after every run.
      if (JSON.stringify(problems) !== JSON.stringify(get().problems)) set({ problems });
    },

    groupEdits() {
      grouping = 'open';
      // React Flow's deletion finishes within microtasks, so the next task is safely after it.
      setTimeout(() => (grouping = 'off'), 0);
    },

    readOnly: false,

    load(spec, layout, catalogues, options = {}) {
      grouping = 'off';
      const flow = options.marks ? diffFlow(spec, options.marks, layout, catalogues) : specToFlow(spec, layout, catalogues);
      set({ spec, layout, catalogues, readOnly: !!options.readOnly || !!options.marks, nodeErrors: {}, fieldErrors: {}, nodes: flow.nodes, edges: flow.edges, selectedNode: null, refusal: null, editCount: 0, past: [], future: [], section: ALL_SECTIONS, problems: null, highlighted: new Set(), tracedSources: new Set(), tracedTarget: null });
    },

    viewOf: () => null,
    setViewReader(read) {
      set({ viewOf: read });
    },

    apply(next, at = {}) {
      const { spec, layout, catalogues, nodes, edges, selectedNode, editCount, past, readOnly, viewOf } = get();
      if (!spec || readOnly || (next === spec && !Object.keys(at).length)) return;
      const selected = selectedNode && next.nodes.some((n) => n.id === selectedNode) ? selectedNode : null;
      const view = viewOf();
      const placed = placeAdded(spec, next, layout, nodes, catalogues, view, at);
      // A node placed beside a neighbour outside the view (or past a full view) is brought into it.
      const had = new Set(spec.nodes.map((n) => n.id));
      const unseen = view && next.nodes.find((n) => !had.has(n.id) && !at[n.id] && placed.positions?.[n.id] && !contains(view, { ...placed.positions[n.id], width: 1, height: 1 }));
      set({
        ...(unseen ? { focusRequest: { nodeId: unseen.id, at: Date.now() } } : {}),
        spec: next,
        layout: placed,
        ...rebuild(next, placed, catalogues, { nodes, edges }, selected, new Set(Object.keys(at))),
        selectedNode: selected,
        refusal: null,
        editCount: editCount + 1,
        editedAt: now(),
        past: record(past, { spec, layout }),
        future: [],
      });
    },

    undo() {
      const { spec, layout, past, future, readOnly } = get();
      if (!spec || !past.length || readOnly) return;
      restore(past[past.length - 1], { past: past.slice(0, -1), future: [{ spec, layout }, ...future].slice(0, HISTORY_LIMIT) });
    },

    redo() {
      const { spec, layout, past, future, readOnly } = get();
      if (!spec || !future.length || readOnly) return;
      restore(future[0], { past: pushBounded(past, { spec, layout }), future: future.slice(1) });
    },

    applyPositions(positions) {
      const { spec, layout, catalogues, nodes, edges, selectedNode, editCount, past, readOnly } = get();
      if (!spec || readOnly) return;
      const next = { ...layout, positions: { ...layout.positions, ...positions } };
      set({ layout: next, ...rebuild(spec, next, catalogues, { nodes, edges }, selectedNode, true), editCount: editCount + 1, editedAt: now(), past: record(past, { spec, layout }), future: [] });
    },

    refuse(reason) {
      set({ refusal: reason });
    },

    focusRequest: null,
    section: ALL_SECTIONS,

    showSection(key) {
      set({ section: key });
    },

    select(nodeId, focus = false) {
      const { spec, section } = get();
      // A node brought into view must not stay hidden by the part of the voucher being shown.
      const shown = focus && nodeId && spec ? visibleNodes(canvasSections(spec), section) : null;
      set({
        selectedNode: nodeId,
        nodes: get().nodes.map((n) => ({ ...n, selected: n.id === nodeId })) as AppNode[],
        ...(focus && nodeId ? { focusRequest: { nodeId, at: Date.now() } } : {}),
        ...(shown && nodeId && !shown(nodeId) ? { section: ALL_SECTIONS } : {}),
      });
    },

    onNodesChange(changes) {
      const { spec, layout, editCount, readOnly } = get();
      if (!spec) return;
      // Read-only: React Flow still measures and selects nodes (the reader inspects them), nothing else.
      if (readOnly) {
        const kept = changes.filter((c) => c.type === 'dimensions' || c.type === 'select');
        const picked = kept.find((c) => c.type === 'select' && c.selected);
        if (kept.length) set({ nodes: applyNodeChanges(kept, get().nodes), ...(picked ? { selectedNode: picked.id } : {}) });
        return;
      }
      const removed = changes.flatMap((c) => (c.type === 'remove' ? [c.id] : []));
      if (removed.length) get().apply(removed.reduce(deleteNode, spec));
      const rest = changes.filter((c) => c.type !== 'remove');
      if (!rest.length) return;
      const nodes = applyNodeChanges(rest, get().nodes);
      // A finished drag is an edit of the layout: saved with the spec, but the spec itself is unchanged.
      const dropped = rest.filter((c) => c.type === 'position' && c.dragging === false && c.position);
      const selectedChange = rest.find((c) => c.type === 'select' && c.selected);
      const update: Partial<EditorState> = { nodes };
      if (selectedChange && selectedChange.type === 'select') update.selectedNode = selectedChange.id;
      if (dropped.length) {
        update.past = record(get().past, { spec, layout });
        update.future = [];
        const positions = { ...layout.positions };
        for (const n of nodes) positions[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
        update.layout = { ...layout, positions };
        update.editCount = editCount + 1;
        update.editedAt = now();
      }
      set(update);
    },

    onEdgesChange(changes) {
      const { spec, readOnly } = get();
      if (!spec) return;
      if (readOnly) changes = changes.filter((c) => c.type === 'select');
      const removed = changes.flatMap((c) => (c.type === 'remove' ? [c.id] : []));
      if (removed.length) get().apply(removed.reduce(disconnect, spec));
      const rest = changes.filter((c) => c.type !== 'remove');
      if (rest.length) set({ edges: applyEdgeChanges(rest, get().edges) });
    },

    onConnect(connection) {
      const { spec, catalogues, readOnly } = get();
      if (readOnly) return;
      const fromPort = portOfHandle(connection.sourceHandle);
      const toPort = portOfHandle(connection.targetHandle);
      if (!spec || !fromPort || !toPort) return;
      const result = connect(spec, { node: connection.source, port: fromPort }, { node: connection.target, port: toPort }, catalogues);
      if (result.ok) get().apply(result.spec);
      else get().refuse(result.reason);
    },
  };
});

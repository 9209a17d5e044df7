import { beforeEach, describe, expect, it } from 'vitest';
import { getCatalogue } from '#server/ledgers/catalogues';
import { HISTORY_LIMIT, useEditorStore } from './store';
import { DEMOS, loadDemo } from './test-support';

const spec = loadDemo(DEMOS[0]);
const catalogues = { targetFields: getCatalogue(spec.target.format)!.fields };
const store = () => useEditorStore.getState();

describe('the editor store', () => {
  beforeEach(() => store().load(spec, {}, catalogues));

  it('refuses a mismatched link from the canvas and keeps the spec', () => {
    store().onConnect({ source: 'src.description', sourceHandle: 'out:value', target: 'fn.net', targetHandle: 'in:a' });
    expect(store().refusal).toMatchObject({ code: 'type_mismatch' });
    expect(store().spec).toBe(spec);
    expect(store().editCount).toBe(0);
  });

  it('deleting a node on the canvas removes it and its edges from the spec', () => {
    store().onNodesChange([{ type: 'remove', id: 'fn.net' }]);
    expect(store().spec!.nodes.some((n) => n.id === 'fn.net')).toBe(false);
    expect(store().edges.some((e) => e.source === 'fn.net' || e.target === 'fn.net')).toBe(false);
    expect(store().editCount).toBe(1);
  });

  it('a finished drag moves the node in the layout, not in the spec', () => {
    store().onNodesChange([{ type: 'position', id: 'fn.net', position: { x: 10.4, y: 20.6 }, dragging: false }]);
    expect(store().layout.positions!['fn.net']).toEqual({ x: 10, y: 21 });
    expect(store().spec).toBe(spec);
    expect(store().editCount).toBe(1);
  });

  it('a link to a free input is added to the spec and shown as an edge', () => {
    store().onConnect({ source: 'src.total', sourceHandle: 'out:value', target: 'fn.net', targetHandle: 'in:a' });
    // fn.net's first input is already fed: the store says so instead of replacing the link.
    expect(store().refusal).toMatchObject({ code: 'input_taken' });
    store().onEdgesChange([{ type: 'remove', id: store().edges.find((e) => e.target === 'fn.net' && e.targetHandle === 'in:a')!.id }]);
    store().onConnect({ source: 'src.total', sourceHandle: 'out:value', target: 'fn.net', targetHandle: 'in:a' });
    expect(store().refusal).toBeNull();
    expect(store().edges.some((e) => e.source === 'src.total' && e.target === 'fn.net')).toBe(true);
  });

  it('undo puts a deleted node back and redo removes it again, each counted as an edit for autosave', () => {
    store().onNodesChange([{ type: 'remove', id: 'fn.net' }]);
    const deleted = store().spec;
    store().undo();
    expect(store().spec).toBe(spec);
    expect(store().edges.some((e) => e.target === 'fn.net')).toBe(true);
    expect(store().editCount).toBe(2);
    store().redo();
    expect(store().spec).toBe(deleted);
    expect(store().nodes.some((n) => n.id === 'fn.net')).toBe(false);
    expect(store().editCount).toBe(3);
  });

  it('undo also moves a dragged node back, and a new edit drops what was undone', () => {
    store().onNodesChange([{ type: 'position', id: 'fn.net', position: { x: 10, y: 20 }, dragging: false }]);
    store().undo();
    expect(store().layout.positions?.['fn.net']).toBeUndefined();
    expect(store().nodes.find((n) => n.id === 'fn.net')!.position).not.toEqual({ x: 10, y: 20 });
    expect(store().future).toHaveLength(1);
    store().onNodesChange([{ type: 'remove', id: 'fn.net' }]);
    expect(store().future).toHaveLength(0);
    store().redo();
    expect(store().nodes.some((n) => n.id === 'fn.net')).toBe(false);
  });

  it('keeps at most HISTORY_LIMIT steps, dropping the oldest', () => {
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store().applyPositions({ 'fn.net': { x: i, y: i } });
    expect(store().past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store().undo();
    // The oldest steps are gone: undoing everything stops at the sixth position, not at the loaded layout.
    expect(store().layout.positions!['fn.net']).toEqual({ x: 4, y: 4 });
    expect(store().future).toHaveLength(HISTORY_LIMIT);
  });

  it('undo and redo with nothing to undo or redo change nothing', () => {
    store().undo();
    store().redo();
    expect(store().spec).toBe(spec);
    expect(store().editCount).toBe(0);
  });

  it('a node deleted with its edges, as React Flow does it, is one undo step', () => {
    store().groupEdits();
    store().onEdgesChange(store().edges.filter((e) => e.source === 'fn.net' || e.target === 'fn.net').map((e) => ({ type: 'remove' as const, id: e.id })));
    store().onNodesChange([{ type: 'remove', id: 'fn.net' }]);
    expect(store().past).toHaveLength(1);
    store().undo();
    expect(store().spec).toBe(spec);
  });

  it('an edit rebuilds only the nodes and edges it touches', () => {
    const before = store().nodes;
    const edgesBefore = store().edges;
    store().apply({ ...spec, nodes: spec.nodes.map((n) => (n.id === 'fn.net' ? { ...n, label: '净额' } : n)) });
    const after = store().nodes;
    expect(after.find((n) => n.id === 'fn.net')).not.toBe(before.find((n) => n.id === 'fn.net'));
    expect(after.find((n) => n.id === 'fn.net')!.data.customLabel).toBe('净额');
    expect(after.filter((n) => n.id !== 'fn.net').every((n, i) => n === before.filter((b) => b.id !== 'fn.net')[i])).toBe(true);
    expect(store().edges.every((e, i) => e === edgesBefore[i])).toBe(true);
    // A new link changes the ports of the node it feeds (a variadic input gains a free slot): that node is rebuilt.
    const and = before.find((n) => n.id === 'fn.expenseLineWanted')!;
    store().onEdgesChange([{ type: 'remove', id: 'e16' }]);
    expect(store().nodes.find((n) => n.id === 'fn.expenseLineWanted')).not.toBe(and);
  });
});


describe('the editor store, read-only (a viewer, or a frozen version under review)', () => {
  beforeEach(() => store().load(spec, {}, catalogues, { readOnly: true }));

  it('refuses every edit: links, deletions, drags, commands, undo and auto-layout', () => {
    const edge = store().edges.find((e) => e.target === 'fn.net')!;
    store().onConnect({ source: 'src.total', sourceHandle: 'out:value', target: 't.header.attachments', targetHandle: 'in:value' });
    store().onNodesChange([{ type: 'remove', id: 'fn.net' }]);
    store().onEdgesChange([{ type: 'remove', id: edge.id }]);
    store().onNodesChange([{ type: 'position', id: 'fn.net', position: { x: 1, y: 2 }, dragging: false }]);
    store().apply({ ...spec, nodes: [] });
    store().applyPositions({ 'fn.net': { x: 5, y: 5 } });
    store().undo();
    expect(store().spec).toBe(spec);
    expect(store().layout).toEqual({});
    expect(store().edges.some((e) => e.id === edge.id)).toBe(true);
    expect(store().nodes.find((n) => n.id === 'fn.net')!.position).not.toEqual({ x: 1, y: 2 });
    expect(store().editCount).toBe(0);
    expect(store().refusal).toBeNull();
  });

  it('still measures and selects nodes, so a reader can inspect them', () => {
    store().onNodesChange([
      { type: 'dimensions', id: 'fn.net', dimensions: { width: 180, height: 90 } },
      { type: 'select', id: 'fn.net', selected: true },
    ]);
    const node = store().nodes.find((n) => n.id === 'fn.net')!;
    expect(node.measured).toEqual({ width: 180, height: 90 });
    expect(node.selected).toBe(true);
    // The inspector follows the selection.
    expect(store().selectedNode).toBe('fn.net');
  });

  it('opening the editor again for someone who may edit lifts the read-only mode', () => {
    store().load(spec, {}, catalogues);
    expect(store().readOnly).toBe(false);
    store().onNodesChange([{ type: 'remove', id: 'fn.net' }]);
    expect(store().editCount).toBe(1);
  });

  it('with diff marks: read-only, the removed node drawn as a ghost', () => {
    const after = { ...spec, nodes: spec.nodes.filter((n) => n.id !== 'fn.net'), edges: spec.edges.filter((e) => e.from.node !== 'fn.net' && e.to.node !== 'fn.net') };
    const removed = { nodes: spec.nodes.filter((n) => n.id === 'fn.net'), edges: spec.edges.filter((e) => e.from.node === 'fn.net' || e.to.node === 'fn.net'), lines: [] };
    store().load(after, {}, catalogues, { marks: { nodes: {}, edges: {}, removed } });
    expect(store().readOnly).toBe(true);
    expect(store().nodes.find((n) => n.id === 'removed:fn.net')?.data.diff).toBe('removed');
    expect(store().edges.filter((e) => e.data?.diff === 'removed')).toHaveLength(removed.edges.length);
  });
});

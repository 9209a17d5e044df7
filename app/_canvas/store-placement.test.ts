import { beforeEach, describe, expect, it } from 'vitest';
import { getCatalogue } from '#server/ledgers/catalogues';
import { addFunctionNode, ensureSourceNode, insertOnEdge } from './commands';
import { useEditorStore } from './store';
import { DEMOS, loadDemo } from './test-support';
import { contains, intersects } from './viewport';

const spec = loadDemo(DEMOS[0]);
const catalogues = { targetFields: getCatalogue(spec.target.format)!.fields };
const store = () => useEditorStore.getState();
/** What the canvas reports with the demo fitted whole: its nodes, with room beside them (the canvas is wider). */
const VIEW = { x: -100, y: -50, width: 2800, height: 2000 };

describe('where the store puts new nodes', () => {
  beforeEach(() => {
    store().load(spec, {}, catalogues);
    store().setViewReader(() => VIEW);
  });

  it('a function added from the palette appears in view, on no other node, and is saved in the layout', () => {
    const r = addFunctionNode(store().spec!, 'math.round');
    store().apply(r.spec);
    const at = store().layout.positions![r.id];
    const node = store().nodes.find((n) => n.id === r.id)!;
    expect(node.position).toEqual(at);
    const box = { ...at, width: 200, height: 80 };
    expect(contains(VIEW, box)).toBe(true);
    for (const other of store().nodes)
      if (other.id !== r.id) expect(intersects(box, { ...other.position, width: 190, height: 60 }), other.id).toBe(false);
  });

  it('a form field dropped at a point is placed there, and one undo takes it away again', () => {
    const r = ensureSourceNode(store().spec!, { field: 'TextField_NEW', type: 'text', label: '备注' });
    store().apply(r.spec, { [r.id]: { x: 321.4, y: 654.6 } });
    expect(store().nodes.find((n) => n.id === r.id)?.position).toEqual({ x: 321, y: 655 });
    store().undo();
    expect(store().spec!.nodes.some((n) => n.id === r.id)).toBe(false);
  });

  it('a form field already on the canvas dropped again moves to the drop point', () => {
    const id = spec.nodes.find((n) => n.kind === 'source')!.id;
    store().apply(store().spec!, { [id]: { x: -500, y: -400 } });
    expect(store().nodes.find((n) => n.id === id)?.position).toEqual({ x: -500, y: -400 });
    expect(store().editCount).toBe(1);
  });

  it('when the view is full, a new node goes to the nearest free spot rather than far below', () => {
    store().setViewReader(() => ({ x: 300, y: 0, width: 700, height: 500 }));
    const r = addFunctionNode(store().spec!, 'math.round');
    store().apply(r.spec);
    const at = store().layout.positions![r.id];
    expect(Math.abs(at.y)).toBeLessThan(800);
    for (const other of store().nodes)
      if (other.id !== r.id) expect(intersects({ ...at, width: 200, height: 80 }, { ...other.position, width: 190, height: 60 }), other.id).toBe(false);
  });

  it('a function inserted into a link is one undo step', () => {
    const edge = spec.edges.find((e) => e.to.node.endsWith('.debit'))!;
    const r = insertOnEdge(store().spec!, edge.id, 'math.round', catalogues);
    if (!r.ok) throw new Error(JSON.stringify(r.reason));
    store().apply(r.spec, { [r.id]: { x: 400, y: 300 } });
    expect(store().edges.filter((e) => e.source === r.id || e.target === r.id)).toHaveLength(2);
    store().undo();
    expect(store().spec).toBe(spec);
  });
});

import { describe, expect, it } from 'vitest';
import type { MappingSpec } from '#server/engine/spec';
import { getCatalogue } from '#server/ledgers/catalogues';
import { canvasMarks, compareStructure } from '#server/services/spec-structure';
import { diffSpecs } from '#server/services/version-diff';
import { diffFlow, ghostId, nodeOfEntry } from './diff-flow';
import { inHandle, outHandle } from './spec-to-flow';
import { DEMOS, loadDemo } from './test-support';

const before = loadDemo(DEMOS[1]);
const catalogues = { targetFields: getCatalogue(before.target.format)!.fields };

/** The edit the e2e test makes too: a summary template reworded, the payable account constant replaced. */
function edited(): MappingSpec {
  const after = structuredClone(before);
  const vat = after.nodes.find((n) => n.id === 'fn.vatSummary') as { params: Record<string, unknown> };
  vat.params.template = '{name}报销进项税';
  after.nodes = after.nodes.filter((n) => n.id !== 'c.payableAccount');
  after.nodes.push({ id: 'c.payableAccount2', kind: 'constant', valueType: 'text', value: '2241.01' });
  const old = after.edges.find((e) => e.from.node === 'c.payableAccount')!;
  after.edges = after.edges.filter((e) => e !== old);
  after.edges.push({ id: 'e.new', from: { node: 'c.payableAccount2' }, to: { node: 't.payable.account' } });
  return after;
}

const flowOf = (after: MappingSpec, layout = {}) => diffFlow(after, canvasMarks(compareStructure(before, after), before, after), layout, catalogues);

describe('diffFlow', () => {
  it('draws an unchanged version exactly as the editor does, with no marks', () => {
    const flow = flowOf(structuredClone(before));
    expect(flow.nodes).toHaveLength(before.nodes.length);
    expect(flow.nodes.every((n) => n.data.diff === undefined)).toBe(true);
    expect(flow.edges.every((e) => e.data?.diff === undefined && e.className === undefined)).toBe(true);
  });

  it('marks added and changed nodes, the added link, and ghosts the removed node and link', () => {
    const flow = flowOf(edited());
    const mark = (id: string) => flow.nodes.find((n) => n.id === id)?.data.diff;
    expect(mark('c.payableAccount2')).toBe('added');
    expect(mark('fn.vatSummary')).toBe('changed');
    expect(mark(ghostId('c.payableAccount'))).toBe('removed');
    expect(mark('t.payable.account')).toBeUndefined();
    expect(flow.nodes.filter((n) => n.data.diff).map((n) => n.id)).toEqual(['fn.vatSummary', 'c.payableAccount2', ghostId('c.payableAccount')]);

    const added = flow.edges.find((e) => e.id === 'e.new')!;
    expect(added).toMatchObject({ className: 'diff-added', data: { diff: 'added' } });
    const ghostEdges = flow.edges.filter((e) => e.data?.diff === 'removed');
    expect(ghostEdges).toHaveLength(1);
    // The removed link runs from the ghost to the live voucher field it used to fill, on a handle that exists.
    expect(ghostEdges[0]).toMatchObject({ source: ghostId('c.payableAccount'), target: 't.payable.account', className: 'diff-removed' });
    const target = flow.nodes.find((n) => n.id === 't.payable.account')!;
    expect(target.data.ports.inputs.map((p) => inHandle(p.name))).toContain(ghostEdges[0].targetHandle);
    const ghost = flow.nodes.find((n) => n.id === ghostId('c.payableAccount'))!;
    expect(ghost.data.ports.outputs.map((p) => outHandle(p.name))).toContain(ghostEdges[0].sourceHandle);
  });

  it('sets a ghost just before the node it fed when the saved layout places that node', () => {
    const flow = flowOf(edited(), { positions: { 't.payable.account': { x: 1200, y: 400 } } });
    expect(flow.nodes.find((n) => n.id === ghostId('c.payableAccount'))!.position).toEqual({ x: 940, y: 424 });
  });

  it('gives a ghost edge no handle when the live node lost that port, so it ends on the node instead of nowhere', () => {
    const after = edited();
    // The VAT template node loses its {name} input: the old link into that port has nowhere to end.
    (after.nodes.find((n) => n.id === 'fn.vatSummary') as { params: Record<string, unknown> }).params.template = '进项税额';
    after.edges = after.edges.filter((e) => e.to.node !== 'fn.vatSummary');
    const flow = flowOf(after);
    const lost = flow.edges.filter((e) => e.data?.diff === 'removed' && e.target === 'fn.vatSummary');
    expect(lost.length).toBeGreaterThan(0);
    const ports = flow.nodes.find((n) => n.id === 'fn.vatSummary')!.data.ports.inputs.map((p) => inHandle(p.name));
    for (const e of lost) expect(e.targetHandle === null || ports.includes(e.targetHandle!)).toBe(true);
  });
});

describe('nodeOfEntry', () => {
  const after = edited();
  const marks = canvasMarks(compareStructure(before, after), before, after);
  const entries = diffSpecs(before, after);
  const nodeOf = (pred: (e: (typeof entries)[number]) => boolean) => nodeOfEntry(entries.find(pred)!, marks);

  it('points a removed node, and a link out of it, at its ghost; the rest at the live node', () => {
    expect(nodeOf((e) => e.kind === 'node' && e.change === 'removed')).toBe(ghostId('c.payableAccount'));
    // A removed link names the node it fed, which is still there.
    expect(nodeOf((e) => e.kind === 'link' && e.change === 'removed')).toBe('t.payable.account');
    expect(nodeOf((e) => e.kind === 'parameter')).toBe('fn.vatSummary');
    expect(nodeOf((e) => e.kind === 'node' && e.change === 'added')).toBe('c.payableAccount2');
  });

  it('every entry that names a node names one drawn on the canvas', () => {
    const drawn = new Set(diffFlow(after, marks, {}, catalogues).nodes.map((n) => n.id));
    for (const e of entries.filter((x) => x.node)) expect(drawn.has(nodeOfEntry(e, marks)!)).toBe(true);
  });
});

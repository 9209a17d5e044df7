import { describe, expect, it } from 'vitest';
import { compile } from '#server/engine';
import { getCatalogue } from '#server/ledgers/catalogues';
import { inHandle, outHandle, specToFlow } from './spec-to-flow';
import { DEMOS, loadDemo } from './test-support';

describe('specToFlow', () => {
  for (const name of DEMOS)
    it(`carries every node and edge of the ${name} spec, unchanged`, () => {
      const spec = loadDemo(name);
      const catalogue = getCatalogue(spec.target.format)!;
      const flow = specToFlow(spec, {}, { targetFields: catalogue.fields });
      expect(flow.nodes).toHaveLength(spec.nodes.length);
      expect(flow.edges).toHaveLength(spec.edges.length);
      expect(flow.nodes.map((n) => n.data.spec)).toEqual(spec.nodes);
      expect(flow.edges.map((e) => e.data?.spec)).toEqual(spec.edges);
      // Every edge ends on a handle the node really renders.
      for (const e of flow.edges) {
        const from = flow.nodes.find((n) => n.id === e.source)!;
        const to = flow.nodes.find((n) => n.id === e.target)!;
        expect(from.data.ports.outputs.map((p) => outHandle(p.name))).toContain(e.sourceHandle);
        expect(to.data.ports.inputs.map((p) => inHandle(p.name))).toContain(e.targetHandle);
      }
    });

  it('keeps saved positions and places the rest: sources left, voucher fields right', () => {
    const spec = loadDemo(DEMOS[0]);
    const fields = getCatalogue(spec.target.format)!.fields;
    const flow = specToFlow(spec, { positions: { 'fn.net': { x: 512, y: 64 } } }, { targetFields: fields });
    const at = (id: string) => flow.nodes.find((n) => n.id === id)!.position;
    expect(at('fn.net')).toEqual({ x: 512, y: 64 });
    expect(at('src.amount').x).toBeLessThan(at('fn.tax').x);
    expect(at('fn.tax').x).toBeLessThan(at('t.expense.debit').x);
  });

  it('labels nodes from the catalogues in both languages, keeping the analyst’s own name apart', () => {
    const spec = loadDemo(DEMOS[0]);
    const flow = specToFlow(spec, {}, { targetFields: getCatalogue(spec.target.format)!.fields });
    const debit = flow.nodes.find((n) => n.id === 't.expense.debit')!;
    expect(debit.type).toBe('target-field');
    expect(debit.data.catalogueLabel).toEqual({ zh: '借方金额', en: 'Debit' });
    const net = flow.nodes.find((n) => n.id === 'fn.net')!;
    expect(net.type).toBe('operation');
    expect(net.data.customLabel).toBe('不含税金额');
    expect(net.data.catalogueLabel.en).toBeTruthy();
  });

  it('the demo specs compile as the canvas shows them', () => {
    // A guard for the fixtures: round-trip equality above means nothing if the inputs were already broken.
    const spec = loadDemo(DEMOS[0]);
    const r = compile(spec, { catalogue: getCatalogue(spec.target.format)!, tables: {} });
    expect(r.ok ? [] : r.errors.filter((e) => e.code !== 'unknown_table')).toEqual([]);
  });
});

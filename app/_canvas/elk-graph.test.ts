import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { getCatalogue } from '#server/ledgers/catalogues';
import { positionsOf, toElkGraph } from './elk-graph';
import { specToFlow } from './spec-to-flow';
import { DEMOS, loadDemo } from './test-support';

const spec = loadDemo(DEMOS[0]);
const flow = specToFlow(spec, {}, { targetFields: getCatalogue(spec.target.format)!.fields });

describe('the ELK graph of a mapping', () => {
  const graph = toElkGraph(flow.nodes, flow.edges);

  it('has one child per node and one edge per link, each edge ending at a port of its node', () => {
    expect(graph.children).toHaveLength(flow.nodes.length);
    expect(graph.edges).toHaveLength(flow.edges.length);
    const ports = new Set(graph.children!.flatMap((c) => (c.ports ?? []).map((p) => p.id)));
    for (const e of graph.edges!) expect(ports.has(e.sources[0]) && ports.has(e.targets[0])).toBe(true);
  });

  it('puts inputs on the west side and outputs on the east side', () => {
    const net = graph.children!.find((c) => c.id === 'fn.net')!;
    const west = net.ports!.filter((p) => p.layoutOptions!['elk.port.side'] === 'WEST');
    expect(west.length).toBeGreaterThan(0);
    expect(west.every((p) => p.x === 0)).toBe(true);
    expect(net.ports!.filter((p) => p.layoutOptions!['elk.port.side'] === 'EAST').every((p) => p.x! > 0)).toBe(true);
  });

  it('lays the demo out left to right: every link goes rightwards', async () => {
    const positions = positionsOf(await new ELK().layout(graph));
    expect(Object.keys(positions)).toHaveLength(flow.nodes.length);
    for (const e of flow.edges) expect(positions[e.target].x).toBeGreaterThan(positions[e.source].x);
  });
});

import { describe, expect, it } from 'vitest';
import { addNode } from './commands';
import { canvasSections, CHECKS_SECTION, HEADER_SECTION, lineSection, visibleNodes } from './sections';
import { loadDemo } from './test-support';

const demo = loadDemo('travel-reimbursement.dingtalk-kingdee');

describe('canvas sections', () => {
  const sections = canvasSections(demo);
  const byKey = new Map(sections.map((s) => [s.key, s]));

  it('has the header, one section per line template and the checks', () => {
    expect(sections.map((s) => s.key)).toEqual([HEADER_SECTION, ...demo.lines.map((l) => lineSection(l.id)), CHECKS_SECTION]);
  });

  it('puts every target node in exactly the section of its line, with everything that feeds it', () => {
    for (const n of demo.nodes) {
      if (n.kind !== 'target') continue;
      const home = n.line === null ? HEADER_SECTION : lineSection(n.line);
      for (const s of sections) expect(s.nodes.has(n.id), `${n.id} in ${s.key}`).toBe(s.key === home);
      for (const e of demo.edges.filter((x) => x.to.node === n.id)) expect(byKey.get(home)!.nodes.has(e.from.node)).toBe(true);
    }
  });

  it('leaves no node of the demo outside every section, and keeps each section far smaller than the whole', () => {
    const covered = new Set(sections.flatMap((s) => [...s.nodes]));
    expect(demo.nodes.filter((n) => !covered.has(n.id)).map((n) => n.id)).toEqual([]);
    for (const s of sections) expect(s.nodes.size).toBeLessThan(demo.nodes.length * 0.6);
  });

  it('shares a node feeding two parts between them (the claimant feeds the payable line and a check)', () => {
    const shared = demo.nodes.filter((n) => sections.filter((s) => s.nodes.has(n.id)).length > 1);
    expect(shared.length).toBeGreaterThan(0);
  });

  it('follows edits: a new node joins a section once it is linked into it', () => {
    const header = demo.nodes.find((n) => n.kind === 'target' && n.line === null)!;
    const withConstant = addNode(demo, { id: 'c.new', kind: 'constant', valueType: 'text', value: 'x' });
    expect(canvasSections(withConstant).some((s) => s.nodes.has('c.new'))).toBe(false);
    const relinked = {
      ...withConstant,
      edges: [...withConstant.edges.filter((e) => e.to.node !== header.id), { id: 'e.new', from: { node: 'c.new', port: 'value' }, to: { node: header.id, port: 'value' } }],
    };
    expect(canvasSections(relinked).find((s) => s.key === HEADER_SECTION)!.nodes.has('c.new')).toBe(true);
  });

  it('shows everything for "all" or a section that no longer exists', () => {
    expect(visibleNodes(sections, 'all')).toBeNull();
    expect(visibleNodes(sections, lineSection('gone'))).toBeNull();
    const header = visibleNodes(sections, HEADER_SECTION)!;
    for (const n of demo.nodes) expect(header(n.id), n.id).toBe(byKey.get(HEADER_SECTION)!.nodes.has(n.id));
  });

  it('shows a node linked to no part yet in every part, so it can be wired in where the analyst works', () => {
    const spec = addNode(demo, { id: 'c.loose', kind: 'constant', valueType: 'text', value: 'x' });
    const parts = canvasSections(spec);
    for (const s of parts) expect(visibleNodes(parts, s.key)!('c.loose')).toBe(true);
    expect(visibleNodes(parts, CHECKS_SECTION)!(demo.nodes.find((n) => n.kind === 'target')!.id)).toBe(false);
  });
});

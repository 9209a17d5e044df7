import { describe, expect, it } from 'vitest';
import type { MappingSpec } from '../engine';
import { canvasMarks, compareStructure } from './spec-structure';
import { diffSpecs } from './version-diff';

const base: MappingSpec = {
  specVersion: 1,
  name: 'm',
  source: { connector: 'dingtalk', templateCode: 'T', postOn: ['approved'] },
  target: { format: 'kingdee-gl-voucher', options: {} },
  nodes: [
    { id: 'amt', kind: 'source', field: 'amount', fieldType: 'money' },
    { id: 'round', kind: 'function', fn: 'math.round', params: { places: 2 }, label: '取整' },
    { id: 'acct', kind: 'constant', valueType: 'text', value: '6602' },
    { id: 'debit', kind: 'target', line: 'expense', field: 'debit' },
    { id: 'account', kind: 'target', line: 'expense', field: 'account' },
    { id: 'tax', kind: 'target', line: 'vat', field: 'debit' },
  ],
  edges: [
    { id: 'e1', from: { node: 'amt' }, to: { node: 'round', port: 'value' } },
    { id: 'e2', from: { node: 'round' }, to: { node: 'debit' } },
    { id: 'e3', from: { node: 'acct' }, to: { node: 'account' } },
    { id: 'e4', from: { node: 'amt' }, to: { node: 'tax' } },
  ],
  lines: [
    { id: 'expense', repeat: 'once' },
    { id: 'vat', label: { zh: '进项税', en: 'input VAT' }, repeat: 'once' },
  ],
};

/** The analyst's edit: a parameter changed, a constant replaced by a new one, the VAT line dropped. */
function edited(): MappingSpec {
  const next = structuredClone(base);
  next.nodes = next.nodes.filter((n) => n.id !== 'acct' && n.id !== 'tax');
  (next.nodes[1] as { params: Record<string, unknown>; label?: string }).params.places = 0;
  (next.nodes[1] as { label?: string }).label = '取整到元';
  next.nodes.push({ id: 'acct2', kind: 'constant', valueType: 'text', value: '6601' });
  next.edges = [
    next.edges[0],
    // the same link under another id: bookkeeping, no change
    { id: 'e2b', from: { node: 'round' }, to: { node: 'debit' } },
    { id: 'e5', from: { node: 'acct2' }, to: { node: 'account' } },
  ];
  next.lines = next.lines.filter((l) => l.id !== 'vat');
  return next;
}

describe('compareStructure', () => {
  it('finds nothing between a spec and its copy', () => {
    expect(compareStructure(base, structuredClone(base))).toEqual({ nodes: [], edges: [] });
  });

  it('lists nodes added, removed and with changed parameters, and links by what they connect', () => {
    const s = compareStructure(base, edited());
    expect(s.nodes.map((c) => `${c.change}:${c.node.id}${c.change === 'changed' ? `.${c.field}` : ''}`)).toEqual([
      'changed:round.params.places',
      'added:acct2',
      'removed:acct',
      'removed:tax',
    ]);
    expect(s.edges.map((c) => `${c.change}:${c.edge.id}`)).toEqual(['added:e5', 'removed:e3', 'removed:e4']);
  });

  it('takes a node whose kind changed as the old one removed and a new one added', () => {
    const next = structuredClone(base);
    next.nodes[2] = { id: 'acct', kind: 'expression', expression: '"6602"', inputs: [], outputType: 'text' };
    expect(compareStructure(base, next).nodes.map((c) => `${c.change}:${c.node.kind}`)).toEqual(['removed:constant', 'added:expression']);
  });
});

describe('canvasMarks', () => {
  it('marks the new spec by id and keeps what went as ghosts, with the line templates they belonged to', () => {
    const after = edited();
    const marks = canvasMarks(compareStructure(base, after), base, after);
    expect(marks.nodes).toEqual({ round: 'changed', acct2: 'added' });
    expect(marks.edges).toEqual({ e5: 'added' });
    expect(marks.removed.nodes.map((n) => n.id)).toEqual(['acct', 'tax']);
    expect(marks.removed.edges.map((e) => e.id)).toEqual(['e3', 'e4']);
    expect(marks.removed.lines.map((l) => l.id)).toEqual(['vat']);
  });

  it('keeps a re-kinded node "added", not "changed"', () => {
    const next = structuredClone(base);
    next.nodes[1] = { id: 'round', kind: 'constant', valueType: 'money', value: '1' };
    const marks = canvasMarks(compareStructure(base, next), base, next);
    expect(marks.nodes.round).toBe('added');
    expect(marks.removed.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual(['round:function']);
  });

  it('agrees with the worded diff: every node the list names is marked or a ghost', () => {
    const after = edited();
    const marks = canvasMarks(compareStructure(base, after), base, after);
    const ghosts = new Set(marks.removed.nodes.map((n) => n.id));
    const nodeEntries = diffSpecs(base, after).filter((e) => e.kind === 'node' || e.kind === 'parameter');
    expect(nodeEntries.length).toBeGreaterThan(0);
    for (const e of nodeEntries) expect(marks.nodes[e.node!] ?? (ghosts.has(e.node!) ? 'removed' : undefined)).toBe(e.change);
  });
});

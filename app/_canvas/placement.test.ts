import { describe, expect, it } from 'vitest';
import type { MappingNode, MappingSpec } from '#server/engine/spec';
import { placeNewNodes } from './placement';
import { DEMOS, loadDemo } from './test-support';
import { contains, intersects, type Rect } from './viewport';

const demo = loadDemo(DEMOS[0]);
const NODES: MappingNode[] = [
  { id: 'src.amount', kind: 'source', field: 'MoneyField_A', fieldType: 'money' },
  { id: 't.expense.debit', kind: 'target', line: 'expense', field: 'debit' },
  { id: 'fn.round', kind: 'function', fn: 'math.round', params: {} },
  { id: 'fn.add', kind: 'function', fn: 'math.add', params: {} },
  { id: 'c.rate', kind: 'constant', valueType: 'number', value: '0.06' },
  { id: 'src.date', kind: 'source', field: 'DateField_D', fieldType: 'date' },
  { id: 't.header.date', kind: 'target', line: null, field: 'date' },
];
const mapping = (edges: MappingSpec['edges']): MappingSpec => ({ ...demo, nodes: NODES, edges });
const SIZE = { width: 190, height: 70 };
const sizeOf = () => SIZE;
const VIEW: Rect = { x: -400, y: 200, width: 1400, height: 600 };
const rect = (p: { x: number; y: number }): Rect => ({ ...p, ...SIZE });

describe('placing a new node', () => {
  const placed = new Map<string, Rect>([
    ['src.amount', { x: -300, y: 300, ...SIZE }],
    ['t.expense.debit', { x: 600, y: 300, ...SIZE }],
  ]);

  it('puts a step left of the voucher field it feeds, on its row', () => {
    const spec = mapping([{ id: 'e1', from: { node: 'fn.round' }, to: { node: 't.expense.debit', port: 'value' } }]);
    const at = placeNewNodes({ spec, ids: ['fn.round'], placed, sizeOf, view: VIEW })['fn.round'];
    expect(at.y).toBe(300);
    expect(at.x + SIZE.width).toBeLessThan(600);
    expect(at.x).toBeGreaterThan(600 - 2 * SIZE.width);
  });

  it('puts a step fed by a form field right of that field', () => {
    const spec = mapping([{ id: 'e1', from: { node: 'src.amount' }, to: { node: 'fn.round', port: 'value' } }]);
    const at = placeNewNodes({ spec, ids: ['fn.round'], placed, sizeOf, view: VIEW })['fn.round'];
    expect(at.y).toBe(300);
    expect(at.x).toBeGreaterThan(-300 + SIZE.width);
    expect(at.x).toBeLessThan(-300 + 2 * SIZE.width);
  });

  it('puts an unlinked node in view by its role: form fields left, voucher fields right, steps in the middle', () => {
    const spec = mapping([]);
    const at = placeNewNodes({ spec, ids: ['src.date', 't.header.date', 'fn.add'], placed: new Map(), sizeOf, view: VIEW });
    for (const id of ['src.date', 't.header.date', 'fn.add']) expect(contains(VIEW, rect(at[id])), id).toBe(true);
    expect(at['src.date'].x).toBeLessThan(at['fn.add'].x);
    expect(at['fn.add'].x).toBeLessThan(at['t.header.date'].x);
  });

  it('never puts a node on top of another, however many arrive at one spot', () => {
    const spec = mapping([]);
    // Something already sits where the middle of the view would put the first new step.
    const crowded = new Map<string, Rect>([['fn.old', { x: VIEW.x + (VIEW.width - SIZE.width) / 2, y: VIEW.y + 24, ...SIZE }]]);
    const ids = ['fn.round', 'fn.add', 'c.rate'];
    const at = placeNewNodes({ spec, ids, placed: crowded, sizeOf, view: VIEW });
    const all = [...crowded.values(), ...ids.map((id) => rect(at[id]))];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(intersects(all[i], all[j]), `${i}/${j}`).toBe(false);
  });

  it('before the canvas is measured, places near the nodes there are', () => {
    const spec = mapping([]);
    const at = placeNewNodes({ spec, ids: ['fn.add'], placed, sizeOf, view: null })['fn.add'];
    expect(at.x).toBeGreaterThanOrEqual(-300);
    expect(at.x).toBeLessThanOrEqual(600 + SIZE.width);
  });
});

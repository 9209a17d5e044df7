import { describe, expect, it } from 'vitest';
import { previewPayload, type PreviewResult } from '#server/pipeline/preview';
import { demoPayload, demoSpec, demoTables } from '../../db/seed/demo-fixture';
import { sourceTreeKey, traceFocus, traceOf } from './trace-focus';

const spec = demoSpec('dingtalk');
const tables = demoTables();

async function preview(): Promise<PreviewResult> {
  return previewPayload(spec, JSON.stringify(demoPayload('dingtalk')), (names) => Object.fromEntries(names.flatMap((n) => (tables[n] ? [[n, tables[n]]] : []))));
}

describe('what a picked preview value lights up', () => {
  it('a per-row line value: its detail-table columns, the nodes reading them, and the field of its line template', async () => {
    const r = await preview();
    const line = r.lines.find((l) => l.row !== null && l.debit !== null)!;
    const entry = traceOf(r.trace, `lines[${line.lineNo - 1}].debit`)!;
    expect(entry).toBeDefined();
    const focus = traceFocus(entry, r.lines, spec);

    expect(focus.target).toBe(`${line.template}|debit`);
    const columns = entry.sources.filter((s) => s.table);
    expect(columns.length).toBeGreaterThan(0);
    for (const s of columns) expect(focus.sources).toContain(`${s.table}/${s.field}`);
    // Every source node reading one of those columns is lit, besides the nodes the trace passed through.
    const readers = spec.nodes.filter((n) => n.kind === 'source' && columns.some((s) => s.table === n.table && s.field === n.column));
    expect(readers.length).toBeGreaterThan(0);
    for (const n of readers) expect(focus.nodes).toContain(n.id);
    for (const n of entry.nodes) expect(focus.nodes).toContain(n.id);
    expect(new Set(focus.nodes).size).toBe(focus.nodes.length);
  });

  it('a header value read from the approval record lights the record value in the tree and its source node', async () => {
    const r = await preview();
    const entry = traceOf(r.trace, 'header.date')!;
    const meta = entry.sources.find((s) => s.field.startsWith('$'))!;
    expect(meta).toBeDefined();
    const focus = traceFocus(entry, r.lines, spec);
    const key = `meta:${meta.field.slice(1)}`;
    expect(focus.sources).toContain(key);
    expect(focus.target).toBe('|date');
    const reader = spec.nodes.find((n) => n.kind === 'source' && n.meta === meta.field.slice(1))!;
    expect(focus.nodes).toContain(reader.id);
  });

  it('keys a top-level form field by its id, and a value with no such line by nothing', () => {
    expect(sourceTreeKey({ field: 'TextField_1', table: null })).toBe('TextField_1');
    const entry = { target: 'lines[9].account', line: 10, targetField: 'account', targetLabel: null, sources: [], nodes: [{ id: 'n1', label: null }] };
    expect(traceFocus(entry, [], null)).toEqual({ nodes: ['n1'], sources: [], target: null });
  });
});

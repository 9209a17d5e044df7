import { describe, expect, it } from 'vitest';
import { compile, type LookupTableData, type MappingSpec } from '#server/engine';
import { getCatalogue } from '#server/ledgers/catalogues';
import { demoTables } from '../../db/seed/demo-fixture';
import { addNode, connect, setLookupTable } from './commands';
import { keepLookupAsOf, setLookupAsOf } from './lookup-dates';
import { portsOf } from './ports';
import { DEMOS, loadDemo } from './test-support';

const spec = loadDemo(DEMOS[1]);
const catalogue = getCatalogue(spec.target.format)!;
const ctx = { targetFields: catalogue.fields };
const rates: LookupTableData = { columns: ['currency', 'effective_from', 'rate'], rows: [['CNY', '2025-01-01', '1']] };

/** The demo mapping with a rates lookup keyed by a currency constant (the demo's lines take theirs from the settings). */
function withRates(): MappingSpec {
  const currency = addNode(spec, { id: 'c.currency', kind: 'constant', valueType: 'text', value: 'CNY' });
  const s = addNode(currency, { id: 'lk.rate', kind: 'lookup', table: 'rates', keyColumn: 'currency', columns: ['rate'], onMiss: 'error' });
  const keyed = connect(s, { node: 'c.currency', port: 'value' }, { node: 'lk.rate', port: 'key' }, ctx);
  if (!keyed.ok) throw new Error(JSON.stringify(keyed.reason));
  return keyed.spec;
}
const lookup = (s: MappingSpec) => s.nodes.find((n) => n.id === 'lk.rate')!;

describe('effective-dated lookups on the canvas', () => {
  it('offers an "as of" date input only while the lookup has an effective-date column', () => {
    const plain = withRates();
    expect(portsOf(lookup(plain), ctx).inputs.map((p) => [p.name, p.type])).toEqual([['key', 'text']]);
    const dated = setLookupAsOf(plain, 'lk.rate', 'effective_from');
    expect(lookup(dated)).toMatchObject({ asOfColumn: 'effective_from' });
    expect(portsOf(lookup(dated), ctx).inputs.map((p) => [p.name, p.type])).toEqual([['key', 'text'], ['asOf', 'date']]);
  });

  it('links the voucher date into "as of", and the engine compiles what the canvas built', () => {
    const dated = setLookupAsOf(withRates(), 'lk.rate', 'effective_from');
    const linked = connect(dated, { node: 'fn.voucherDate', port: 'result' }, { node: 'lk.rate', port: 'asOf' }, ctx);
    if (!linked.ok) throw new Error(JSON.stringify(linked.reason));
    const compiled = compile(linked.spec, { catalogue, tables: { ...demoTables(), rates } });
    expect(compiled.ok ? [] : compiled.errors).toEqual([]);
    // A text cannot stand for the date.
    expect(connect(dated, { node: 'c.currency', port: 'value' }, { node: 'lk.rate', port: 'asOf' }, ctx)).toMatchObject({ ok: false, reason: { code: 'type_mismatch' } });
  });

  it('drops the "as of" link with the column, and the column when the table changes to one without it', () => {
    const dated = setLookupAsOf(withRates(), 'lk.rate', 'effective_from');
    const linked = connect(dated, { node: 'fn.voucherDate', port: 'result' }, { node: 'lk.rate', port: 'asOf' }, ctx);
    if (!linked.ok) throw new Error(JSON.stringify(linked.reason));
    const intoAsOf = (s: MappingSpec) => s.edges.filter((e) => e.to.node === 'lk.rate' && e.to.port === 'asOf');
    expect(intoAsOf(linked.spec)).toHaveLength(1);

    const cleared = setLookupAsOf(linked.spec, 'lk.rate', null);
    expect(lookup(cleared)).not.toHaveProperty('asOfColumn');
    expect(intoAsOf(cleared)).toEqual([]);
    expect(cleared.edges.some((e) => e.to.node === 'lk.rate' && e.to.port === 'key')).toBe(true);

    const departments = demoTables().departments.columns;
    const moved = keepLookupAsOf(setLookupTable(linked.spec, 'lk.rate', 'departments', departments), 'lk.rate', departments);
    expect(lookup(moved)).not.toHaveProperty('asOfColumn');
    expect(intoAsOf(moved)).toEqual([]);
    // A table that has the column keeps it.
    expect(keepLookupAsOf(linked.spec, 'lk.rate', rates.columns)).toBe(linked.spec);
  });
});

import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { MappingSpecInput } from './spec';
import { TABLES, TEST_CATALOGUE, cell, claimRecord, claimSpec, withNodes } from './test-support';
import type { LookupTableData } from './types';

/** Exchange rates by currency from a date on, deliberately not in date order. */
const RATES: LookupTableData = {
  columns: ['currency', 'effective_date', 'rate'],
  rows: [
    ['USD', '2025-03-01', '7.2000'],
    ['USD', '2025-01-01', '7.1000'],
    ['EUR', '2025-01-01', '7.8000'],
    ['USD', '2025-04-01', '7.3000'],
  ],
};

/** claimSpec whose lines take the rate of the currency typed on the form, in force on the date field `day`. */
function rateSpec(onMiss: 'error' | 'default' = 'error'): MappingSpecInput {
  return withNodes(
    claimSpec(),
    [
      { id: 'ccy', kind: 'source', field: 'ccy', fieldType: 'text', label: '币种' },
      { id: 'day', kind: 'source', field: 'day', fieldType: 'date' },
      { id: 'lkRate', kind: 'lookup', table: 'rates', keyColumn: 'currency', asOfColumn: 'effective_date', columns: ['rate'], onMiss, defaultValue: '1' },
      { id: 'rate', kind: 'function', fn: 'math.toNumber', params: {} },
      { id: 't.e.rate', kind: 'target', line: 'expense', field: 'exchangeRate' },
    ],
    [
      { id: 'r1', from: { node: 'ccy' }, to: { node: 'lkRate', port: 'key' } },
      { id: 'r2', from: { node: 'day' }, to: { node: 'lkRate', port: 'asOf' } },
      { id: 'r3', from: { node: 'lkRate', port: 'rate' }, to: { node: 'rate', port: 'text' } },
      { id: 'r4', from: { node: 'rate' }, to: { node: 't.e.rate', port: 'value' } },
    ],
  );
}

async function rateOn(currency: string, day: string | null, onMiss: 'error' | 'default' = 'error') {
  const r = compile(rateSpec(onMiss), { catalogue: TEST_CATALOGUE, tables: { ...TABLES, rates: RATES } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const rec = claimRecord(['1'], '1');
  rec.fields.ccy = cell('text', currency);
  rec.fields.day = cell('date', day);
  const res = await r.executor.execute(rec);
  return { res, rate: res.draft?.lines[0]?.exchangeRate?.toString() ?? null };
}

describe('a lookup by key and date (exchange rates)', () => {
  it('picks the latest rate dated on or before the date', async () => {
    expect((await rateOn('USD', '2025-03-15')).rate).toBe('7.2');
    expect((await rateOn('USD', '2025-03-01')).rate).toBe('7.2');
    expect((await rateOn('USD', '2025-02-28')).rate).toBe('7.1');
    expect((await rateOn('USD', '2026-01-01')).rate).toBe('7.3');
    expect((await rateOn('EUR', '2025-03-15')).rate).toBe('7.8');
  });

  it('is a miss when no rate is in force yet, naming the key and the date', async () => {
    const { res } = await rateOn('USD', '2024-12-31');
    expect(res.errors).toEqual([
      expect.objectContaining({
        code: 'lookup_miss',
        field: 'ccy',
        value: 'USD',
        message: 'lookup table rates.currency has no row for "USD" dated on or before 2024-12-31 (its earliest is 2025-01-01)',
      }),
    ]);
    expect((await rateOn('JPY', '2025-03-15')).res.errors[0]).toMatchObject({ code: 'lookup_miss', value: 'JPY' });
  });

  it('gives the default on a miss when told to', async () => {
    expect((await rateOn('USD', '2024-12-31', 'default')).rate).toBe('1');
  });

  it('needs a date to pick a row', async () => {
    const { res } = await rateOn('USD', null);
    expect(res.errors[0]).toMatchObject({ code: 'lookup_no_date', field: 'ccy', value: 'USD' });
  });

  it('the first row wins when two rows of a key share a date', async () => {
    const tables = { ...TABLES, rates: { ...RATES, rows: [...RATES.rows, ['USD', '2025-03-01', '9.9']] } };
    const r = compile(rateSpec(), { catalogue: TEST_CATALOGUE, tables });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const rec = claimRecord(['1'], '1');
    rec.fields.ccy = cell('text', 'USD');
    rec.fields.day = cell('date', '2025-03-20');
    expect((await r.executor.execute(rec)).draft?.lines[0].exchangeRate?.toString()).toBe('7.2');
  });

  it('refuses at compile a dated table whose date column holds something else, and an unknown date column', () => {
    const bad = { ...RATES, rows: [...RATES.rows, ['USD', '1/3/2025', '7']] };
    const r = compile(rateSpec(), { catalogue: TEST_CATALOGUE, tables: { ...TABLES, rates: bad } });
    expect(r.ok ? [] : r.errors).toEqual([
      expect.objectContaining({ code: 'bad_table_date', node: 'lkRate', message: 'lookup table "rates" row 5: "1/3/2025" in column effective_date is not a date (YYYY-MM-DD)' }),
    ]);
    const spec = rateSpec();
    Object.assign(spec.nodes.find((n) => n.id === 'lkRate')!, { asOfColumn: 'valid_from' });
    const r2 = compile(spec, { catalogue: TEST_CATALOGUE, tables: { ...TABLES, rates: RATES } });
    expect(r2.ok ? [] : r2.errors.map((e) => [e.code, e.params?.column])).toContainEqual(['unknown_column', 'valid_from']);
  });
});

/** Money cells carry their currency: what the OA system says (Feishu), else CNY (DingTalk, WeCom, generic). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormCell, FormRecord, TableRow } from '../engine/form-record';
import { CONNECTORS, type ConnectorOptions } from './index';

const root = path.resolve(__dirname, '../..');
const load = (p: string) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));

function ok(connector: keyof typeof CONNECTORS, payload: unknown, options?: ConnectorOptions): FormRecord {
  const r = CONNECTORS[connector].normalize(payload, options);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.message}`);
  return r.record;
}
const TABLE = 'widget17412238654110001';
const AMOUNT = 'widget17412238810450001';
const TAX = 'widget17412238866210001';
const TOTAL = 'widget17412238687320001';

/** The Feishu demo claim with every amount (widgets, row cells and the table sums) in `currency`. */
function feishuIn(currency: string) {
  const p = load('db/seed/payloads/feishu-instance.json');
  p.data.form = p.data.form.replaceAll('"currency":"CNY"', `"currency":"${currency}"`).replaceAll('\\"currency\\":\\"CNY\\"', `\\"currency\\":\\"${currency}\\"`).replaceAll('"currencyRange":["CNY"]', `"currencyRange":["${currency}"]`);
  return p;
}
const moneyCells = (r: FormRecord): FormCell[] => {
  const out: FormCell[] = [];
  for (const c of Object.values(r.fields)) {
    if (c.type === 'money') out.push(c);
    if (c.type === 'table') for (const row of c.value as TableRow[]) for (const x of Object.values(row)) if (x.type === 'money') out.push(x);
  }
  return out;
};

describe('Feishu amounts carry the currency the claim is in', () => {
  const r = ok('feishu', feishuIn('USD'));
  it('a claim in USD has USD on every row amount and tax', () => {
    const rows = r.fields[TABLE].value as TableRow[];
    expect(rows.map((row) => [row[AMOUNT].currency, row[TAX].currency])).toEqual([['USD', 'USD'], ['USD', 'USD'], ['USD', 'USD']]);
    expect(rows[0][AMOUNT]).toEqual({ label: { zh: '金额' }, type: 'money', value: '1280', currency: 'USD' });
  });
  it('the formula total and the table sums are in USD too', () => {
    expect(r.fields[TOTAL]).toMatchObject({ type: 'money', value: '2496', currency: 'USD' });
    expect(r.fields[`${TABLE}.${AMOUNT}.sum`]).toEqual({ label: { zh: '金额·合计' }, type: 'money', value: '2496.00', currency: 'USD' });
    expect(r.fields[`${TABLE}.${TAX}.sum`]).toMatchObject({ type: 'money', value: '170.23', currency: 'USD' });
    expect(moneyCells(r).every((c) => c.currency === 'USD')).toBe(true);
    expect(r.warnings).toEqual([]);
  });
  it('the demo claim is in CNY', () => {
    const cny = ok('feishu', load('db/seed/payloads/feishu-instance.json'));
    const cells = moneyCells(cny);
    expect(cells.length).toBe(9); // 3 × 2 row amounts, the formula, two sums
    expect(cells.every((c) => c.currency === 'CNY')).toBe(true);
  });
  it('reads `currency` beside the value (the create-instance shape) and defaults to CNY without one', () => {
    const p = load('db/seed/payloads/feishu-instance.json');
    p.data.form = JSON.stringify([
      { id: 'a', name: 'a', type: 'amount', value: 12.5, currency: 'jpy' },
      { id: 'b', name: 'b', type: 'amount', value: 3 },
    ]);
    const f = ok('feishu', p).fields;
    expect([f.a.currency, f.b.currency]).toEqual(['JPY', 'CNY']);
  });
  it('a currency that is not an ISO code is reported, not guessed', () => {
    const p = load('db/seed/payloads/feishu-instance.json');
    p.data.form = JSON.stringify([{ id: 'a', name: '金额', type: 'amount', value: 1, ext: { currency: '美元' } }]);
    const rec = ok('feishu', p);
    expect(rec.fields.a.currency).toBeUndefined();
    expect(rec.warnings[0]).toMatch(/金额.*美元.*not an ISO 4217 code/);
  });
  it('rows in two currencies: the formula and the column sum have no single currency, and say so', () => {
    const p = load('db/seed/payloads/feishu-instance.json');
    const form = JSON.parse(p.data.form);
    const table = form.find((w: { type: string }) => w.type === 'fieldList');
    table.value[1].find((w: { id: string }) => w.id === AMOUNT).ext.currency = 'USD';
    table.ext[0].sumItems = JSON.stringify([{ currency: 'CNY', value: '1436' }, { currency: 'USD', value: '1060' }]);
    p.data.form = JSON.stringify(form);
    const rec = ok('feishu', p);
    expect(rec.fields[TOTAL].currency).toBeUndefined();
    expect(rec.fields[`${TABLE}.${AMOUNT}.sum`].type).toBe('unknown');
    expect(rec.warnings.join('\n')).toMatch(/报销合计.*CNY and USD/);
    expect(rec.warnings.join('\n')).toMatch(/sum of widget17412238810450001: rows in CNY and USD/);
  });
});

describe('systems without a currency: CNY', () => {
  it('DingTalk MoneyField, top level and in table rows', () => {
    const r = ok('dingtalk', load('db/seed/payloads/dingtalk-instance.json'));
    const cells = moneyCells(r);
    expect(cells.length).toBeGreaterThan(3);
    expect(cells.every((c) => c.currency === 'CNY')).toBe(true);
  });
  it('WeCom Money, top level and in table rows', () => {
    const r = ok('wecom', load('db/seed/payloads/wecom-approval-detail.json'));
    const cells = moneyCells(r);
    expect(cells.length).toBeGreaterThan(3);
    expect(cells.every((c) => c.currency === 'CNY')).toBe(true);
  });
  it('generic: CNY unless the config names the currency', () => {
    const payload = { status: 'approved', finishTime: '2025-03-15', total: '10.00', rows: [{ amount: '4.00' }] };
    const config = {
      status: '$.status',
      finishedAt: '$.finishTime',
      fields: [
        { id: 'total', path: '$.total', type: 'money', currency: 'usd' },
        { id: 'cny', path: '$.total', type: 'money' },
        { id: 'rows', path: '$.rows', type: 'table', columns: [{ id: 'amount', path: 'amount', type: 'money', currency: 'EUR' }] },
      ],
    };
    const r = ok('generic', payload, { config });
    expect([r.fields.total.currency, r.fields.cny.currency, (r.fields.rows.value as TableRow[])[0].amount.currency]).toEqual(['USD', 'CNY', 'EUR']);
    const bad = CONNECTORS.generic.normalize(payload, { config: { ...config, fields: [{ id: 't', path: '$.total', type: 'text', currency: 'USD' }] } });
    expect(bad).toMatchObject({ ok: false, error: { path: 'config.fields[0].currency' } });
  });
});

/** `ledgerlink normalize` prints the FormRecord with every digit of amounts sent as JSON numbers. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './main';

const ROOT = path.resolve(__dirname, '../..');
const PAYLOADS = path.join(ROOT, 'db/seed/payloads');
const BIG = '12345678901234567.89';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-normalize-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function normalize(connector: string, text: string, ...more: string[]) {
  const file = path.join(dir, `${connector}.json`);
  fs.writeFileSync(file, text);
  let out = '';
  let err = '';
  const code = await run(['normalize', '--connector', connector, ...more, file], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('ledgerlink normalize keeps every digit', () => {
  it('WeCom new_money sent as a JSON number', async () => {
    const p = JSON.parse(fs.readFileSync(path.join(PAYLOADS, 'wecom-approval-detail.json'), 'utf8'));
    const money = p.info.apply_data.contents.find((c: { control: string }) => c.control === 'Money');
    money.value.new_money = '@@';
    const r = await normalize('wecom', JSON.stringify(p).replace('"@@"', BIG));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).fields[money.id]).toMatchObject({ type: 'money', value: BIG, currency: 'CNY' });
  });

  it('a Feishu amount in USD inside the form string', async () => {
    const p = JSON.parse(fs.readFileSync(path.join(PAYLOADS, 'feishu-instance.json'), 'utf8'));
    p.data.form = JSON.stringify([{ id: 'a', name: '金额', type: 'amount', value: '@@', ext: { currency: 'USD' } }]).replace('"@@"', BIG);
    const r = await normalize('feishu', JSON.stringify(p));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`"value": "${BIG}"`);
    expect(JSON.parse(r.out).fields.a).toEqual({ label: { zh: '金额' }, type: 'money', value: BIG, currency: 'USD' });
  });

  it('a generic payload read through a --config file', async () => {
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ status: '$.s', finishedAt: '$.t', fields: [{ id: 'total', path: '$.total', type: 'money', currency: 'EUR' }] }));
    const r = await normalize('generic', `{"s":"approved","t":"2025-03-15T16:40:05+08:00","total":${BIG}}`, '--config', config);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).fields.total).toMatchObject({ value: BIG, currency: 'EUR' });
  });
});

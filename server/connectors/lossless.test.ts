/**
 * Amounts sent as JSON numbers keep every digit, through every connector and through the JSON strings
 * nested in payloads (DingTalk tables, Feishu's form): the payload goes in as text, as it arrives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormRecord, TableRow } from '../engine/form-record';
import { CONNECTORS, parseJsonPayload, type ConnectorOptions } from './index';

const root = path.resolve(__dirname, '../..');
const load = (p: string) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
/** 19 significant digits: a float keeps 17 at most (12345678901234567.89 becomes 12345678901234568). */
const BIG = '12345678901234567.89';
/** Where the test wants a raw JSON number, the payload holds this string until it is written out. */
const SLOT = '@@number@@';

/** The payload as JSON text, with each SLOT string (also inside nested JSON strings) replaced by BIG. */
function text(payload: unknown): string {
  return JSON.stringify(payload).replaceAll(`"${SLOT}"`, BIG).replaceAll(`\\"${SLOT}\\"`, BIG);
}

function normalize(connector: keyof typeof CONNECTORS, body: string, options?: ConnectorOptions): FormRecord {
  const parsed = parseJsonPayload(body);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const r = CONNECTORS[connector].normalize(parsed.value, options);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.message}`);
  return r.record;
}

describe('a money value sent as a JSON number keeps every digit', () => {
  it('DingTalk: a MoneyField value, and a money cell inside the TableField JSON string', () => {
    const p = load('db/seed/payloads/dingtalk-instance.json');
    const list = p.result.formComponentValues as Record<string, unknown>[];
    list.find((c) => c.componentType === 'MoneyField')!.value = SLOT;
    const table = list.find((c) => c.componentType === 'TableField')!;
    const rows = JSON.parse(table.value as string);
    rows[0].rowValue.find((c: { componentType: string }) => c.componentType === 'MoneyField').value = SLOT;
    table.value = JSON.stringify(rows);
    const r = normalize('dingtalk', text(p));
    expect(r.fields['MoneyField_18PDM5K773FK0'].value).toBe(BIG);
    const row = (r.fields['TableField_1T9QY2M6XKJ40'].value as TableRow[])[0];
    expect(row['MoneyField_17K3F0ZP9QDC0'].value).toBe(BIG);
  });

  it('Feishu: an amount in the form string, even when the form also holds U+E000', () => {
    const p = load('db/seed/payloads/feishu-instance.json');
    const form = JSON.parse(p.data.form);
    form.push({ id: 'big', name: '金额\ue000', type: 'amount', value: SLOT, ext: { currency: 'CNY' } });
    p.data.form = JSON.stringify(form);
    const r = normalize('feishu', text(p));
    expect(r.fields.big).toMatchObject({ type: 'money', value: BIG, label: { zh: '金额\ue000' } });
  });

  it('Feishu: the amounts of the detail rows keep their JSON text', () => {
    const p = load('db/seed/payloads/feishu-instance.json');
    p.data.form = p.data.form.replace('"value":1280}', `"value":"${SLOT}"}`);
    const r = normalize('feishu', text(p));
    const rows = r.fields['widget17412238654110001'].value as TableRow[];
    expect(rows[0]['widget17412238810450001'].value).toBe(BIG);
  });

  it('WeCom: new_money', () => {
    const p = load('db/seed/payloads/wecom-approval-detail.json');
    const money = p.info.apply_data.contents.find((c: { control: string }) => c.control === 'Money');
    money.value.new_money = SLOT;
    expect(normalize('wecom', text(p)).fields[money.id].value).toBe(BIG);
  });

  it('generic: inferred and configured money fields', () => {
    const body = text({ status: 'approved', finishTime: '2025-03-15T16:40:05+08:00', total: SLOT, rows: [{ amount: SLOT }] });
    expect(normalize('generic', body).fields.total.value).toBe(BIG);
    const config = { status: '$.status', finishedAt: '$.finishTime', fields: [{ id: 'total', path: '$.total', type: 'money' }] };
    expect(normalize('generic', body, { config }).fields.total).toMatchObject({ type: 'money', value: BIG, currency: 'CNY' });
  });

  it('ids sent as JSON numbers become their exact text', () => {
    const p = load('db/seed/payloads/wecom-approval-detail.json');
    p.info.applyer.partyid = SLOT;
    expect(normalize('wecom', text(p)).department).toEqual({ id: BIG });
    const g = normalize('generic', '{"status":"approved","finishTime":"2025-03-15","userId":10000000000000000001,"deptId":24512663938264572123}');
    expect(g.applicant).toEqual({ id: '10000000000000000001' });
    expect(g.department).toEqual({ id: '24512663938264572123' });
  });
});

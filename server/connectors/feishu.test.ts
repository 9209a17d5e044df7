import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormRecord, TableRow } from '../engine/form-record';
import { feishuConnector as fs } from './feishu';
import { isShapeError } from './types';

const root = path.resolve(__dirname, '../..');
const load = (p: string) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const sample = () => load('db/seed/payloads/feishu-instance.json');
const decoded = (): Record<string, unknown>[] => load('server/connectors/fixtures/feishu-instance-form-decoded.json');

function ok(payload: unknown, options?: Parameters<typeof fs.normalize>[1]): FormRecord {
  const r = fs.normalize(payload, options);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.record;
}
function err(payload: unknown) {
  const r = fs.normalize(payload);
  if (r.ok) throw new Error('expected a shape error');
  return r.error;
}
/** The sample with `data.form` set to this JSON text (or these widgets). */
function withForm(form: string | unknown[]) {
  const p = sample();
  p.data.form = typeof form === 'string' ? form : JSON.stringify(form);
  return p;
}
const one = (w: object) => ok(withForm([w]));
const TABLE = 'widget17412238654110001';
const AMOUNT = 'widget17412238810450001';
const TAX = 'widget17412238866210001';

describe('Feishu demo instance', () => {
  const r = ok(sample());
  it('reads the instance-level values the demo README names', () => {
    expect(r).toMatchObject({
      oaSystem: 'feishu',
      status: 'approved',
      rawStatus: 'APPROVED',
      finishedAt: '2025-03-15T08:40:05Z', // end_time "1742028005000" = 16:40:05 Beijing
      submittedAt: '2025-03-14T01:12:33Z',
      oaReference: '202503140007',
      instanceId: 'C34A7ECB-E60A-457A-AA1F-36890ABB9B68',
      templateCode: 'BCD664E5-456F-4FEE-BA6E-EE349972F6A1',
      title: '差旅费报销',
      applicant: { id: '5d9a1c2e' },
      department: { id: 'od-4e6ac4d14bcd5071a37a39de902c7141' },
      warnings: [],
    });
    expect(Date.parse(r.finishedAt!)).toBe(Date.parse('2025-03-15T16:40:05+08:00'));
  });
  it('reads department open id, claimant user id, cost centre, total and attachments', () => {
    expect(r.fields['widget17412238533370001']).toEqual({ label: { zh: '费用承担部门' }, type: 'department', value: [{ id: 'od-4e6ac4d14bcd5071a37a39de902c7141' }] });
    expect(r.fields['widget17412238561480001']).toEqual({ label: { zh: '报销人' }, type: 'person', value: [{ id: '5d9a1c2e' }] });
    expect(r.fields['widget17412238590750001'].value).toEqual({ key: 'm7q2w9zx-3k8h2d6f1b-1', text: 'CC-MKT-01 市场推广' });
    // The formula 报销合计 (with a capitalValue) is the total, as money; the fieldList ext sums are fields of their own.
    expect(r.fields['widget17412238687320001']).toEqual({ label: { zh: '报销合计' }, type: 'money', value: '2496', currency: 'CNY' });
    const files = r.fields['widget17412238719850001'].value as { name: string; url: string }[];
    expect(files).toHaveLength(3);
    expect(files[2].name).toBe('网约车电子发票_40817265.pdf');
    expect(files[0].url).toMatch(/^https:\/\/internal-api-drive-stream/);
  });
  it('reads the three detail rows with amounts from their JSON text', () => {
    const rows = r.fields[TABLE].value as TableRow[];
    expect(rows.map((row) => [row['widget17412238700010001'].value, row['widget17412238745630001'].value, row[AMOUNT].value, row[TAX].value])).toEqual([
      [{ key: 'm7q2x1ab-0c9d8e7f6a-0', text: '机票' }, '2025-03-10', '1280', '105.69'],
      [{ key: 'm7q2x1ab-0c9d8e7f6a-1', text: '住宿费' }, '2025-03-12', '1060', '60'],
      [{ key: 'm7q2x1ab-0c9d8e7f6a-2', text: '市内交通' }, '2025-03-11', '156', '4.54'],
    ]);
    expect(rows[0][AMOUNT]).toEqual({ label: { zh: '金额' }, type: 'money', value: '1280', currency: 'CNY' });
  });
  it('splits the trip date interval into start, end and interval', () => {
    expect(r.fields['widget17412238622960001.start'].value).toBe('2025-03-10');
    expect(r.fields['widget17412238622960001.end'].value).toBe('2025-03-12');
    expect(r.fields['widget17412238622960001.interval']).toMatchObject({ type: 'number', value: '3.0' });
  });
  it('reads the decoded-form fixture (its text as the form) the same way as the sample', () => {
    const text = readFileSync(path.join(root, 'server/connectors/fixtures/feishu-instance-form-decoded.json'), 'utf8');
    expect(ok(withForm(text)).fields).toEqual(r.fields);
  });
  it('prefers options.instanceId, then instance_code, then uuid', () => {
    expect(ok(sample(), { instanceId: 'X' }).instanceId).toBe('X');
    const p = sample();
    delete p.data.instance_code;
    expect(ok(p).instanceId).toBe('29725703');
  });
  it('infers the template with nested columns', () => {
    const t = fs.inferTemplate(sample());
    if (isShapeError(t)) throw new Error(t.message);
    expect(t.name).toBe('差旅费报销');
    expect(t.fields.find((f) => f.id === TABLE)!.columns!.map((c) => `${c.label.zh}:${c.type}`)).toEqual(['费用类型:option', '发生日期:date', '费用说明:text', '金额:money', '税额:money']);
  });
});

describe('Feishu amounts never go through floats', () => {
  it('keeps the JSON text of numbers: trailing zeros, 0.1, 17+ significant digits', () => {
    const form = '[{"id":"a","name":"a","type":"amount","value":1280.00},{"id":"b","name":"b","type":"amount","value":0.1},{"id":"c","name":"c","type":"amount","value":12345678901234567.89},{"id":"d","name":"d","type":"number","value":-2.50e2}]';
    const f = ok(withForm(form)).fields;
    expect([f.a.value, f.b.value, f.c.value, f.d.value]).toEqual(['1280.00', '0.1', '12345678901234567.89', '-2.50e2']);
  });
  it('keeps every digit when the form holds U+E000, raw or escaped (no fallback to floats)', () => {
    for (const name of ['\ue000', '\\ue000']) {
      const form = `[{"id":"a","name":"${name}","type":"amount","value":12345678901234567.89}]`;
      expect(ok(withForm(form)).fields.a.value).toBe('12345678901234567.89');
    }
  });
  it('accepts amounts sent as strings and keeps non-numbers with a warning', () => {
    expect(one({ id: 'a', name: 'a', type: 'amount', value: '1,234.50' }).fields.a.value).toBe('1234.50');
    const r = one({ id: 'a', name: '金额', type: 'amount', value: 'abc' });
    expect(r.fields.a).toMatchObject({ type: 'money', value: 'abc' });
    expect(r.warnings[0]).toMatch(/金额.*not a number/);
  });
});

describe('Feishu status and times', () => {
  it.each([
    ['PENDING', 'running'], ['APPROVED', 'approved'], ['REJECTED', 'rejected'],
    ['CANCELED', 'withdrawn'], ['REVERTED', 'withdrawn'], ['DELETED', 'deleted'],
  ])('%s → %s', (status, expected) => {
    const p = sample();
    p.data.status = status;
    expect(ok(p).status).toBe(expected);
  });
  it('reads "0" and "" end_time as no finish time while pending', () => {
    for (const end of ['0', '']) {
      const p = sample();
      Object.assign(p.data, { status: 'PENDING', end_time: end });
      expect(ok(p).finishedAt).toBeNull();
    }
  });
  it('names the path of status, time and form problems', () => {
    const cases: [(d: Record<string, unknown>) => void, string, RegExp?][] = [
      [(d) => delete d.status, '$.data.status'],
      [(d) => (d.status = 'OVERTIME'), '$.data.status', /unknown status/],
      [(d) => (d.end_time = '0'), '$.data.end_time', /finished/],
      [(d) => (d.end_time = 'yesterday'), '$.data.end_time'],
      [(d) => (d.end_time = { ms: 1 }), '$.data.end_time'],
      [(d) => delete d.form, '$.data.form', /missing/],
      [(d) => (d.form = decoded()), '$.data.form', /JSON string/],
      [(d) => (d.form = '[{"id":'), '$.data.form', /not JSON: .* at position 7/],
      [(d) => (d.form = '{"id":"a"}'), '$.data.form', /array/],
      [(d) => (d.form = '[{"id":"a","type":"input"}, 3]'), '$.data.form[1]'],
    ];
    for (const [mutate, where, message] of cases) {
      const p = sample();
      mutate(p.data);
      const e = err(p);
      expect(e.path).toBe(where);
      if (message) expect(e.message).toMatch(message);
    }
  });
  it('refuses error bodies and events', () => {
    expect(err({ code: 99991663, msg: 'token invalid' })).toMatchObject({ path: '$.code' });
    expect(err({ code: 0, msg: 'ok' })).toMatchObject({ path: '$.data' });
    expect(err(load('server/connectors/fixtures/feishu-approval-instance-event.json')).message).toMatch(/event/);
  });
});

describe('Feishu widgets', () => {
  it('reads a formula without capitalValue as a number', () => {
    expect(one({ id: 'f', name: 'f', type: 'formula', ext: null, value: 3 }).fields.f).toMatchObject({ type: 'number', value: '3' });
  });
  it('reads radio by value text, checkboxes as options', () => {
    expect(one({ id: 'r', name: 'r', type: 'radio', value: '是' }).fields.r.value).toEqual({ text: '是' });
    expect(one({ id: 'c', name: 'c', type: 'checkboxV2', value: ['甲', '乙'], option: [{ key: 'k1', text: '甲' }, { key: 'k2', text: '乙' }] }).fields.c.value).toEqual([{ key: 'k1', text: '甲' }, { key: 'k2', text: '乙' }]);
    expect(one({ id: 'c', name: 'c', type: 'checkbox', value: ['甲'] }).fields.c.value).toEqual([{ text: '甲' }]);
  });
  it('reads contacts by user id (open ids only when no user ids)', () => {
    expect(one({ id: 'p', name: 'p', type: 'contact', value: [], open_ids: ['ou_1'] }).fields.p.value).toEqual([{ id: 'ou_1' }]);
    expect(one({ id: 'p', name: 'p', type: 'contact', value: [] }).fields.p.value).toBeNull();
  });
  it('reads a UTC date with timezoneOffset as the local date', () => {
    expect(one({ id: 'd', name: 'd', type: 'date', value: '2025-03-09T16:00:00Z', timezoneOffset: -480 }).fields.d.value).toBe('2025-03-10');
  });
  it('does not zip attachment names that contain commas', () => {
    const r = one({ id: 'a', name: 'a', type: 'attachmentV2', ext: 'a,b.pdf', value: ['https://x/1'] });
    expect(r.fields.a.value).toEqual([{ url: 'https://x/1' }]);
  });
  it('reads an empty fieldList as zero rows', () => {
    expect(one({ id: 't', name: 't', type: 'fieldList', ext: [], value: [] }).fields.t).toMatchObject({ type: 'table', value: [] });
  });
  it('keeps unknown widget types as text with a warning', () => {
    const r = one({ id: 'x', name: '电话', type: 'telephone', value: '+86 10 1234' });
    expect(r.fields.x).toEqual({ label: { zh: '电话' }, type: 'unknown', value: '+86 10 1234' });
    expect(r.warnings[0]).toMatch(/"电话" \(x\).*telephone/);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormRecord, TableRow } from '../engine/form-record';
import { dingtalkConnector as dt } from './dingtalk';
import { isShapeError } from './types';

const root = path.resolve(__dirname, '../..');
const load = (p: string) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const v1 = () => load('db/seed/payloads/dingtalk-instance.json');
const topapi = () => load('server/connectors/fixtures/dingtalk-instance-topapi.json');

function ok(payload: unknown, options?: Parameters<typeof dt.normalize>[1]): FormRecord {
  const r = dt.normalize(payload, options);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.record;
}
function err(payload: unknown) {
  const r = dt.normalize(payload);
  if (r.ok) throw new Error('expected a shape error');
  return r.error;
}
/** A v1.0 payload with one extra component (or with components replaced). */
function withComponents(components: object[], replace = false) {
  const p = v1();
  p.result.formComponentValues = replace ? components : [...p.result.formComponentValues, ...components];
  return p;
}
const TABLE = 'TableField_1T9QY2M6XKJ40';
const AMOUNT = 'MoneyField_17K3F0ZP9QDC0';
const TAX = 'MoneyField_1F8W2U6HJX4G0';

describe('DingTalk v1.0 demo instance', () => {
  const r = ok(v1());
  it('reads the instance-level values the demo README names', () => {
    expect(r.oaSystem).toBe('dingtalk');
    expect(r.status).toBe('approved');
    expect(r.rawStatus).toBe('COMPLETED/agree');
    // `2025-03-15T08:40Z` is UTC with minute precision: 16:40:00 in Beijing.
    expect(r.finishedAt).toBe('2025-03-15T08:40:00Z');
    expect(Date.parse(r.finishedAt!)).toBe(Date.parse('2025-03-15T16:40:00+08:00'));
    expect(r.submittedAt).toBe('2025-03-14T01:12:00Z');
    expect(r.oaReference).toBe('202503140912000286417');
    expect(r.instanceId).toBe('Xk3p9R2aTQmB7uVw1cYdGg04891741914753');
    expect(r.title).toBe('张伟提交的差旅费报销');
    expect(r.applicant).toEqual({ id: '024512663938264572' });
    expect(r.department).toEqual({ id: '612738049', name: '市场部' });
    expect(r.warnings).toEqual([]);
  });
  it('reads department, claimant, cost centre, total, attachments and remarks', () => {
    expect(r.fields['DepartmentField_1J3K5L7M9N1P0']).toEqual({ label: { zh: '费用承担部门' }, type: 'department', value: [{ name: '市场部' }] });
    expect(r.fields['InnerContactField_1R9B45BYVYE80'].value).toEqual([{ id: '024512663938264572', name: '张伟' }]);
    expect(r.fields['DDSelectField_21QCA2NPLJKW0']).toMatchObject({ type: 'option', value: { key: 'option_1', text: 'CC-MKT-01 市场推广' } });
    expect(r.fields['MoneyField_18PDM5K773FK0']).toEqual({ label: { zh: '报销总额（元）' }, type: 'money', value: '2496.00', currency: 'CNY' });
    const files = r.fields['DDAttachment_D37VXHQUCG00'];
    expect(files.type).toBe('attachment');
    expect(files.value).toHaveLength(3);
    expect((files.value as { id: string }[])[0]).toEqual({ id: '152847710331', name: '机票行程单_MU5101.pdf' });
    expect(r.fields['TextareaField_PL63NZ0E3740']).toMatchObject({ type: 'text', value: null }); // the string "null"
    expect(r.fields['DDDateField_ITHUFEYY8BK0']).toMatchObject({ type: 'date', value: '2025-03-10' });
  });
  it('reads the three detail rows exactly', () => {
    const rows = r.fields[TABLE].value as TableRow[];
    expect(r.fields[TABLE].type).toBe('table');
    expect(rows.map((row) => [row['DDSelectField_1QZ7N3K8VEO00'].value, row[AMOUNT].value, row[TAX].value])).toEqual([
      [{ key: 'option_0', text: '机票' }, '1280.00', '105.69'],
      [{ key: 'option_1', text: '住宿费' }, '1060.00', '60.00'],
      [{ key: 'option_2', text: '市内交通' }, '156.00', '4.54'],
    ]);
    expect(rows[1]['DDDateField_1MX4C9TQ2H5S0']).toEqual({ label: { zh: '发生日期' }, type: 'date', value: '2025-03-12' });
    expect(Object.getPrototypeOf(rows[0])).toBeNull();
    expect(Object.getPrototypeOf(r.fields)).toBeNull();
  });
  it('lets options name the instance and the process code', () => {
    const o = ok(v1(), { instanceId: 'PI-1', templateCode: 'PROC-TRAVEL-EXPENSE' });
    expect([o.instanceId, o.templateCode]).toEqual(['PI-1', 'PROC-TRAVEL-EXPENSE']);
  });
  it('falls back to a businessId-based instance id when the body has none', () => {
    const p = v1();
    delete p.result.tasks;
    expect(ok(p).instanceId).toBe('businessId:202503140912000286417');
  });
});

describe('DingTalk legacy topapi instance', () => {
  it('reads the same form as v1.0, with Beijing-local times', () => {
    const a = ok(v1());
    const b = ok(topapi());
    expect(b.fields).toEqual(a.fields);
    expect(b.status).toBe('approved');
    expect(b.rawStatus).toBe('COMPLETED/agree');
    expect(b.finishedAt).toBe('2025-03-15T08:40:06Z'); // "2025-03-15 16:40:06" at +08:00
    expect(b.submittedAt).toBe('2025-03-14T01:12:33Z');
    expect(b.oaReference).toBe('202503140912000286417');
    expect(b.instanceId).toBe('Xk3p9R2aTQmB7uVw1cYdGg04891741914753'); // from the task URL's procInsId
    expect(b.applicant).toEqual({ id: '024512663938264572' });
  });
  it('reports a topapi error and a missing topapi form at their paths', () => {
    expect(err({ errcode: 88, errmsg: 'bad', process_instance: {} }).path).toBe('$.errcode');
    const p = topapi();
    delete p.process_instance.form_component_values;
    expect(err(p).path).toBe('$.process_instance.form_component_values');
  });
});

describe('DingTalk status', () => {
  const cases: [string, string | undefined, string, string][] = [
    ['COMPLETED', 'agree', 'approved', 'COMPLETED/agree'],
    ['COMPLETED', 'refuse', 'rejected', 'COMPLETED/refuse'],
    ['RUNNING', '', 'running', 'RUNNING'],
    ['TERMINATED', undefined, 'withdrawn', 'TERMINATED'],
    ['CANCELED', '', 'withdrawn', 'CANCELED'],
    ['DELETED', '', 'deleted', 'DELETED'],
  ];
  it.each(cases)('%s + %s → %s', (status, result, expected, raw) => {
    const p = v1();
    p.result.status = status;
    if (result === undefined) delete p.result.result;
    else p.result.result = result;
    const r = ok(p);
    expect([r.status, r.rawStatus]).toEqual([expected, raw]);
  });
  it('does not need a finish time while running', () => {
    const p = v1();
    Object.assign(p.result, { status: 'RUNNING', result: '' });
    delete p.result.finishTime;
    expect(ok(p).finishedAt).toBeNull();
  });
});

describe('DingTalk shape errors name the path', () => {
  const mutate = (f: (p: { result: Record<string, unknown> }) => void) => {
    const p = v1();
    f(p);
    return err(p);
  };
  it.each([
    ['missing status', (p: { result: Record<string, unknown> }) => delete p.result.status, '$.result.status'],
    ['unknown status', (p: { result: Record<string, unknown> }) => (p.result.status = 'PAUSED'), '$.result.status'],
    ['COMPLETED without a result', (p: { result: Record<string, unknown> }) => delete p.result.result, '$.result.result'],
    ['missing finishTime', (p: { result: Record<string, unknown> }) => delete p.result.finishTime, '$.result.finishTime'],
    ['finishTime a number', (p: { result: Record<string, unknown> }) => (p.result.finishTime = 1742028000), '$.result.finishTime'],
    ['finishTime a BigInt', (p: { result: Record<string, unknown> }) => (p.result.finishTime = BigInt(1)), '$.result.finishTime'],
    ['finishTime not a time', (p: { result: Record<string, unknown> }) => (p.result.finishTime = '2025-02-30T08:40Z'), '$.result.finishTime'],
    ['missing form', (p: { result: Record<string, unknown> }) => delete p.result.formComponentValues, '$.result.formComponentValues'],
    ['form not an array', (p: { result: Record<string, unknown> }) => (p.result.formComponentValues = '[]'), '$.result.formComponentValues'],
    ['component not an object', (p: { result: Record<string, unknown> }) => ((p.result.formComponentValues as unknown[])[2] = 'x'), '$.result.formComponentValues[2]'],
  ])('%s', (_name, f, where) => {
    expect(mutate(f).path).toBe(where);
  });
  it('refuses non-objects, error bodies and event callbacks at $', () => {
    for (const p of [null, [], 42, 'x']) expect(err(p)).toMatchObject({ kind: 'shape', path: '$' });
    expect(err({ code: 'InvalidAuthentication', message: 'token' })).toMatchObject({ path: '$.result' });
    expect(err({ success: false, result: {} }).path).toBe('$.success');
    expect(err(load('server/connectors/fixtures/dingtalk-callback.json')).message).toMatch(/callback/);
    expect(err(load('server/connectors/fixtures/dingtalk-callback-stream.json')).message).toMatch(/callback/);
  });
});

describe('DingTalk value gotchas', () => {
  const one = (c: object) => ok(withComponents([c], true));
  it('treats "null" and "" as empty for every type', () => {
    for (const componentType of ['TextField', 'NumberField', 'MoneyField', 'DDDateField', 'DDSelectField', 'InnerContactField', 'DDAttachment', 'DepartmentField', 'TableField', 'DDMultiSelectField']) {
      for (const value of ['null', '']) {
        expect(one({ componentType, id: 'F', name: 'f', value, extValue: null }).fields.F.value, `${componentType} ${value}`).toEqual(componentType === 'TableField' ? [] : null);
      }
    }
  });
  it('keeps decimals as sent and strips thousands separators', () => {
    expect(one({ componentType: 'MoneyField', id: 'M', name: 'm', value: '1234.5' }).fields.M.value).toBe('1234.5');
    expect(one({ componentType: 'MoneyField', id: 'M', name: 'm', value: '1,234.50' }).fields.M.value).toBe('1234.50');
    expect(one({ componentType: 'NumberField', id: 'N', name: 'n', value: '39' }).fields.N).toMatchObject({ type: 'number', value: '39' });
  });
  it('keeps a non-number money value as text with a warning', () => {
    const r = one({ componentType: 'MoneyField', id: 'M', name: '金额', value: '壹佰元' });
    expect(r.fields.M).toMatchObject({ type: 'money', value: '壹佰元' });
    expect(r.warnings.join()).toMatch(/金额.*not a number/);
  });
  it('reads a multi-select from its JSON value and ext labels', () => {
    const r = one({ componentType: 'DDMultiSelectField', id: 'S', name: 's', value: '["无","有"]', extValue: '[{"label":"无","key":"option_0"},{"label":"有","key":"option_1"}]' });
    expect(r.fields.S).toMatchObject({ type: 'options', value: [{ key: 'option_0', text: '无' }, { key: 'option_1', text: '有' }] });
    expect(one({ componentType: 'DDMultiSelectField', id: 'S', name: 's', value: '["a","b"]' }).fields.S.value).toEqual([{ text: 'a' }, { text: 'b' }]);
  });
  it('reads a select without ext as its text', () => {
    expect(one({ componentType: 'DDSelectField', id: 'S', name: 's', value: '选项2', extValue: null }).fields.S.value).toEqual({ text: '选项2' });
  });
  it('splits a date range into .start and .end dates', () => {
    const r = one({ componentType: 'DDDateRangeField', id: 'R', name: '["开始时间","结束时间"]', value: '["2019-02-19","2019-02-25"]' });
    expect(r.fields['R.start']).toEqual({ label: { zh: '开始时间' }, type: 'date', value: '2019-02-19' });
    expect(r.fields['R.end']).toEqual({ label: { zh: '结束时间' }, type: 'date', value: '2019-02-25' });
  });
  it('reads a date with a time as a Beijing datetime', () => {
    expect(one({ componentType: 'DDDateField', id: 'D', name: 'd', value: '2025-03-10 09:30' }).fields.D).toMatchObject({ type: 'datetime', value: '2025-03-10T01:30:00Z' });
  });
  it('reads photos as URLs and a contact without ext ids as unknown with a warning', () => {
    expect(one({ componentType: 'DDPhotoField', id: 'P', name: 'p', value: '["https://x/1.jpg"]' }).fields.P.value).toEqual([{ url: 'https://x/1.jpg' }]);
    const r = one({ componentType: 'InnerContactField', id: 'C', name: '报销人', value: '张伟', extValue: null });
    expect(r.fields.C).toMatchObject({ type: 'unknown', value: '张伟' });
    expect(r.warnings.join()).toMatch(/报销人/);
  });
  it('keeps an unknown component type as text with a warning naming it', () => {
    const r = one({ componentType: 'FancyField', id: 'X', name: '奇怪字段', value: 'abc' });
    expect(r.fields.X).toEqual({ label: { zh: '奇怪字段' }, type: 'unknown', value: 'abc' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/"奇怪字段" \(X\).*FancyField/);
  });
  it('reads an empty table given as its column schema (props) as zero rows, keeping the columns', () => {
    const value = JSON.stringify([
      { componentName: 'TextField', componentType: 'TextField', props: { id: 'TextField_A', label: '故障类型', required: true } },
      { componentName: 'MoneyField', componentType: 'MoneyField', props: { id: 'MoneyField_B', label: '金额', required: false } },
    ]);
    const c = { componentType: 'TableField', id: 'T', name: '故障统计', value };
    expect(one(c).fields.T).toEqual({ label: { zh: '故障统计' }, type: 'table', value: [] });
    expect(one(c).warnings).toEqual([]);
    const t = dt.inferTemplate(withComponents([c], true));
    if (isShapeError(t)) throw new Error(t.message);
    expect(t.fields[0].columns).toEqual([
      { id: 'TextField_A', label: { zh: '故障类型' }, type: 'text', required: true },
      { id: 'MoneyField_B', label: { zh: '金额' }, type: 'money', required: false },
    ]);
    expect(one({ ...c, value: '[]' }).fields.T.value).toEqual([]);
  });
  it('keeps rows of tables with number cells, and flags nested tables', () => {
    const value = JSON.stringify([{ rowValue: [{ componentType: 'NumberField', label: '小时', value: '10', key: 'N1' }, { componentType: 'TableField', label: 'inner', value: '[]', key: 'T2' }], rowNumber: 'r1' }]);
    const r = one({ componentType: 'TableField', id: 'T', name: 't', value });
    const rows = r.fields.T.value as TableRow[];
    expect(rows[0].N1).toEqual({ label: { zh: '小时' }, type: 'number', value: '10' });
    expect(rows[0].T2.type).toBe('unknown');
    expect(r.warnings.join()).toMatch(/row 1.*table inside a table/);
  });
  it('keeps a table whose value is not JSON as unknown text', () => {
    const r = one({ componentType: 'TableField', id: 'T', name: 't', value: '[{' });
    expect(r.fields.T).toMatchObject({ type: 'unknown', value: '[{' });
  });
  it('stores hostile ids as plain keys and disambiguates duplicates', () => {
    const payload = JSON.parse(JSON.stringify(withComponents([], true)));
    payload.result.formComponentValues = JSON.parse('[{"componentType":"TextField","id":"__proto__","name":"a","value":"x"},{"componentType":"TextField","id":"constructor","name":"b","value":"y"},{"componentType":"TextField","id":"constructor","name":"c","value":"z"}]');
    const r = ok(payload);
    expect(Object.keys(r.fields)).toEqual(['__proto__', 'constructor', 'constructor~2']);
    expect(r.fields['__proto__'].value).toBe('x');
    expect(r.warnings.join()).toMatch(/duplicate id "constructor"/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('DingTalk large form and templates', () => {
  it('normalises the 500-field large form without warnings', () => {
    const r = ok(load('e2e/fixtures/dingtalk-large-instance.json'));
    expect(Object.keys(r.fields)).toHaveLength(320);
    expect(r.warnings).toEqual([]);
    const tables = Object.values(r.fields).filter((c) => c.type === 'table');
    expect(tables).toHaveLength(20);
  });
  it('infers the travel form template with nested columns, even from a running sample', () => {
    const p = v1();
    delete p.result.status;
    const t = dt.inferTemplate(p, { templateCode: 'PROC-TRAVEL-EXPENSE' });
    if (isShapeError(t)) throw new Error(t.message);
    expect(t).toMatchObject({ oaSystem: 'dingtalk', templateCode: 'PROC-TRAVEL-EXPENSE', name: '差旅费报销' });
    expect(t.fields.map((f) => `${f.id}:${f.type}`)).toEqual([
      'TextareaField_1WDA2S9K0F1C0:text', 'DepartmentField_1J3K5L7M9N1P0:department', 'InnerContactField_1R9B45BYVYE80:person',
      'DDSelectField_21QCA2NPLJKW0:option', 'DDDateField_ITHUFEYY8BK0:date', 'DDDateField_1A2B3C4D5E6F0:date',
      `${TABLE}:table`, 'MoneyField_18PDM5K773FK0:money', 'DDAttachment_D37VXHQUCG00:attachment', 'TextareaField_PL63NZ0E3740:text',
    ]);
    expect(t.fields[6].columns!.map((c) => [c.id, c.label.zh, c.type])).toEqual([
      ['DDSelectField_1QZ7N3K8VEO00', '费用类型', 'option'], ['DDDateField_1MX4C9TQ2H5S0', '发生日期', 'date'],
      ['TextField_2B6R8YJ1L0WG0', '费用说明', 'text'], [AMOUNT, '金额（元）', 'money'], [TAX, '税额（元）', 'money'],
    ]);
    expect(isShapeError(dt.inferTemplate(null))).toBe(true);
  });
});

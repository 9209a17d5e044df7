import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormRecord, TableRow } from '../engine/form-record';
import { isShapeError } from './types';
import { wecomConnector as wc } from './wecom';

const root = path.resolve(__dirname, '../..');
const sample = () => JSON.parse(readFileSync(path.join(root, 'db/seed/payloads/wecom-approval-detail.json'), 'utf8'));

function ok(payload: unknown): FormRecord {
  const r = wc.normalize(payload);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.record;
}
function err(payload: unknown) {
  const r = wc.normalize(payload);
  if (r.ok) throw new Error('expected a shape error');
  return r.error;
}
const title = (zh: string, en?: string) => [{ text: zh, lang: 'zh_CN' }, ...(en ? [{ text: en, lang: 'en' }] : [])];
/** The sample with only these controls. */
function withControls(...contents: object[]) {
  const p = sample();
  p.info.apply_data.contents = contents;
  return p;
}
const one = (control: string, value: unknown, extra: object = {}) => ok(withControls({ control, id: 'X', title: title('字段', 'Field'), value, ...extra }));

describe('WeCom demo instance', () => {
  const r = ok(sample());
  it('reads the instance-level values the demo README names', () => {
    expect(r).toMatchObject({
      oaSystem: 'wecom',
      status: 'approved',
      rawStatus: '2',
      finishedAt: '2025-03-15T08:40:05Z', // largest approver sptime 1742028005 = 16:40:05 Beijing
      submittedAt: '2025-03-14T01:12:33Z',
      oaReference: '202503140012',
      instanceId: '202503140012',
      templateCode: '3WLJF6naF5jhnXvwisuPmE85wVMYcy1S1ZvYibkw',
      title: '差旅费报销',
      applicant: { id: 'ZhangWei' },
      department: { id: '3' },
      warnings: [],
    });
  });
  it('reads department party id, claimant userid, cost centre, total, attachments and the hidden remark', () => {
    expect(r.fields['Contact-1741000100002']).toEqual({ label: { zh: '费用承担部门', en: 'Department' }, type: 'department', value: [{ id: '3', name: '市场部' }] });
    expect(r.fields['Contact-1741000100003'].value).toEqual([{ id: 'ZhangWei', name: '张伟' }]);
    expect(r.fields['Selector-1741000100004'].value).toEqual({ key: 'option-1741000400002', text: 'CC-MKT-01 市场推广' });
    expect(r.fields['Money-1741000100008']).toEqual({ label: { zh: '报销总额（元）', en: 'Total' }, type: 'money', value: '2496.00', currency: 'CNY' });
    expect(r.fields['File-1741000100009'].value).toHaveLength(3);
    expect(r.fields['Textarea-1741000100010']).toEqual({ label: { zh: '备注', en: 'Remarks' }, type: 'text', value: null });
    expect(r.fields['Date-1741000100005']).toMatchObject({ type: 'date', value: '2025-03-10' });
  });
  it('reads the three detail rows exactly', () => {
    const rows = r.fields['Table-1741000100007'].value as TableRow[];
    expect(rows.map((row) => [row['Selector-1741000200001'].value, row['Date-1741000200002'].value, row['Money-1741000200004'].value, row['Money-1741000200005'].value])).toEqual([
      [{ key: 'option-1741000300001', text: '机票' }, '2025-03-10', '1280.00', '105.69'],
      [{ key: 'option-1741000300002', text: '住宿费' }, '2025-03-12', '1060.00', '60.00'],
      [{ key: 'option-1741000300003', text: '市内交通' }, '2025-03-11', '156.00', '4.54'],
    ]);
  });
  it('infers the template with zh and en labels and nested columns', () => {
    const t = wc.inferTemplate(sample());
    if (isShapeError(t)) throw new Error(t.message);
    expect(t).toMatchObject({ oaSystem: 'wecom', templateCode: '3WLJF6naF5jhnXvwisuPmE85wVMYcy1S1ZvYibkw', name: '差旅费报销' });
    const table = t.fields.find((f) => f.type === 'table')!;
    expect(table.columns!.map((c) => `${c.label.zh}/${c.label.en}:${c.type}`)).toEqual(['费用类型/Expense type:option', '发生日期/Date:date', '费用说明/Description:text', '金额（元）/Amount:money', '税额（元）/Tax:money']);
  });
});

describe('WeCom multilingual titles and options', () => {
  it('reads titles and option texts in either order', () => {
    const r = ok(withControls({
      control: 'Selector', id: 'S', title: [{ text: 'Type', lang: 'en' }, { text: '类型', lang: 'zh_CN' }],
      value: { selector: { type: 'single', options: [{ key: 'k', value: [{ text: 'Hotel', lang: 'en' }, { text: '住宿费', lang: 'zh_CN' }] }] } },
    }));
    expect(r.fields.S).toEqual({ label: { zh: '类型', en: 'Type' }, type: 'option', value: { key: 'k', text: '住宿费' } });
  });
  it('uses the en text when there is no zh, and reads multi selectors as options', () => {
    const r = one('Selector', { selector: { type: 'multi', options: [{ key: 'a', value: [{ text: 'A', lang: 'en' }] }, { key: 'b', value: title('乙') }] } });
    expect(r.fields.X).toMatchObject({ type: 'options', value: [{ key: 'a', text: 'A' }, { key: 'b', text: '乙' }] });
  });
});

describe('WeCom status and finish time', () => {
  it.each([[1, 'running'], [2, 'approved'], [3, 'rejected'], [4, 'withdrawn'], [6, 'withdrawn'], [7, 'deleted'], [10, 'approved'], ['2', 'approved']])('sp_status %s → %s', (code, expected) => {
    const p = sample();
    p.info.sp_status = code;
    const r = ok(p);
    expect([r.status, r.rawStatus]).toEqual([expected, String(code)]);
    if (expected === 'running') expect(r.finishedAt).toBeNull();
  });
  it('ignores CC nodes (node_type 2) when looking for the latest sptime', () => {
    const p = sample();
    p.info.process_list.node_list[2].sub_node_list[0].sptime = 1742100000;
    p.info.process_list.node_list[0].sub_node_list.push({ userid: 'X', sptime: 0 });
    expect(ok(p).finishedAt).toBe('2025-03-15T08:40:05Z');
  });
  it('falls back to sp_record when there is no process_list', () => {
    const p = sample();
    delete p.info.process_list;
    p.info.sp_record[0].details[0].sptime = 1742030000;
    expect(ok(p).finishedAt).toBe('2025-03-15T09:13:20Z');
  });
  it('lets a withdrawn instance have no approver time', () => {
    const p = sample();
    p.info.sp_status = 4;
    for (const n of p.info.process_list.node_list) for (const s of n.sub_node_list) s.sptime = 0;
    expect(ok(p)).toMatchObject({ status: 'withdrawn', finishedAt: null });
  });
  it('names the path of status, time and form problems', () => {
    const cases: [(i: ReturnType<typeof sample>['info']) => void, string][] = [
      [(i) => delete i.sp_status, '$.info.sp_status'],
      [(i) => (i.sp_status = 5), '$.info.sp_status'],
      [(i) => (i.sp_status = 'approved'), '$.info.sp_status'],
      [(i) => (i.process_list.node_list[1].sub_node_list[0].sptime = 'yesterday'), '$.info.process_list.node_list[1].sub_node_list[0].sptime'],
      [(i) => (i.process_list.node_list = {}), '$.info.process_list.node_list'],
      [(i) => { for (const n of i.process_list.node_list) n.sub_node_list = []; }, '$.info.process_list.node_list'],
      [(i) => delete i.apply_data, '$.info.apply_data'],
      [(i) => (i.apply_data.contents = {}), '$.info.apply_data.contents'],
      [(i) => (i.apply_data.contents[3] = null), '$.info.apply_data.contents[3]'],
    ];
    for (const [mutate, where] of cases) {
      const p = sample();
      mutate(p.info);
      expect(err(p).path).toBe(where);
    }
    expect(err({ errcode: 301025, errmsg: 'no permission' }).path).toBe('$.errcode');
    expect(err({ errcode: 0 }).path).toBe('$.info');
  });
});

describe('WeCom controls', () => {
  it('reads numbers, money and bad money', () => {
    expect(one('Number', { new_number: '3.5' }).fields.X).toMatchObject({ type: 'number', value: '3.5' });
    const r = one('Money', { new_money: 'twelve' });
    expect(r.fields.X).toMatchObject({ type: 'money', value: 'twelve' });
    expect(r.warnings[0]).toMatch(/"字段" \(X\).*not a number/);
  });
  it('reads hour dates as datetimes and day dates in the user zone', () => {
    expect(one('Date', { date: { type: 'hour', s_timestamp: '1741570200' } }).fields.X).toMatchObject({ type: 'datetime', value: '2025-03-10T01:30:00Z' });
    // 2025-03-10T02:00Z is still 9 March in UTC-5.
    expect(one('Date', { date: { type: 'day', s_timestamp: '1741572000', timezone_info: { zone_offset: '-5' } } }).fields.X.value).toBe('2025-03-09');
    const bad = one('Date', { date: { type: 'day', s_timestamp: 'soon' } });
    expect(bad.fields.X.value).toBe('soon');
    expect(bad.warnings).toHaveLength(1);
  });
  it('splits a date range into start, end and duration', () => {
    const r = one('DateRange', { date_range: { type: 'halfday', new_begin: 1741536000, new_end: 1741708800, new_duration: 259200 } });
    expect([r.fields['X.start'].value, r.fields['X.end'].value, r.fields['X.duration'].value]).toEqual(['2025-03-10', '2025-03-12', '259200']);
    expect(r.fields['X.start'].label).toEqual({ zh: '字段·开始', en: 'Field (start)' });
  });
  it('reads empty contacts, files and tables', () => {
    expect(one('Contact', { members: [] }).fields.X).toMatchObject({ type: 'person', value: null });
    expect(one('Contact', { departments: [] }).fields.X).toMatchObject({ type: 'department', value: null });
    expect(one('File', { files: [] }).fields.X).toMatchObject({ type: 'attachment', value: null });
    expect(one('Table', { children: [] }).fields.X).toMatchObject({ type: 'table', value: [] });
  });
  it('reads formula, location and related approvals', () => {
    expect(one('Formula', { formula: { value: '12.30' } }).fields.X).toMatchObject({ type: 'number', value: '12.30' });
    expect(one('Location', { location: { title: '国贸', address: '北京市朝阳区' } }).fields.X.value).toBe('北京市朝阳区');
    expect(one('RelatedApproval', { related_approval: [{ sp_no: '1' }, { sp_no: '2' }] }).fields.X.value).toBe('1,2');
  });
  it('keeps unknown controls as JSON text with a warning', () => {
    const r = one('BankAccount', { bank_account: { account_number: '6222' } });
    expect(r.fields.X).toMatchObject({ type: 'unknown', value: '{"bank_account":{"account_number":"6222"}}' });
    expect(r.warnings[0]).toMatch(/BankAccount/);
  });
});

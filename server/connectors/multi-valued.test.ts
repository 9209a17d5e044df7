/** A field holding several values keeps them all: no connector cuts a list to its first entry. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormRecord } from '../engine/form-record';
import { CONNECTORS, type ConnectorOptions } from './index';

const root = path.resolve(__dirname, '../..');
const load = (p: string) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));

function ok(connector: keyof typeof CONNECTORS, payload: unknown, options?: ConnectorOptions): FormRecord {
  const r = CONNECTORS[connector].normalize(payload, options);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.message}`);
  return r.record;
}
const DEPT = 'DepartmentField_1J3K5L7M9N1P0';
const CONTACT = 'InnerContactField_1R9B45BYVYE80';

/** The DingTalk demo claim with one component changed. */
function dingtalk(id: string, change: Record<string, unknown>) {
  const p = load('db/seed/payloads/dingtalk-instance.json');
  const c = p.result.formComponentValues.find((x: { id: string }) => x.id === id);
  Object.assign(c, change);
  return ok('dingtalk', p);
}

describe('DingTalk', () => {
  it('a department value "市场部,销售部" is two departments', () => {
    expect(dingtalk(DEPT, { value: '市场部,销售部' }).fields[DEPT].value).toEqual([{ name: '市场部' }, { name: '销售部' }]);
    expect(dingtalk(DEPT, { value: '市场部，销售部' }).fields[DEPT].value).toEqual([{ name: '市场部' }, { name: '销售部' }]);
    expect(dingtalk(DEPT, { value: '市场部' }).fields[DEPT].value).toEqual([{ name: '市场部' }]);
  });
  it('departments from extValue are not split again: a name with a comma stays one department', () => {
    const ext = JSON.stringify([{ id: '3', name: '研发部,北京' }, { id: '4', name: '销售部' }]);
    expect(dingtalk(DEPT, { value: '研发部,北京,销售部', extValue: ext }).fields[DEPT].value).toEqual([
      { id: '3', name: '研发部,北京' },
      { id: '4', name: '销售部' },
    ]);
  });
  it('several people in a contact keep their ids, named from the value when extValue has no names', () => {
    const ext = JSON.stringify([{ emplId: '0245' }, { emplId: '0311' }]);
    expect(dingtalk(CONTACT, { value: '张伟,李娜', extValue: ext }).fields[CONTACT].value).toEqual([
      { id: '0245', name: '张伟' },
      { id: '0311', name: '李娜' },
    ]);
  });
  it('a multi-select written as a JSON array or as comma-separated text keeps every option', () => {
    const p = load('db/seed/payloads/dingtalk-instance.json');
    p.result.formComponentValues.push(
      { componentType: 'DDMultiSelectField', id: 'M1', name: '用途', value: '["差旅","展会"]', extValue: null },
      { componentType: 'DDMultiSelectField', id: 'M2', name: '用途', value: '差旅,展会', extValue: null },
    );
    const f = ok('dingtalk', p).fields;
    expect(f.M1.value).toEqual([{ text: '差旅' }, { text: '展会' }]);
    expect(f.M2.value).toEqual([{ text: '差旅' }, { text: '展会' }]);
  });
});

describe('Feishu', () => {
  it('department and contact widgets with two entries keep both', () => {
    const p = load('db/seed/payloads/feishu-instance.json');
    p.data.form = JSON.stringify([
      { id: 'd', name: '部门', type: 'department', value: [{ open_id: 'od-1' }, { open_id: 'od-2' }] },
      { id: 'c', name: '人员', type: 'contact', value: ['u1', 'u2'], open_ids: ['ou_1', 'ou_2'] },
      { id: 'k', name: '选项', type: 'checkboxV2', value: ['a', 'b'] },
    ]);
    const f = ok('feishu', p).fields;
    expect(f.d.value).toEqual([{ id: 'od-1' }, { id: 'od-2' }]);
    expect(f.c.value).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    expect(f.k.value).toEqual([{ text: 'a' }, { text: 'b' }]);
  });
});

describe('WeCom', () => {
  const withControls = (...contents: object[]) => {
    const p = load('db/seed/payloads/wecom-approval-detail.json');
    p.info.apply_data.contents = contents;
    return ok('wecom', p);
  };
  it('a Contact with two departments or two members keeps both', () => {
    const r = withControls(
      { control: 'Contact', id: 'D', title: '部门', value: { departments: [{ openapi_id: '3', name: '市场部' }, { openapi_id: '5', name: '销售部' }] } },
      { control: 'Contact', id: 'P', title: '人员', value: { members: [{ userid: 'ZhangWei', name: '张伟' }, { userid: 'LiNa', name: '李娜' }] } },
    );
    expect(r.fields.D.value).toEqual([{ id: '3', name: '市场部' }, { id: '5', name: '销售部' }]);
    expect(r.fields.P.value).toEqual([{ id: 'ZhangWei', name: '张伟' }, { id: 'LiNa', name: '李娜' }]);
  });
  it('a selector marked single that carries two options keeps both and says so', () => {
    const opt = (key: string, text: string) => ({ key, value: [{ text, lang: 'zh_CN' }] });
    const r = withControls({ control: 'Selector', id: 'S', title: '成本中心', value: { selector: { type: 'single', options: [opt('a', '甲'), opt('b', '乙')] } } });
    expect(r.fields.S).toMatchObject({ type: 'options', value: [{ key: 'a', text: '甲' }, { key: 'b', text: '乙' }] });
    expect(r.warnings[0]).toMatch(/成本中心.*2 options/);
  });
});

describe('generic', () => {
  it('an option field given several values keeps them all, as options', () => {
    const config = { status: '$.status', finishedAt: '$.t', fields: [{ id: 'o', path: '$.o', type: 'option' }] };
    const r = ok('generic', { status: 'approved', t: '2025-03-15', o: ['差旅', '展会'] }, { config });
    expect(r.fields.o).toMatchObject({ type: 'options', value: [{ text: '差旅' }, { text: '展会' }] });
    expect(r.warnings[0]).toMatch(/2 values for a single option/);
  });
});

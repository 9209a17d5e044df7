import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { MappingSpecInput } from './spec';
import { TABLES, TEST_CATALOGUE, cell, claimRecord, claimSpec, rewire, row, withNodes } from './test-support';
import type { Executor } from './types';
import type { Voucher } from './voucher';
import type { FormRecord } from './form-record';

function executor(spec: MappingSpecInput): Executor {
  const r = compile(spec, { catalogue: TEST_CATALOGUE, tables: TABLES });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.executor;
}

/** claimSpec reading the bearing department from a department field, its id looked up in the departments table. */
function departmentSpec(between?: { fn: string; params?: Record<string, unknown> }): MappingSpecInput {
  const spec = claimSpec();
  const dept = spec.nodes.find((n) => n.id === 'dept')!;
  Object.assign(dept, { fieldType: 'department', label: '费用承担部门' });
  Object.assign(spec.nodes.find((n) => n.id === 'lkDept')!, { keyColumn: 'code' });
  if (!between) return rewire(spec, 'e2', { node: 'dept', port: 'id' });
  withNodes(spec, [{ id: 'pick', kind: 'function', fn: between.fn, params: between.params ?? {} }], [
    { id: 'p1', from: { node: 'dept', port: 'id' }, to: { node: 'pick', port: 'values' } },
  ]);
  return rewire(spec, 'e2', { node: 'pick' });
}

function withDepartments(ids: string[]): FormRecord {
  const rec = claimRecord(['10'], '10');
  rec.fields.dept = cell('department', ids.map((id, i) => ({ id, name: `dept ${i + 1}` })));
  return rec;
}

describe('multi-valued fields are never cut silently', () => {
  it('refuses two departments read into the department-id port, naming the field, the row and both values', async () => {
    const res = await executor(departmentSpec()).execute(withDepartments(['D1', 'D2']));
    expect(res.status).toBe('error');
    expect(res.errors).toEqual([
      expect.objectContaining({
        code: 'multi_valued',
        field: 'dept',
        row: null,
        node: 'dept',
        value: ['D1', 'D2'],
        message: expect.stringMatching(/^费用承担部门 holds 2 values \(D1, D2\) where one is expected/),
      }),
    ]);
  });

  it('one department passes as itself', async () => {
    const res = await executor(departmentSpec()).execute(withDepartments(['D2']));
    expect(res.errors).toEqual([]);
    expect((res.output as Voucher).lines[0].dimensions.department).toBe('D2');
  });

  it('names the detail row of a row with two people', async () => {
    const spec = withNodes(claimSpec(), [{ id: 'payee', kind: 'source', table: 'rows', column: 'payee', fieldType: 'person', label: '收款人' }]);
    rewire(spec, 'e7', { node: 'payee', port: 'name' });
    const rec = claimRecord(['1', '2'], '3');
    const rows = rec.fields.rows.value as ReturnType<typeof row>[];
    rows[0].payee = cell('person', [{ id: 'u1', name: '张伟' }]);
    rows[1].payee = cell('person', [{ id: 'u1', name: '张伟' }, { id: 'u2', name: '李娜' }]);
    const res = await executor(spec).execute(rec);
    expect(res.errors).toEqual([
      expect.objectContaining({ code: 'multi_valued', field: 'payee', row: 2, value: ['张伟', '李娜'], target: 'lines[1].summary', message: expect.stringMatching(/收款人 \(row 2\) holds 2 values \(张伟, 李娜\)/) }),
    ]);
  });

  it('refuses several chosen options in a text field of the voucher', async () => {
    const spec = withNodes(claimSpec(), [{ id: 'tags', kind: 'source', field: 'tags', fieldType: 'options' }]);
    rewire(spec, 'e12', { node: 'tags', port: 'text' });
    const rec = claimRecord(['1'], '1');
    rec.fields.tags = cell('options', [{ text: '差旅' }, { text: '会议' }]);
    const res = await executor(spec).execute(rec);
    expect(res.errors).toEqual([expect.objectContaining({ code: 'multi_valued', field: 'tags', value: ['差旅', '会议'] })]);
  });

  it('"first" takes the first department', async () => {
    const res = await executor(departmentSpec({ fn: 'list.first' })).execute(withDepartments(['D2', 'D1']));
    expect(res.errors).toEqual([]);
    expect((res.output as Voucher).lines[0].dimensions.department).toBe('D2');
  });

  it('"join" with "/" combines every value', async () => {
    const spec = withNodes(claimSpec(), [
      { id: 'depts', kind: 'source', field: 'depts', fieldType: 'department' },
      { id: 'joined', kind: 'function', fn: 'list.join', params: { separator: '/' } },
    ], [{ id: 'j1', from: { node: 'depts', port: 'name' }, to: { node: 'joined', port: 'values' } }]);
    rewire(spec, 'e12', { node: 'joined' });
    const rec = claimRecord(['1'], '1');
    rec.fields.depts = cell('department', [{ name: '市场部' }, { name: '销售部' }]);
    const res = await executor(spec).execute(rec);
    expect(res.errors).toEqual([]);
    expect((res.output as Voucher).lines[1].summary).toBe('市场部/销售部');
  });

  it('"only one" passes one value and refuses two', async () => {
    const one = await executor(departmentSpec({ fn: 'list.only' })).execute(withDepartments(['D1']));
    expect(one.errors).toEqual([]);
    expect((one.output as Voucher).lines[0].dimensions.department).toBe('D1');
    const two = await executor(departmentSpec({ fn: 'list.only' })).execute(withDepartments(['D1', 'D2']));
    expect(two.errors).toEqual([expect.objectContaining({ code: 'multi_valued', field: 'dept', node: 'pick', value: ['D1', 'D2'] })]);
  });

  it('two departments without ids are still two, not none', async () => {
    const rec = claimRecord(['10'], '10');
    rec.fields.dept = cell('department', [{ name: '市场部' }, { name: '销售部' }]);
    const res = await executor(departmentSpec()).execute(rec);
    expect(res.errors).toEqual([expect.objectContaining({ code: 'multi_valued', field: 'dept', value: [null, null] })]);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 8's acceptance, from outside: the real `ledgerlink` launcher in its own process, on its own database, with
 * the demo mappings and real-shaped payload variants (a Feishu claim in USD, two departments in Feishu, WeCom and
 * DingTalk). Each must be refused naming the field — or, where the mapping says how, give a correct voucher.
 */
const ROOT = path.resolve(__dirname, '../..');
const PAYLOADS = path.join(ROOT, 'db/seed/payloads');
const MAPPINGS = path.join(ROOT, 'db/seed/mappings');
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-acceptance-'));
  env = { ...process.env, LEDGERLINK_DB: path.join(dir, 'cli.db') };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface ErrorEntry {
  field: string | null;
  row: number | null;
  value: unknown;
  message: string;
}

function ledgerlink(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const errorsOf = (stderr: string): ErrorEntry[] => JSON.parse(stderr.trim().split('\n').pop()!);

function write(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}
const payload = (f: string) => JSON.parse(fs.readFileSync(path.join(PAYLOADS, f), 'utf8'));
const mapping = (f: string) => JSON.parse(fs.readFileSync(path.join(MAPPINGS, `${f}.json`), 'utf8'));

type FeishuWidget = { id: string; type: string; name: string; value: unknown; ext?: Record<string, unknown> | null };
function feishuWith(change: (form: FeishuWidget[]) => void) {
  const p = payload('feishu-instance.json');
  const form = JSON.parse(p.data.form) as FeishuWidget[];
  change(form);
  p.data.form = JSON.stringify(form);
  return p;
}

describe('ledgerlink map refuses what it must not book', () => {
  it('a Feishu claim in USD is never booked as RMB: exit 1 naming the amount field and both currencies', () => {
    let amountId = '';
    const usd = feishuWith((form) => {
      const table = form.find((w) => w.type === 'fieldList')!;
      for (const row of table.value as FeishuWidget[][])
        for (const cell of row)
          if (cell.type === 'amount') {
            cell.ext = { ...cell.ext, currency: 'USD', currencyRange: ['USD'] };
            if (cell.name === '金额') amountId = cell.id;
          }
    });
    const r = ledgerlink('map', '--mapping', 'travel-reimbursement.feishu-kingdee', write('feishu-usd.json', usd));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const errors = errorsOf(r.err);
    const currency = errors.find((e) => /USD/.test(e.message) && /CNY/.test(e.message));
    expect(currency, r.err).toBeDefined();
    expect(currency!.field).toBe(amountId);
    expect(currency!.row).toBe(1);
  });

  it('two departments in Feishu: exit 1 naming the department field and both values', () => {
    let deptId = '';
    const two = feishuWith((form) => {
      const dept = form.find((w) => w.type === 'department')!;
      deptId = dept.id;
      dept.value = [{ open_id: 'od-4e6ac4d14bcd5071a37a39de902c7141' }, { open_id: 'od-second-department' }];
    });
    const r = ledgerlink('map', '--mapping', 'travel-reimbursement.feishu-kingdee', write('feishu-two-depts.json', two));
    expect(r.code).toBe(1);
    const e = errorsOf(r.err).find((x) => x.field === deptId);
    expect(e, r.err).toBeDefined();
    expect(e!.message).toContain('od-4e6ac4d14bcd5071a37a39de902c7141');
    expect(e!.message).toContain('od-second-department');
  });

  it('two departments in WeCom: exit 1 naming the department control and both values', () => {
    const p = payload('wecom-approval-detail.json');
    const control = p.info.apply_data.contents.find((c: { id: string }) => c.id === 'Contact-1741000100002');
    control.value.departments = [{ openapi_id: '3', name: '市场部' }, { openapi_id: '4', name: '销售部' }];
    const r = ledgerlink('map', '--mapping', 'travel-reimbursement.wecom-u8', write('wecom-two-depts.json', p));
    expect(r.code).toBe(1);
    const e = errorsOf(r.err).find((x) => x.field === 'Contact-1741000100002');
    expect(e, r.err).toBeDefined();
    expect(JSON.stringify(e!.value) + e!.message).toMatch(/3[\s\S]*4/);
  });

  it('DingTalk "市场部,销售部" is two departments, not one name: exit 1 naming the field and both', () => {
    const p = payload('dingtalk-instance.json');
    const field = p.result.formComponentValues.find((f: { id: string }) => f.id === 'DepartmentField_1J3K5L7M9N1P0');
    field.value = '市场部,销售部';
    const r = ledgerlink('map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', write('dingtalk-two-depts.json', p));
    expect(r.code).toBe(1);
    const e = errorsOf(r.err).find((x) => x.field === 'DepartmentField_1J3K5L7M9N1P0');
    expect(e, r.err).toBeDefined();
    expect(e!.message).toContain('市场部');
    expect(e!.message).toContain('销售部');
  });

  it('where the mapping says how (list.first), the same DingTalk claim gives the voucher of its first department', () => {
    const spec = mapping('travel-reimbursement.dingtalk-kingdee');
    spec.name = 'first-department.dingtalk-kingdee';
    spec.nodes.push({ id: 'fn.firstDepartment', kind: 'function', fn: 'list.first', params: {} });
    const e1 = spec.edges.find((e: { id: string }) => e.id === 'e1');
    e1.to = { node: 'fn.firstDepartment', port: 'values' };
    spec.edges.push({ id: 'e1b', from: { node: 'fn.firstDepartment' }, to: { node: 'lk.department', port: 'key' } });
    const specFile = write('first-department.json', spec);
    const p = payload('dingtalk-instance.json');
    p.result.formComponentValues.find((f: { id: string }) => f.id === 'DepartmentField_1J3K5L7M9N1P0').value = '市场部,销售部';
    const two = ledgerlink('map', '--mapping', specFile, write('dingtalk-two-depts-first.json', p));
    const one = ledgerlink('map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', path.join(PAYLOADS, 'dingtalk-instance.json'));
    expect(two.code, two.err).toBe(0);
    expect(one.code, one.err).toBe(0);
    // The sample's department is 市场部: taking the first of "市场部,销售部" books exactly the sample's voucher.
    expect(two.out).toBe(one.out);
  });
});

describe('ledgerlink normalize keeps every digit', () => {
  it('a money value sent as a JSON number of 19 digits reaches the record exactly', () => {
    const text = fs
      .readFileSync(path.join(PAYLOADS, 'feishu-instance.json'), 'utf8');
    const p = JSON.parse(text);
    const form = JSON.parse(p.data.form) as FeishuWidget[];
    const table = form.find((w) => w.type === 'fieldList')!;
    const cell = (table.value as FeishuWidget[][])[0].find((c) => c.name === '金额')!;
    cell.value = '__BIG__';
    p.data.form = JSON.stringify(form).replace('"__BIG__"', '12345678901234567.89');
    const r = ledgerlink('normalize', '--connector', 'feishu', write('feishu-big.json', p));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('"12345678901234567.89"');
  });
});

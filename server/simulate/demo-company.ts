/**
 * The demo company (星河科技) as the simulator needs it: its master data from the shipped lookup tables and the
 * three OA systems' sample instances of its travel-expense form, read from db/seed, so simulated claims always
 * speak of departments, people and expense types the demo's mappings know.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

export type ClaimFormat = 'dingtalk' | 'feishu' | 'wecom';
export const CLAIM_FORMATS: readonly ClaimFormat[] = ['dingtalk', 'feishu', 'wecom'];

export interface Department {
  code: string;
  name: string;
  costCentre: string;
  dingtalkId: string;
  feishuOpenId: string;
  wecomPartyId: string;
}

export interface Employee {
  code: string;
  name: string;
  deptCode: string;
  dingtalkUserId: string;
  feishuUserId: string;
  wecomUserId: string;
}

export interface DemoCompany {
  departments: Department[];
  employees: Employee[];
  expenseTypes: string[];
  /** The sample instance of each OA system, as its API returns it (parsed JSON). */
  samples: Record<ClaimFormat, unknown>;
}

const SAMPLE_FILES: Record<ClaimFormat, string> = {
  dingtalk: 'dingtalk-instance.json',
  feishu: 'feishu-instance.json',
  wecom: 'wecom-approval-detail.json',
};

/** The shipped seed folder: LEDGERLINK_ROOT's when the launcher set it, else the one beside this source. */
export function seedFolder(): string {
  const root = process.env.LEDGERLINK_ROOT;
  if (root && fs.existsSync(path.join(root, 'db', 'seed', 'demo.json'))) return path.join(root, 'db', 'seed');
  return path.resolve(__dirname, '../../db/seed');
}

function readTable(dir: string, name: string): Record<string, string>[] {
  const file = path.join(dir, 'tables', `${name}.csv`);
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0].message} (line ${(parsed.errors[0].row ?? 0) + 2})`);
  return parsed.data;
}

function column(row: Record<string, string>, name: string, file: string): string {
  const v = row[name];
  if (v === undefined || v === '') throw new Error(`the demo table ${file} has a row without ${name}`);
  return v;
}

const cache = new Map<string, DemoCompany>();

/** Reads the demo company once per folder; the result is shared and must not be changed. */
export function demoCompany(dir: string = seedFolder()): DemoCompany {
  const cached = cache.get(dir);
  if (cached) return cached;
  const departments = readTable(dir, 'departments').map((r) => ({
    code: column(r, 'dept_code', 'departments'),
    name: column(r, 'dept_name', 'departments'),
    costCentre: column(r, 'cost_centre', 'departments'),
    dingtalkId: column(r, 'dingtalk_dept_id', 'departments'),
    feishuOpenId: column(r, 'feishu_open_department_id', 'departments'),
    wecomPartyId: column(r, 'wecom_partyid', 'departments'),
  }));
  const employees = readTable(dir, 'employees').map((r) => ({
    code: column(r, 'employee_code', 'employees'),
    name: column(r, 'name', 'employees'),
    deptCode: column(r, 'dept_code', 'employees'),
    dingtalkUserId: column(r, 'dingtalk_user_id', 'employees'),
    feishuUserId: column(r, 'feishu_user_id', 'employees'),
    wecomUserId: column(r, 'wecom_userid', 'employees'),
  }));
  const expenseTypes = readTable(dir, 'expense-types').map((r) => column(r, 'expense_type', 'expense-types'));
  if (departments.length === 0 || employees.length === 0 || expenseTypes.length === 0)
    throw new Error(`the demo tables in ${dir} are empty: the simulator needs departments, employees and expense types`);
  const samples = Object.fromEntries(
    CLAIM_FORMATS.map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, 'payloads', SAMPLE_FILES[f]), 'utf8')) as unknown]),
  ) as Record<ClaimFormat, unknown>;
  const company = { departments, employees, expenseTypes, samples };
  cache.set(dir, company);
  return company;
}

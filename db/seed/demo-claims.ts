/**
 * Test support for the demo properties: random travel claims of the demo company, written into each OA system's
 * own sample payload the way that system sends them, and faults a claimant can make, each with the field and the
 * value a refusal must name.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { LosslessNumber, stringify as stringifyLossless } from 'lossless-json';
import type { LookupTableData } from '../../server/engine';
import { demoPayload, type DemoSystem } from './demo-fixture';

export interface ClaimRow {
  type: string;
  desc: string;
  /** Money as the claimant typed it: a decimal string (or, for a faulty claim, whatever was typed). */
  amount: string;
  tax: string | null;
}

export interface Claim {
  rows: ClaimRow[];
  total: string;
  /** Row indexes into the demo's departments and employees tables. */
  dept: number;
  claimant: number;
  /** A department the form sends that the company does not have (a faulty claim only). */
  unknownDepartment?: string;
}

/** Cents as a money string with two decimals, exactly (bigint, so amounts beyond a float's 15 digits stay whole). */
export const money = (cents: bigint) => new Decimal(cents.toString()).div(100).toFixed(2);

export function claimArbitrary(tables: Record<string, LookupTableData>): fc.Arbitrary<Claim> {
  const types = tables['expense-types'].rows.map((r) => r[tables['expense-types'].columns.indexOf('expense_type')]);
  const row = fc
    .record({
      type: fc.constantFrom(...types),
      desc: fc.string({ maxLength: 120, unit: 'grapheme' }),
      // Mostly everyday amounts, sometimes ones with more digits than a JS number holds (up to 10^15 yuan).
      cents: fc.oneof(fc.bigInt({ min: 1n, max: 99_999_999n }), fc.bigInt({ min: 1n, max: 10n ** 17n })),
      taxShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    })
    .map(({ type, desc, cents, taxShare }) => ({
      type,
      desc,
      cents,
      taxCents: taxShare === null ? null : (cents * BigInt(taxShare)) / 100n,
    }));
  return fc
    .record({
      rows: fc.array(row, { minLength: 1, maxLength: 8 }),
      dept: fc.integer({ min: 0, max: tables.departments.rows.length - 1 }),
      claimant: fc.integer({ min: 0, max: tables.employees.rows.length - 1 }),
    })
    .map(({ rows, dept, claimant }) => ({
      rows: rows.map((r) => ({ type: r.type, desc: r.desc, amount: money(r.cents), tax: r.taxCents === null ? null : money(r.taxCents) })),
      total: money(rows.reduce((s, r) => s + r.cents, 0n)),
      dept,
      claimant,
    }));
}

// ---- faults a claimant can make, and where the refusal must point ----

export const FAULTS = ['amount-scale', 'negative-amount', 'not-a-number', 'unknown-type', 'tax-above-amount', 'total-mismatch', 'unknown-department'] as const;
export type FaultKind = (typeof FAULTS)[number];

/** Feishu amount widgets carry JSON numbers, so text in an amount is a shape error there, not a claim to refuse. */
export const faultsFor = (system: DemoSystem): FaultKind[] => FAULTS.filter((f) => !(system === 'feishu' && f === 'not-a-number'));

/** The demo forms' expense-table columns and form fields, by OA system (shared with demo-mappings.test.ts). */
export const COLUMNS: Record<DemoSystem, { type: string; desc: string; amount: string; tax: string }> = {
  dingtalk: { type: 'DDSelectField_1QZ7N3K8VEO00', desc: 'TextField_2B6R8YJ1L0WG0', amount: 'MoneyField_17K3F0ZP9QDC0', tax: 'MoneyField_1F8W2U6HJX4G0' },
  feishu: { type: 'widget17412238700010001', desc: 'widget17412238790020001', amount: 'widget17412238810450001', tax: 'widget17412238866210001' },
  wecom: { type: 'Selector-1741000200001', desc: 'Text-1741000200003', amount: 'Money-1741000200004', tax: 'Money-1741000200005' },
};
export const FIELDS: Record<DemoSystem, { table: string; total: string; department: string; claimant: string }> = {
  dingtalk: { table: 'TableField_1T9QY2M6XKJ40', total: 'MoneyField_18PDM5K773FK0', department: 'DepartmentField_1J3K5L7M9N1P0', claimant: 'InnerContactField_1R9B45BYVYE80' },
  feishu: { table: 'widget17412238654110001', total: 'widget17412238687320001', department: 'widget17412238533370001', claimant: 'widget17412238561480001' },
  wecom: { table: 'Table-1741000100007', total: 'Money-1741000100008', department: 'Contact-1741000100002', claimant: 'Contact-1741000100003' },
};
const UNKNOWN_DEPARTMENT: Record<DemoSystem, string> = { dingtalk: '火星部', feishu: 'od-00000000000000000000000000000000', wecom: '999' };

export interface Fault {
  kind: FaultKind;
  /** The OA field id the refusal must name, and the value it must show (as typed). */
  field: string;
  value: string;
  row: number | null;
}

/** The claim with one fault put in (at `pick` modulo the rows, where the fault is in a row). */
export function withFault(system: DemoSystem, claim: Claim, kind: FaultKind, pick: number): { claim: Claim; fault: Fault } {
  const i = pick % claim.rows.length;
  const rows = claim.rows.map((r) => ({ ...r }));
  const row = rows[i];
  const inRow = (column: keyof typeof COLUMNS.dingtalk, value: string): Fault => ({ kind, field: COLUMNS[system][column], value, row: i + 1 });
  let fault: Fault;
  let total = claim.total;
  switch (kind) {
    case 'amount-scale':
      row.amount = `${row.amount}5`;
      total = `${total}5`;
      fault = inRow('amount', row.amount);
      break;
    case 'negative-amount':
      row.amount = `-${row.amount}`;
      row.tax = null;
      fault = inRow('amount', row.amount);
      break;
    case 'not-a-number':
      row.amount = '一千二';
      fault = inRow('amount', row.amount);
      break;
    case 'unknown-type':
      row.type = '游艇租赁';
      fault = inRow('type', row.type);
      break;
    case 'tax-above-amount':
      row.tax = new Decimal(row.amount).plus('0.01').toFixed(2);
      fault = inRow('tax', row.tax);
      break;
    case 'total-mismatch':
      total = new Decimal(total).plus('0.01').toFixed(2);
      fault = { kind, field: FIELDS[system].total, value: total, row: null };
      break;
    case 'unknown-department':
      fault = { kind, field: FIELDS[system].department, value: UNKNOWN_DEPARTMENT[system], row: null };
      return { claim: { ...claim, rows, unknownDepartment: UNKNOWN_DEPARTMENT[system] }, fault };
  }
  return { claim: { ...claim, rows, total }, fault };
}

// ---- writing a claim into each system's payload ----

type Row = string[];
const cell = (tables: Record<string, LookupTableData>, table: string, index: number, column: string): string => {
  const t = tables[table];
  return (t.rows[index] as Row)[t.columns.indexOf(column)];
};

/** Writes a claim into the system's own sample payload, the way that OA system would send it. */
export function payloadFor(system: DemoSystem, c: Claim, tables: Record<string, LookupTableData>): unknown {
  const p = demoPayload(system);
  if (system === 'dingtalk') writeDingTalk(p, c, tables);
  else if (system === 'feishu') writeFeishu(p, c, tables);
  else writeWeCom(p, c, tables);
  return p;
}

function writeDingTalk(p: any, c: Claim, tables: Record<string, LookupTableData>): void {
  const f = (id: string) => p.result.formComponentValues.find((x: { id: string }) => x.id === id);
  const ids = FIELDS.dingtalk;
  const cols = COLUMNS.dingtalk;
  f(ids.department).value = c.unknownDepartment ?? cell(tables, 'departments', c.dept, 'dept_name');
  f(ids.claimant).extValue = JSON.stringify([{ emplId: cell(tables, 'employees', c.claimant, 'dingtalk_user_id'), name: 'x' }]);
  f(ids.total).value = c.total;
  const template = JSON.parse(f(ids.table).value)[0];
  f(ids.table).value = JSON.stringify(
    c.rows.map((r) => ({
      ...template,
      rowValue: template.rowValue.map((x: { key: string }) => {
        if (x.key === cols.type) return { ...x, value: r.type, extendValue: { label: r.type, key: 'k' } };
        if (x.key === cols.desc) return { ...x, value: r.desc };
        if (x.key === cols.amount) return { ...x, value: r.amount };
        // DingTalk writes an empty money cell as the text "null".
        if (x.key === cols.tax) return { ...x, value: r.tax ?? 'null' };
        return x;
      }),
    })),
  );
}

/** Feishu sends amounts as JSON numbers: they are written as bare numbers with every digit typed. */
function writeFeishu(p: any, c: Claim, tables: Record<string, LookupTableData>): void {
  const form = JSON.parse(p.data.form);
  const w = (id: string) => form.find((x: { id: string }) => x.id === id);
  const ids = FIELDS.feishu;
  const cols = COLUMNS.feishu;
  const num = (text: string) => new LosslessNumber(text);
  w(ids.department).value = [{ open_id: c.unknownDepartment ?? cell(tables, 'departments', c.dept, 'feishu_open_department_id') }];
  w(ids.claimant).value = [cell(tables, 'employees', c.claimant, 'feishu_user_id')];
  w(ids.total).value = num(c.total);
  const template = w(ids.table).value[0];
  w(ids.table).value = c.rows.map((r) =>
    template.map((x: { id: string }) => {
      if (x.id === cols.type) return { ...x, value: r.type, option: { key: 'k', text: r.type } };
      if (x.id === cols.desc) return { ...x, value: r.desc };
      if (x.id === cols.amount) return { ...x, value: num(r.amount) };
      if (x.id === cols.tax) return { ...x, value: r.tax === null ? null : num(r.tax) };
      return x;
    }),
  );
  // The form is itself JSON text inside the event; lossless stringify writes each number's digits as given.
  p.data.form = stringifyLossless(form);
}

function writeWeCom(p: any, c: Claim, tables: Record<string, LookupTableData>): void {
  const contents = p.info.apply_data.contents;
  const f = (id: string) => contents.find((x: { id: string }) => x.id === id);
  const ids = FIELDS.wecom;
  const cols = COLUMNS.wecom;
  f(ids.department).value = { departments: [{ openapi_id: c.unknownDepartment ?? cell(tables, 'departments', c.dept, 'wecom_partyid'), name: 'x' }] };
  f(ids.claimant).value = { members: [{ userid: cell(tables, 'employees', c.claimant, 'wecom_userid'), name: 'x' }] };
  f(ids.total).value = { new_money: c.total };
  const template = f(ids.table).value.children[0];
  f(ids.table).value.children = c.rows.map((r) => ({
    ...template,
    list: template.list.map((x: { id: string; value: any }) => {
      if (x.id === cols.type) return { ...x, value: { selector: { type: 'single', options: [{ key: 'k', value: [{ text: r.type, lang: 'zh_CN' }] }] } } };
      if (x.id === cols.desc) return { ...x, value: { text: r.desc } };
      if (x.id === cols.amount) return { ...x, value: { new_money: r.amount } };
      if (x.id === cols.tax) return { ...x, value: { new_money: r.tax ?? '' } };
      return x;
    }),
  }));
}

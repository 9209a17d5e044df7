/** Builders shared by the engine's tests: a small voucher catalogue, records and specs. Not used at run time. */
import { emptyDict, type FormCell, type FormRecord, type TableRow } from './form-record';
import type { MappingSpecInput } from './spec';
import type { LookupTableData } from './types';
import type { TargetCatalogue } from './voucher';

export const TEST_CATALOGUE: TargetCatalogue = {
  format: 'test-voucher',
  label: { en: 'test' },
  kind: 'voucher',
  moneyScale: 2,
  fields: [
    { id: 'date', group: 'header', label: { en: 'Date' }, type: 'date', required: true },
    { id: 'fiscalYear', group: 'header', label: { en: 'Year' }, type: 'number', required: false },
    { id: 'period', group: 'header', label: { en: 'Period' }, type: 'number', required: false },
    { id: 'attachments', group: 'header', label: { en: 'Attachments' }, type: 'number', required: false },
    { id: 'summary', group: 'line', label: { en: 'Explanation' }, type: 'text', required: true, maxLength: 80 },
    { id: 'account', group: 'line', label: { en: 'Account' }, type: 'text', required: true },
    { id: 'debit', group: 'line', label: { en: 'Debit' }, type: 'money', required: false },
    { id: 'credit', group: 'line', label: { en: 'Credit' }, type: 'money', required: false },
    { id: 'department', group: 'line', label: { en: 'Department' }, type: 'text', required: false },
    { id: 'currency', group: 'line', label: { en: 'Currency' }, type: 'text', required: false },
    { id: 'exchangeRate', group: 'line', label: { en: 'Exchange rate' }, type: 'number', required: false },
  ],
};

export const cell = (type: FormCell['type'], value: FormCell['value']): FormCell => ({ label: {}, type, value });

/** A money cell in a given currency, as connectors deliver them. */
export const money = (value: string | null, currency: string): FormCell => ({ label: {}, type: 'money', value, currency });

export function row(cells: Record<string, FormCell>): TableRow {
  return Object.assign(emptyDict<FormCell>(), cells);
}

export function record(fields: Record<string, FormCell>, over: Partial<FormRecord> = {}): FormRecord {
  return {
    oaSystem: 'generic',
    instanceId: 'i-1',
    templateCode: 't',
    title: 'claim',
    status: 'approved',
    rawStatus: 'approved',
    applicant: null,
    department: null,
    submittedAt: null,
    finishedAt: '2025-03-15T17:30:00Z',
    oaReference: 'REF-1',
    fields: Object.assign(emptyDict<FormCell>(), fields),
    warnings: [],
    ...over,
  };
}

export const TABLES: Record<string, LookupTableData> = {
  depts: { columns: ['name', 'code', 'prefix'], rows: [['Sales', 'D1', '6601'], ['Admin', 'D2', '6602']] },
  chart: {
    columns: ['code', 'postable'],
    rows: [['6601.02', 'true'], ['6602.02', 'true'], ['2241', 'true'], ['6601', 'false']],
  },
};

/**
 * A claim mapping: one expense line per detail row (debit = amount, account from the department's prefix),
 * one payable line for the total.
 */
export function claimSpec(): MappingSpecInput {
  return {
    specVersion: 1,
    name: 'test.claim',
    source: { connector: 'generic', templateCode: 't' },
    target: { format: 'test-voucher', chartOfAccounts: { table: 'chart', codeColumn: 'code', postableColumn: 'postable' } },
    nodes: [
      { id: 'finish', kind: 'source', meta: 'finishedAt' },
      { id: 'dept', kind: 'source', field: 'dept', fieldType: 'text' },
      { id: 'total', kind: 'source', field: 'total', fieldType: 'money' },
      { id: 'amount', kind: 'source', table: 'rows', column: 'amount', fieldType: 'money' },
      { id: 'desc', kind: 'source', table: 'rows', column: 'desc', fieldType: 'text' },
      { id: 'lkDept', kind: 'lookup', table: 'depts', keyColumn: 'name', columns: ['code', 'prefix'], onMiss: 'error' },
      { id: 'date', kind: 'function', fn: 'date.toDate', params: { timeZone: 'Asia/Shanghai' } },
      { id: 'account', kind: 'function', fn: 'text.template', params: { template: '{prefix}.02' } },
      { id: 'zero', kind: 'constant', valueType: 'money', value: '0' },
      { id: 'positive', kind: 'function', fn: 'math.compare', params: { op: 'gt' } },
      { id: 'payable', kind: 'constant', valueType: 'text', value: '2241' },
      { id: 'payText', kind: 'constant', valueType: 'text', value: 'payable' },
      { id: 't.date', kind: 'target', line: null, field: 'date' },
      { id: 't.e.summary', kind: 'target', line: 'expense', field: 'summary' },
      { id: 't.e.account', kind: 'target', line: 'expense', field: 'account' },
      { id: 't.e.debit', kind: 'target', line: 'expense', field: 'debit' },
      { id: 't.e.dept', kind: 'target', line: 'expense', field: 'department' },
      { id: 't.e.filter', kind: 'target', line: 'expense', field: '$filter' },
      { id: 't.p.summary', kind: 'target', line: 'pay', field: 'summary' },
      { id: 't.p.account', kind: 'target', line: 'pay', field: 'account' },
      { id: 't.p.credit', kind: 'target', line: 'pay', field: 'credit' },
    ],
    edges: [
      { id: 'e1', from: { node: 'finish' }, to: { node: 'date', port: 'value' } },
      { id: 'e2', from: { node: 'dept' }, to: { node: 'lkDept', port: 'key' } },
      { id: 'e3', from: { node: 'lkDept', port: 'prefix' }, to: { node: 'account', port: 'prefix' } },
      { id: 'e4', from: { node: 'amount' }, to: { node: 'positive', port: 'a' } },
      { id: 'e5', from: { node: 'zero' }, to: { node: 'positive', port: 'b' } },
      { id: 'e6', from: { node: 'date' }, to: { node: 't.date', port: 'value' } },
      { id: 'e7', from: { node: 'desc' }, to: { node: 't.e.summary', port: 'value' } },
      { id: 'e8', from: { node: 'account' }, to: { node: 't.e.account', port: 'value' } },
      { id: 'e9', from: { node: 'amount' }, to: { node: 't.e.debit', port: 'value' } },
      { id: 'e10', from: { node: 'lkDept', port: 'code' }, to: { node: 't.e.dept', port: 'value' } },
      { id: 'e11', from: { node: 'positive' }, to: { node: 't.e.filter', port: 'value' } },
      { id: 'e12', from: { node: 'payText' }, to: { node: 't.p.summary', port: 'value' } },
      { id: 'e13', from: { node: 'payable' }, to: { node: 't.p.account', port: 'value' } },
      { id: 'e14', from: { node: 'total' }, to: { node: 't.p.credit', port: 'value' } },
    ],
    lines: [
      { id: 'expense', repeat: { table: 'rows' } },
      { id: 'pay', repeat: 'once' },
    ],
  };
}

/** A claim for `claimSpec`. `currencies` (one per row, then the total's) puts the amounts in those currencies. */
export function claimRecord(amounts: (string | null)[], total: string, dept = 'Sales', currencies?: string[]): FormRecord {
  const amount = (a: string | null, i: number) => (currencies ? money(a, currencies[i]) : cell('money', a));
  return record({
    dept: cell('text', dept),
    total: amount(total, amounts.length),
    rows: cell(
      'table',
      amounts.map((a, i) => row({ amount: amount(a, i), desc: cell('text', `row ${i + 1}`) })),
    ),
  });
}

/** Adds nodes and edges to a spec (tests build variants of `claimSpec` this way). */
export function withNodes(spec: MappingSpecInput, nodes: MappingSpecInput['nodes'], edges: MappingSpecInput['edges'] = []): MappingSpecInput {
  spec.nodes.push(...nodes);
  spec.edges.push(...edges);
  return spec;
}

/** Points the edge with id `edge` at a new producer. */
export function rewire(spec: MappingSpecInput, edge: string, from: { node: string; port?: string }): MappingSpecInput {
  spec.edges.find((e) => e.id === edge)!.from = from;
  return spec;
}

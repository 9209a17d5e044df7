import type { FieldType, FormRecord, FormTemplate, TemplateField } from '#server/engine/form-record';
import { readCell } from '#server/engine/source-ports';
import type { MappingSpec } from '#server/engine/spec';
import type { LookupTableData } from '#server/engine/types';
import { Fault, type Value } from '#server/engine/values';
import type { ExpenseRecipe, KeyedLookup, PayableRecipe, TaxSplitRecipe } from './recipes';

/**
 * The recipe forms' first guesses. A lookup is found by what it holds: the sample claim's values (a department's
 * name or id, a person's user id, an expense type) are looked for in every column of every lookup table, so
 * "departments keyed by name" for DingTalk and "keyed by open id" for Feishu come out of the data, not a list of
 * vendor rules. Without a sample, names decide.
 */

export interface RecipeContext {
  spec: MappingSpec;
  template: FormTemplate;
  /** The lookup tables with their rows, by name. */
  tables: Record<string, LookupTableData>;
  /** A sample claim of the form, normalised; improves the lookups' guesses. */
  record?: FormRecord | null;
}

const has = (re: RegExp, ...texts: (string | undefined)[]) => texts.some((t) => !!t && re.test(t));
const names = (f: Pick<TemplateField, 'label' | 'id'>) => [f.label.zh, f.label.en, f.id];

/** The best-scoring item, the first one on a tie; undefined when none scores above zero. */
function best<T>(items: readonly T[], score: (t: T) => number): T | undefined {
  let top: T | undefined;
  let topScore = 0;
  for (const it of items) {
    const s = score(it);
    if (s > topScore) [top, topScore] = [it, s];
  }
  return top;
}

/** Plain text values of one port of a cell (a list gives each of its items). */
function texts(v: Value | Fault): string[] {
  if (v === null || v instanceof Fault || typeof v === 'boolean') return [];
  if (Array.isArray(v)) return v.flatMap(texts);
  return [String(v)];
}

/** The sample's values of a header field's port, or of a table column's port over all rows. */
export function sampleValues(record: FormRecord | null | undefined, at: { field?: string; table?: string; column?: string }, type: FieldType, port: string): string[] {
  if (!record) return [];
  if (at.table && at.column) {
    const rows = record.fields[at.table]?.value;
    return Array.isArray(rows) ? rows.flatMap((row) => texts(readCell((row as Record<string, never>)[at.column!], type, port))) : [];
  }
  return at.field ? texts(readCell(record.fields[at.field], type, port)) : [];
}

/** Ports of a field type that can key a lookup, most telling first. */
const KEY_PORTS: Partial<Record<FieldType, string[]>> = {
  person: ['id', 'name'],
  // Ids before names: they do not change when a department is renamed (DingTalk sends only the name).
  department: ['id', 'name'],
  option: ['text', 'key'],
  text: ['value'],
};

/**
 * The table and key column holding the sample's values of a field; `hint` names what the table is about when no
 * sample value is found (departments, employees…).
 */
export function findKeyedTable(
  ctx: RecipeContext,
  at: { field?: string; table?: string; column?: string },
  type: FieldType,
  hint: RegExp,
): { table: string; keyColumn: string; port: string } | null {
  const ports = KEY_PORTS[type] ?? ['value'];
  let found = null as { table: string; keyColumn: string; port: string; hits: number } | null;
  for (const port of ports) {
    const values = [...new Set(sampleValues(ctx.record, at, type, port))];
    if (!values.length) continue;
    for (const [table, data] of Object.entries(ctx.tables)) {
      for (const [i, column] of data.columns.entries()) {
        const held = new Set(data.rows.map((r) => r[i]));
        const hits = values.filter((v) => held.has(v)).length / values.length;
        if (hits > (found?.hits ?? 0)) found = { table, keyColumn: column, port, hits };
      }
    }
  }
  if (found) return { table: found.table, keyColumn: found.keyColumn, port: found.port };
  // No sample: a table named for what is looked up, keyed by the column named for the OA system.
  const table = Object.keys(ctx.tables).find((t) => hint.test(t));
  if (!table) return null;
  const cols = ctx.tables[table].columns;
  const keyColumn = cols.find((c) => c.toLowerCase().includes(ctx.spec.source.connector)) ?? cols[0];
  return { table, keyColumn, port: ports[0] };
}

/** The column of a table holding the ledger's code: the U8 one for U8 (`u8_dept_code`), the plain one otherwise. */
export function codeColumn(ctx: RecipeContext, table: string, keyColumn: string): string | null {
  const cols = ctx.tables[table]?.columns.filter((c) => c !== keyColumn && /code|编码|number/i.test(c)) ?? [];
  const u8 = ctx.spec.target.format.startsWith('u8');
  return cols.find((c) => /u8/i.test(c) === u8) ?? cols[0] ?? null;
}

const nameColumn = (ctx: RecipeContext, table: string) => ctx.tables[table]?.columns.find((c) => /^name$|姓名|^名称$/i.test(c)) ?? null;

/**
 * The chart of accounts: the mapping's own, else a lookup table named for accounts. Codes are read from its first
 * code column (`2221.01.01`), the one people write; a ledger that books another code (U8's `22210101`) is
 * reached through `ledgerCode`.
 */
function chart(ctx: RecipeContext): { codes: string[]; names: string[] } {
  const table = chartTable(ctx);
  const data = table ? ctx.tables[table] : undefined;
  if (!data) return { codes: [], names: [] };
  const code = Math.max(0, data.columns.findIndex((c) => /code|编码/i.test(c)));
  const name = data.columns.findIndex((c) => /name|名称/i.test(c));
  return { codes: data.rows.map((r) => r[code]), names: data.rows.map((r) => (name >= 0 ? r[name] : '')) };
}

const chartTable = (ctx: RecipeContext) => ctx.spec.target.chartOfAccounts?.table ?? Object.keys(ctx.tables).find((t) => /account|科目/i.test(t));

/**
 * When the ledger books a code other than the one people write (U8's `660102` for `6601.02`): the chart's lookup
 * from the written code to the ledger's. Null when they are the same column.
 */
export function ledgerCode(ctx: RecipeContext): { table: string; keyColumn: string; column: string } | null {
  const table = chartTable(ctx);
  const cols = table ? (ctx.tables[table]?.columns ?? []) : [];
  const written = cols.find((c) => /code|编码/i.test(c));
  const u8 = ctx.spec.target.format.startsWith('u8');
  const booked = ctx.spec.target.chartOfAccounts?.codeColumn ?? (u8 ? cols.find((c) => /u8/i.test(c) && /code|编码/i.test(c)) : written);
  return table && written && booked && booked !== written ? { table, keyColumn: written, column: booked } : null;
}

/** The usual account when the chart has it, else the chart's account whose name says what it is, else blank. */
export function defaultAccount(ctx: RecipeContext, usual: string, named: RegExp): string {
  const c = chart(ctx);
  if (c.codes.includes(usual)) return usual;
  const i = c.names.findIndex((n) => named.test(n));
  return i >= 0 ? c.codes[i] : '';
}

const fieldsOf = (ctx: RecipeContext, type: FieldType) => ctx.template.fields.filter((f) => f.type === type);

export function guessClaimantField(ctx: RecipeContext): TemplateField | undefined {
  const people = fieldsOf(ctx, 'person');
  return best(people, (f) => (has(/报销人|申请人|claimant|applicant/i, ...names(f)) ? 2 : 1));
}

/** The form's total: a money field called total or sum, not a tax sum; the claim's own word (报销) wins a tie. */
export function guessTotalField(ctx: RecipeContext): TemplateField | undefined {
  return best(fieldsOf(ctx, 'money'), (f) => {
    const n = names(f);
    return 10 + (has(/总额|合计|总计|total|sum/i, ...n) ? 2 : 0) + (has(/税|tax/i, ...n) ? -5 : 0) + (has(/报销|claim/i, ...n) ? 1 : 0);
  });
}

/** A person field through the table that knows the person (employees), returning its ledger code and name. */
function claimantLookup(ctx: RecipeContext, field: TemplateField | undefined): KeyedLookup | null {
  if (!field) return null;
  const keyed = findKeyedTable(ctx, { field: field.id }, 'person', /employee|staff|person|员工|人员/i);
  if (!keyed) return null;
  return { field: field.id, ...keyed, columns: [codeColumn(ctx, keyed.table, keyed.keyColumn), nameColumn(ctx, keyed.table)] };
}

export function guessExpense(ctx: RecipeContext): ExpenseRecipe | null {
  const table = best(fieldsOf(ctx, 'table'), (t) => (t.columns ?? []).filter((c) => c.type === 'money').length);
  if (!table) return null;
  const cols = table.columns ?? [];
  const money = cols.filter((c) => c.type === 'money');
  const tax = money.find((c) => has(/税|tax|vat/i, ...names(c)));
  const amount = best(money, (c) => (c === tax ? 0 : has(/金额|amount/i, ...names(c)) ? 2 : 1))!;
  // The row's account part: the column whose values a lookup table holds (费用类型 in 费用类型对照).
  let account: ExpenseRecipe['account'] = null;
  for (const c of cols.filter((c) => c.type === 'option' || c.type === 'text')) {
    const keyed = findKeyedTable(ctx, { table: table.id, column: c.id }, c.type, /type|类型|categor/i);
    if (!keyed) continue;
    const tcols = ctx.tables[keyed.table].columns;
    const result = tcols.find((x) => /suffix|后缀/i.test(x)) ?? tcols.find((x) => x !== keyed.keyColumn && /account|科目/i.test(x)) ?? tcols[tcols.length - 1];
    account = { column: c.id, port: keyed.port, table: keyed.table, keyColumn: keyed.keyColumn, result };
    break;
  }
  const deptField = best(fieldsOf(ctx, 'department'), (f) => (has(/承担|成本|cost|bearing/i, ...names(f)) ? 2 : 1));
  const deptKeyed = deptField ? findKeyedTable(ctx, { field: deptField.id }, 'department', /depart|部门/i) : null;
  const department = deptField && deptKeyed
    ? {
        field: deptField.id,
        ...deptKeyed,
        prefixColumn: ctx.tables[deptKeyed.table].columns.find((c) => /prefix|前缀/i.test(c) || /account|科目/i.test(c)) ?? null,
        codeColumn: codeColumn(ctx, deptKeyed.table, deptKeyed.keyColumn),
      }
    : null;
  const description = cols.find((c) => c.type === 'text' && c.id !== account?.column);
  return {
    table: table.id,
    amountColumn: amount.id,
    taxColumn: tax?.id ?? null,
    account,
    department,
    claimant: claimantLookup(ctx, guessClaimantField(ctx)),
    descriptionColumn: description?.id ?? null,
    vatAccount: defaultAccount(ctx, '2221.01.01', /进项税|input vat/i),
    checks: { totalField: guessTotalField(ctx)?.id ?? null },
    ledgerCode: ledgerCode(ctx),
  };
}

export function guessPayable(ctx: RecipeContext): PayableRecipe | null {
  const total = guessTotalField(ctx);
  if (!total) return null;
  return {
    totalField: total.id,
    account: defaultAccount(ctx, '2241', /其他应付|other payables/i),
    claimant: claimantLookup(ctx, guessClaimantField(ctx)),
    withReference: true,
    ledgerCode: ledgerCode(ctx),
  };
}

/** Gross and tax of a detail row when the form gives both; else the total at a rate the analyst types. */
export function guessTaxSplit(ctx: RecipeContext): TaxSplitRecipe | null {
  const expense = guessExpense(ctx);
  const perRow = ctx.spec.lines.find((l) => l.repeat !== 'once' && l.repeat.table === expense?.table);
  if (expense) {
    return {
      gross: { table: expense.table, column: expense.amountColumn },
      tax: expense.taxColumn ? { kind: 'amount', at: { table: expense.table, column: expense.taxColumn } } : { kind: 'rate', rate: '0.06' },
      net: perRow ? { line: perRow.id, field: 'debit' } : null,
      taxTo: null,
    };
  }
  const total = guessTotalField(ctx);
  return total ? { gross: { field: total.id }, tax: { kind: 'rate', rate: '0.06' }, net: null, taxTo: null } : null;
}

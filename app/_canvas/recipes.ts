import type { FormTemplate, Labels } from '#server/engine/form-record';
import type { LineTemplate, MappingNode, MappingSpec, PortRef } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import { addClaimChecks, type ClaimCheckInputs } from './recipe-checks';
import { addFunctionNode, addNode, connect, ensureSourceNode, ensureTargetNode, freshId, patchNode, setParams } from './commands';

/**
 * Line recipes: one gesture builds what an analyst would otherwise wire node by node (an expense line per detail
 * row with its input VAT, the payable to the claimant, a tax split). The result is ordinary nodes, links and line
 * templates, so everything a recipe made can be opened and changed afterwards; nothing in the spec marks it.
 */

/** A lookup fed by a form field: the table, the key column the field's port is matched against, what it returns. */
export interface KeyedLookup {
  field: string;
  port: string;
  table: string;
  keyColumn: string;
  /** [ledger code column, name column]; either may be missing from the table. */
  columns: [code: string | null, name: string | null];
}

export interface ExpenseRecipe {
  table: string;
  amountColumn: string;
  /** Deductible input tax per row; the expense is then net of it and an input-VAT line takes the sum. */
  taxColumn: string | null;
  /** The account (or its suffix): a lookup keyed by a column of the row. */
  account: { column: string; port: string; table: string; keyColumn: string; result: string } | null;
  /** A header department field through its lookup: the account prefix (joined with ".") and the dimension. */
  department: { field: string; port: string; table: string; keyColumn: string; prefixColumn: string | null; codeColumn: string | null } | null;
  /** The claimant through the employees table: the name in each explanation. */
  claimant: KeyedLookup | null;
  descriptionColumn: string | null;
  vatAccount: string;
  /** The claim's usual rules as check nodes (recipe-checks.ts), with the form total the rows must add up to. */
  checks: { totalField: string | null } | null;
  /** The chart's lookup from the account people write to the code the ledger books, when they differ (U8). */
  ledgerCode: LedgerCode | null;
}

export interface LedgerCode {
  table: string;
  keyColumn: string;
  column: string;
}

export interface PayableRecipe {
  totalField: string;
  account: string;
  claimant: KeyedLookup | null;
  /** The OA reference (approval number) at the end of the explanation. */
  withReference: boolean;
  ledgerCode: LedgerCode | null;
}

export interface SourceRef {
  field?: string;
  table?: string;
  column?: string;
}

export interface TaxSplitRecipe {
  gross: SourceRef;
  /** A rate typed in (a fraction: 0.06), or a tax amount the form gives beside the gross. */
  tax: { kind: 'rate'; rate: string } | { kind: 'amount'; at: SourceRef };
  net: { line: string; field: string } | null;
  taxTo: { line: string; field: string } | null;
}

export interface RecipeResult {
  spec: MappingSpec;
  /** The line templates made, first the main one: the editor opens and shows it. */
  lines: string[];
  /** Every node the recipe placed (not those it reused). */
  added: string[];
}

export interface RecipeEnv {
  template: FormTemplate;
  targetFields: readonly TargetField[];
  /** The analyst's language: the nodes' names. The voucher's own texts (explanations) stay as the ledger keeps them. */
  lang?: 'zh' | 'en';
}

/** The spec being built, with the helpers every recipe shares. */
export class Builder {
  spec: MappingSpec;
  private readonly before: Set<string>;
  constructor(spec: MappingSpec, private readonly env: RecipeEnv) {
    this.spec = spec;
    this.before = new Set(spec.nodes.map((n) => n.id));
  }

  get added() {
    return this.spec.nodes.filter((n) => !this.before.has(n.id)).map((n) => n.id);
  }

  source(at: SourceRef & { meta?: 'oaReference' | 'finishedAt' }): string {
    const field = at.table ? this.env.template.fields.find((f) => f.id === at.table)?.columns?.find((c) => c.id === at.column) : this.env.template.fields.find((f) => f.id === at.field);
    const named = this.env.lang === 'en' ? (field?.label.en ?? field?.label.zh) : (field?.label.zh ?? field?.label.en);
    const r = ensureSourceNode(this.spec, { ...at, type: at.meta ? 'text' : (field?.type ?? 'text'), label: at.meta === 'oaReference' ? this.name('审批编号') : named });
    this.spec = r.spec;
    return r.id;
  }

  /** A node's name in the analyst's language. */
  name(key: Named): string {
    return this.env.lang === 'en' ? NAMES[key] : key;
  }

  fn(fnId: string, key: Named, params: Record<string, unknown> = {}): string {
    return this.fnLabelled(fnId, this.name(key), params);
  }

  /** A function named by the caller (already in the analyst's language). */
  fnLabelled(fnId: string, label: string, params: Record<string, unknown> = {}): string {
    const r = addFunctionNode(this.spec, fnId);
    this.spec = setParams(patchNode(r.spec, r.id, { label }), r.id, { ...(r.spec.nodes.find((n) => n.id === r.id) as { params: object }).params, ...params });
    return r.id;
  }

  /** The analyst's language, for callers that word their own names. */
  get lang(): 'zh' | 'en' {
    return this.env.lang === 'en' ? 'en' : 'zh';
  }

  /** A form field's or column's label in the analyst's language (its id when the template lacks it). */
  labelOf(at: SourceRef, lang: 'zh' | 'en' = this.lang): string {
    const field = at.table ? this.env.template.fields.find((f) => f.id === at.table)?.columns?.find((c) => c.id === at.column) : this.env.template.fields.find((f) => f.id === at.field);
    const label = lang === 'en' ? (field?.label.en ?? field?.label.zh) : (field?.label.zh ?? field?.label.en);
    return label ?? at.column ?? at.field ?? '';
  }

  /** A business rule: the run fails with `message` (naming `field`) when `ok` is not true. */
  check(ok: { node: string; port: string }, message: Labels, field?: string, shown?: { node: string; port: string }): string {
    const id = freshId(this.spec, 'chk.rule');
    this.spec = addNode(this.spec, { id, kind: 'check', message, ...(field ? { field } : {}) });
    this.link(ok, { node: id, port: 'ok' });
    if (shown) this.link(shown, { node: id, port: 'value' });
    return id;
  }

  constant(prefix: string, valueType: 'text' | 'money' | 'number', value: string, key?: Named): string {
    const label = key && this.name(key);
    // A constant of the same value is shared: one "0" for every comparison reads better than five.
    const same = this.spec.nodes.find((n) => n.kind === 'constant' && n.valueType === valueType && n.value === value && (n.label ?? '') === (label ?? ''));
    if (same) return same.id;
    const id = freshId(this.spec, prefix);
    this.spec = addNode(this.spec, { id, kind: 'constant', valueType, value, ...(label ? { label } : {}) });
    return id;
  }

  /** A lookup keyed by `from`, reusing one on the same table and key fed by the same port and adding columns to it. */
  lookup(from: Required<PortRef>, table: string, keyColumn: string, columns: string[], key: Named): string {
    const label = this.name(key);
    const existing = this.spec.nodes.find(
      (n) => n.kind === 'lookup' && n.table === table && n.keyColumn === keyColumn &&
        this.spec.edges.some((e) => e.to.node === n.id && e.to.port === 'key' && e.from.node === from.node && e.from.port === from.port),
    );
    if (existing && existing.kind === 'lookup') {
      const more = columns.filter((c) => !existing.columns.includes(c));
      if (more.length) this.spec = patchNode(this.spec, existing.id, { columns: [...existing.columns, ...more] });
      return existing.id;
    }
    const id = freshId(this.spec, `lk.${table}`);
    const node: MappingNode = { id, kind: 'lookup', table, keyColumn, columns: [...new Set(columns)], onMiss: 'error', label };
    this.spec = addNode(this.spec, node);
    this.link(from, { node: id, port: 'key' });
    return id;
  }

  /** Links two ports; a voucher field already fed is re-linked (the recipe's value replaces the old one). */
  link(from: Required<PortRef>, to: Required<PortRef>) {
    const taken = this.spec.edges.find((e) => e.to.node === to.node && e.to.port === to.port);
    const target = this.spec.nodes.find((n) => n.id === to.node);
    if (taken && target?.kind === 'target') this.spec = { ...this.spec, edges: this.spec.edges.filter((e) => e !== taken) };
    const r = connect(this.spec, from, to, { targetFields: this.env.targetFields });
    // Recipes wire ports they know the types of: a refusal is a bug in the recipe, not the analyst's mistake.
    if (!r.ok) throw new Error(`recipe link ${from.node}.${from.port} → ${to.node}.${to.port} refused: ${r.reason.code}`);
    this.spec = r.spec;
  }

  toTarget(from: Required<PortRef>, line: string | null, field: string) {
    const t = ensureTargetNode(this.spec, line, field);
    this.spec = t.spec;
    this.link(from, { node: t.id, port: 'value' });
  }

  /** An account into a line: through the chart's lookup when the ledger books another code than the one written. */
  account(from: Required<PortRef>, line: string, code: LedgerCode | null) {
    const booked = code ? out(this.lookup(from, code.table, code.keyColumn, [code.column], '账簿科目编码'), code.column) : from;
    this.toTarget(booked, line, 'account');
  }

  line(prefix: string, label: Labels, repeat: LineTemplate['repeat']): string {
    const taken = new Set(this.spec.lines.map((l) => l.id));
    let id = prefix;
    for (let i = 2; taken.has(id) || this.spec.nodes.some((n) => n.id === id); i++) id = `${prefix}-${i}`;
    this.spec = { ...this.spec, lines: [...this.spec.lines, { id, label, repeat }] };
    return id;
  }
}

/** Names of the nodes a recipe places, in both languages: the node shows the one of the analyst's language. */
const NAMES = {
  '税额（空为 0）': 'Tax (empty is 0)',
  '不含税金额': 'Net of tax',
  '金额 > 0': 'Amount > 0',
  '部门对照': 'Departments',
  '科目对照': 'Account lookup',
  '费用科目': 'Expense account',
  '费用摘要': 'Expense explanation',
  '摘要截至 80 字': 'Explanation cut to 80',
  '进项税额合计': 'Input VAT total',
  '进项税额 > 0': 'Input VAT > 0',
  '进项税额科目': 'Input VAT account',
  '进项税摘要': 'Input VAT explanation',
  '员工对照': 'Employees',
  '应付科目': 'Payable account',
  '应付摘要': 'Payable explanation',
  '价税分离': 'Tax split',
  '税率': 'Tax rate',
  '账簿科目编码': 'Ledger account code',
  '审批编号': 'Approval number',
} as const;
type Named = keyof typeof NAMES;

export const out = (node: string, port = 'result') => ({ node, port });

/**
 * One expense line per detail row: debit = amount − tax (the amount when there is no tax column), account from
 * the lookups, department dimension, explanation from the row; plus one input-VAT line for the tax column's sum,
 * emitted only when that sum is above zero. Rows whose net is not above zero make no line.
 */
export function applyExpenseRecipe(spec: MappingSpec, r: ExpenseRecipe, env: RecipeEnv): RecipeResult {
  const b = new Builder(spec, env);
  const row = (column: string) => b.source({ table: r.table, column });
  const amount = row(r.amountColumn);
  const zero = b.constant('c.zero', 'money', '0');
  const expense = b.line('expense', { zh: '费用（每行明细）', en: 'Expense (per detail row)' }, { table: r.table });
  let debit = out(amount, 'value');
  let tax: { node: string; port: string } | null = null;
  if (r.taxColumn) {
    // An empty tax cell means no tax (rule of every OA form with an optional tax column), not a missing value.
    const coalesce = b.fn('logic.coalesce', '税额（空为 0）');
    b.link(out(row(r.taxColumn), 'value'), { node: coalesce, port: 'values.0' });
    b.link(out(zero, 'value'), { node: coalesce, port: 'values.1' });
    tax = out(coalesce);
    const net = b.fn('math.subtract', '不含税金额');
    b.link(debit, { node: net, port: 'a' });
    b.link(tax, { node: net, port: 'b' });
    debit = out(net);
  }
  b.toTarget(debit, expense, 'debit');
  const positive = b.fn('math.compare', '金额 > 0', { op: 'gt' });
  b.link(debit, { node: positive, port: 'a' });
  b.link(out(zero, 'value'), { node: positive, port: 'b' });
  b.toTarget(out(positive), expense, '$filter');

  const dept = r.department;
  const deptLookup = dept
    ? b.lookup(out(b.source({ field: dept.field }), dept.port), dept.table, dept.keyColumn, [dept.codeColumn, dept.prefixColumn].filter((c): c is string => !!c), '部门对照')
    : null;
  let accountLookup: string | null = null;
  if (r.account) {
    const key = out(row(r.account.column), r.account.port);
    accountLookup = b.lookup(key, r.account.table, r.account.keyColumn, [r.account.result], '科目对照');
    const suffix = out(accountLookup, r.account.result);
    if (deptLookup && dept?.prefixColumn) {
      const joined = b.fn('text.template', '费用科目', { template: '{prefix}.{suffix}' });
      b.link(out(deptLookup, dept.prefixColumn), { node: joined, port: 'prefix' });
      b.link(suffix, { node: joined, port: 'suffix' });
      b.account(out(joined), expense, r.ledgerCode);
    } else b.account(suffix, expense, r.ledgerCode);
  }
  if (deptLookup && dept?.codeColumn) b.toTarget(out(deptLookup, dept.codeColumn), expense, 'department');

  const name = claimantName(b, r.claimant);
  const parts = [name && '{name}报销', r.account && '{type}', r.descriptionColumn && (r.account ? '-{desc}' : '{desc}')].filter(Boolean).join('');
  const summary = b.fn('text.template', '费用摘要', { template: parts || '费用报销' });
  if (name) b.link(name, { node: summary, port: 'name' });
  if (r.account) b.link(out(row(r.account.column), r.account.port), { node: summary, port: 'type' });
  if (r.descriptionColumn) b.link(out(row(r.descriptionColumn), 'value'), { node: summary, port: 'desc' });
  const cut = b.fn('text.truncate', '摘要截至 80 字', { max: 80 });
  b.link(out(summary), { node: cut, port: 'text' });
  b.toTarget(out(cut), expense, 'summary');

  if (r.checks) {
    const known: ClaimCheckInputs['known'] = [];
    if (deptLookup && dept?.codeColumn) known.push({ at: { field: dept.field }, table: dept.table, value: out(deptLookup, dept.codeColumn), role: 'department' });
    const claimantCode = r.claimant?.columns[0];
    if (name && r.claimant && claimantCode) known.push({ at: { field: r.claimant.field }, table: r.claimant.table, value: out(name.node, claimantCode), role: 'claimant' });
    if (accountLookup && r.account) known.push({ at: { table: r.table, column: r.account.column }, table: r.account.table, value: out(accountLookup, r.account.result), role: 'expenseType' });
    addClaimChecks(b, {
      table: r.table, amountColumn: r.amountColumn, amount: out(amount, 'value'), zero: out(zero, 'value'),
      taxColumn: r.taxColumn, taxCell: r.taxColumn ? out(row(r.taxColumn), 'value') : null, taxOrZero: tax,
      totalField: r.checks.totalField, known,
    });
  }

  const lines = [expense];
  if (tax) {
    const vat = b.line('inputVat', { zh: '进项税额', en: 'Input VAT' }, 'once');
    const sum = b.fn('agg.sum', '进项税额合计');
    b.link(tax, { node: sum, port: 'values' });
    b.toTarget(out(sum), vat, 'debit');
    const any = b.fn('math.compare', '进项税额 > 0', { op: 'gt' });
    b.link(out(sum), { node: any, port: 'a' });
    b.link(out(zero, 'value'), { node: any, port: 'b' });
    b.toTarget(out(any), vat, '$condition');
    b.account(out(b.constant('c.vatAccount', 'text', r.vatAccount, '进项税额科目'), 'value'), vat, r.ledgerCode);
    const vatSummary = b.fn('text.template', '进项税摘要', { template: name ? '{name}报销进项税额' : '进项税额' });
    if (name) b.link(name, { node: vatSummary, port: 'name' });
    b.toTarget(out(vatSummary), vat, 'summary');
    lines.push(vat);
  }
  return { spec: b.spec, lines, added: b.added };
}

/** The claimant's name from the employees lookup, else from the person field itself. */
function claimantName(b: Builder, c: KeyedLookup | null): { node: string; port: string } | null {
  if (!c) return null;
  const person = b.source({ field: c.field });
  const [code, name] = c.columns;
  if (!name) return null;
  return out(b.lookup(out(person, c.port), c.table, c.keyColumn, [code, name].filter((x): x is string => !!x), '员工对照'), name);
}

/** One credit line for the form's total on the payable account, the claimant as employee dimension. */
export function applyPayableRecipe(spec: MappingSpec, r: PayableRecipe, env: RecipeEnv): RecipeResult {
  const b = new Builder(spec, env);
  const payable = b.line('payable', { zh: '应付报销款', en: 'Payable to claimant' }, 'once');
  b.toTarget(out(b.source({ field: r.totalField }), 'value'), payable, 'credit');
  b.account(out(b.constant('c.payableAccount', 'text', r.account, '应付科目'), 'value'), payable, r.ledgerCode);
  const name = claimantName(b, r.claimant);
  const code = r.claimant?.columns[0];
  if (r.claimant && code) {
    const lk = b.lookup(out(b.source({ field: r.claimant.field }), r.claimant.port), r.claimant.table, r.claimant.keyColumn, [code], '员工对照');
    b.toTarget(out(lk, code), payable, 'employee');
  }
  const template = `应付${name ? '{name}' : ''}报销款${r.withReference ? ' {ref}' : ''}`;
  const summary = b.fn('text.template', '应付摘要', { template });
  if (name) b.link(name, { node: summary, port: 'name' });
  if (r.withReference) b.link(out(b.source({ meta: 'oaReference' }), 'value'), { node: summary, port: 'ref' });
  b.toTarget(out(summary), payable, 'summary');
  return { spec: b.spec, lines: [payable], added: b.added };
}

/**
 * Net and tax from a gross amount: at a rate (tax = gross × rate ÷ (1 + rate), rounded once, net the remainder)
 * or with the tax amount the form gives (net = gross − tax). Either value may feed a voucher field.
 */
export function applyTaxSplitRecipe(spec: MappingSpec, r: TaxSplitRecipe, env: RecipeEnv): RecipeResult {
  const b = new Builder(spec, env);
  const gross = out(b.source(r.gross), 'value');
  let net: { node: string; port: string };
  let tax: { node: string; port: string };
  if (r.tax.kind === 'rate') {
    const split = b.fn('tax.split', '价税分离');
    b.link(gross, { node: split, port: 'gross' });
    b.link(out(b.constant('c.taxRate', 'number', r.tax.rate, '税率'), 'value'), { node: split, port: 'rate' });
    [net, tax] = [out(split, 'net'), out(split, 'tax')];
  } else {
    // An empty tax cell is no tax, as on the expense line.
    const coalesce = b.fn('logic.coalesce', '税额（空为 0）');
    b.link(out(b.source(r.tax.at), 'value'), { node: coalesce, port: 'values.0' });
    b.link(out(b.constant('c.zero', 'money', '0'), 'value'), { node: coalesce, port: 'values.1' });
    tax = out(coalesce);
    const n = b.fn('tax.net', '不含税金额');
    b.link(gross, { node: n, port: 'gross' });
    b.link(tax, { node: n, port: 'tax' });
    net = out(n);
  }
  if (r.net) b.toTarget(net, r.net.line, r.net.field);
  if (r.taxTo) b.toTarget(tax, r.taxTo.line, r.taxTo.field);
  return { spec: b.spec, lines: [r.net?.line, r.taxTo?.line].filter((l): l is string => !!l), added: b.added };
}

import type { Labels } from '#server/engine/form-record';
import type { Builder } from './recipes';

/**
 * The usual rules of an expense claim, added by the "expense per detail row" recipe when asked: each is an ordinary
 * check node (a rule the analyst can open, reword or delete) whose message names the field, row and value. The
 * English messages are fixed sentences — they are what the command line and the run log print — and the Chinese
 * ones name the form's own fields.
 */

type Port = { node: string; port: string };
const out = (node: string, port = 'result'): Port => ({ node, port });

export interface ClaimCheckInputs {
  table: string;
  amountColumn: string;
  /** The row's amount (a money cell's value port) and, when the form has one, its tax with empty read as 0. */
  amount: Port;
  taxColumn: string | null;
  taxCell: Port | null;
  taxOrZero: Port | null;
  zero: Port;
  /** The claim's total, when the form has one: it must equal the rows' sum. */
  totalField: string | null;
  /** Lookups whose miss means master data is missing: the looked-up field and the column that must be found. */
  known: Array<{ at: { field?: string; table?: string; column?: string }; table: string; value: Port; role: 'department' | 'claimant' | 'expenseType' }>;
}

const ROLE_EN = { department: 'the cost-bearing department', claimant: 'the claimant', expenseType: 'the expense type' } as const;

/** A form label without its unit ("报销总额（元）" → "报销总额"): the rule reads as a sentence. */
const bare = (label: string) => label.replace(/\s*[（(][^（()）]*[)）]\s*$/, '');

export function addClaimChecks(b: Builder, c: ClaimCheckInputs): void {
  const zh = (at: { field?: string; table?: string; column?: string }) => bare(b.labelOf(at, 'zh'));
  const named = (zhName: string, enName: string) => (b.lang === 'en' ? enName : zhName);
  const amountZh = zh({ table: c.table, column: c.amountColumn });
  const tableZh = zh({ field: c.table });
  const fn = (id: string, zhName: string, enName: string, inputs: Record<string, Port>, params: Record<string, unknown> = {}) => {
    const node = b.fnLabelled(id, named(zhName, enName), params);
    for (const [port, from] of Object.entries(inputs)) b.link(from, { node, port });
    return out(node);
  };
  const compare = (op: string, a: Port, bPort: Port, zhName: string, enName: string) => fn('math.compare', zhName, enName, { a, b: bPort }, { op });

  // At least one row with an amount above zero (an empty table has none).
  const max = fn('agg.max', `最大行${amountZh}`, 'Largest row amount', { values: c.amount });
  b.check(compare('gt', max, c.zero, `最大行${amountZh} > 0`, 'Largest row amount > 0'),
    { zh: `${tableZh}至少要有一行${amountZh}大于 0`, en: 'the expense detail table needs at least one row with an amount above zero' }, c.table);

  // Every row has an amount.
  const amountEmpty = fn('logic.isEmpty', `${amountZh}为空`, 'Amount is empty', { value: c.amount });
  b.check(fn('logic.not', `${amountZh}已填`, 'Amount given', { value: amountEmpty }),
    { zh: `每一行都必须填写${amountZh}`, en: 'every expense row needs an amount' });

  if (c.totalField) {
    const totalZh = zh({ field: c.totalField });
    const sum = fn('agg.sum', `明细${amountZh}合计`, 'Sum of row amounts', { values: c.amount });
    const total = out(b.source({ field: c.totalField }), 'value');
    b.check(fn('logic.equals', `${totalZh}等于明细合计`, 'Total equals the rows', { a: total, b: sum }),
      { zh: `${totalZh}必须等于明细${amountZh}之和`, en: 'the claim total must equal the sum of the row amounts' }, c.totalField);
  }

  // Amounts are non-negative with at most two decimals (never rounded into shape); an empty cell is another rule's.
  const format = (value: Port, whatZh: string, whatEn: 'amount' | 'tax') => {
    const two = out(b.constant('c.maxDecimals', 'number', '2'), 'value');
    const nonNegative = compare('ge', value, c.zero, `${whatZh} ≥ 0`, `${whatEn} ≥ 0`);
    const decimals = fn('math.decimals', `${whatZh}小数位数`, `Decimals of the ${whatEn}`, { value });
    const fewDecimals = compare('le', decimals, two, `${whatZh}小数位 ≤ 2`, `${whatEn} decimals ≤ 2`);
    const valid = fn('logic.and', `${whatZh}格式正确`, `${whatEn} well formed`, { 'values.0': nonNegative, 'values.1': fewDecimals });
    const empty = fn('logic.isEmpty', `${whatZh}为空（格式）`, `${whatEn} is empty (format)`, { value });
    b.check(fn('logic.or', `${whatZh}为空或格式正确`, `${whatEn} empty or well formed`, { 'values.0': empty, 'values.1': valid }),
      { zh: `${whatZh}必须是不小于 0、最多两位小数的数字`, en: `the ${whatEn} must be a non-negative number with at most two decimals` });
  };
  format(c.amount, amountZh, 'amount');
  if (c.taxColumn && c.taxCell && c.taxOrZero) {
    const taxZh = zh({ table: c.table, column: c.taxColumn });
    format(c.taxCell, taxZh, 'tax');
    const within = compare('le', c.taxOrZero, c.amount, `${taxZh} ≤ ${amountZh}`, 'tax ≤ amount');
    b.check(fn('logic.or', `${amountZh}为空或${taxZh} ≤ ${amountZh}`, 'amount empty or tax ≤ amount', { 'values.0': amountEmpty, 'values.1': within }),
      { zh: `${taxZh}不能大于${amountZh}`, en: 'the tax must not exceed the amount' }, c.taxColumn, c.taxCell);
  }

  // Master data: a key the table lacks leaves its lookup empty; say which field and which table.
  for (const k of c.known) {
    const fieldZh = zh(k.at);
    const missing = fn('logic.isEmpty', `${fieldZh}未找到`, `${ROLE_EN[k.role].replace(/^the /, '')} not found`, { value: k.value });
    const message: Labels = { zh: `${fieldZh}不在对照表 ${k.table} 中`, en: `${ROLE_EN[k.role]} is not in the ${k.table} table` };
    b.check(fn('logic.not', `${fieldZh}已找到`, `${ROLE_EN[k.role].replace(/^the /, '')} found`, { value: missing }), message, k.at.column ?? k.at.field);
  }
}

import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { MappingSpec } from '#server/engine/spec';
import type { EntryLine, Voucher } from '#server/engine/voucher';
import type { DemoRun } from '../../db/seed/demo-fixture';
import { runDemo, type DemoSystem } from '../../db/seed/demo-fixture';
import { applyExpenseRecipe, applyPayableRecipe, applyTaxSplitRecipe } from './recipes';
import { guessExpense, guessPayable, guessTaxSplit } from './recipes-guess';
import { demoForm, recipeContext, withVoucherBasics, type DemoForm } from './recipes-support';

/** What was assembled although a check stopped the voucher: a voucher target's draft has the voucher's shape. */
const draftOf = (run: DemoRun) => run.result!.draft as unknown as Voucher;

const SYSTEMS: DemoSystem[] = ['dingtalk', 'feishu', 'wecom'];

/** What a line books, as the demo company's rules define it (currency and rate belong to the settings). */
const booked = (l: EntryLine, dims: ('department' | 'employee')[]) => ({
  summary: l.summary,
  account: l.account,
  debit: l.debit.toFixed(2),
  credit: l.credit.toFixed(2),
  dims: Object.fromEntries(dims.map((d) => [d, l.dimensions[d] ?? null])),
});

/** Both recipes with their guesses untouched, as the analyst applies them with one click each. */
function bothRecipes(form: DemoForm) {
  const env = { template: form.template, targetFields: form.targetFields };
  const expense = guessExpense(recipeContext(form));
  expect(expense).not.toBeNull();
  const first = applyExpenseRecipe(form.empty, expense!, env);
  const payable = guessPayable(recipeContext(form, first.spec));
  expect(payable).not.toBeNull();
  const second = applyPayableRecipe(first.spec, payable!, env);
  return { first, second };
}

async function voucherOf(system: DemoSystem, spec: MappingSpec | undefined) {
  const run = await runDemo(system, demoForm(system).payloadText, { spec });
  expect(run.result?.errors ?? run.shapeError).toEqual([]);
  return run.result!.output as Voucher;
}

describe.each(SYSTEMS)('recipes on an empty %s mapping', (system) => {
  it('expense per detail row and payable to the claimant give the demo voucher\'s lines', async () => {
    const form = demoForm(system);
    const { first, second } = bothRecipes(form);
    expect(first.lines).toEqual(['expense', 'inputVat']);
    expect(second.lines).toEqual(['payable']);
    const mine = await voucherOf(system, withVoucherBasics(second.spec, form.targetFields));
    const demo = await voucherOf(system, undefined);
    const kinds = (v: Voucher) => v.lines.map((l, i) => booked(l, i < v.lines.length - 1 ? ['department'] : ['employee']));
    expect(kinds(mine)).toEqual(kinds(demo));
    expect(mine.lines.length).toBeGreaterThan(2);
  });

  it('makes ordinary nodes, reusing the claimant\'s lookup across the two recipes', () => {
    const form = demoForm(system);
    const { second } = bothRecipes(form);
    const tables = second.spec.nodes.flatMap((n) => (n.kind === 'lookup' ? [n.table] : []));
    expect(tables.filter((t) => t === 'employees')).toHaveLength(1);
    expect([...new Set(tables)].sort()).toEqual(system === 'wecom' ? ['accounts', 'departments', 'employees', 'expense-types'] : ['departments', 'employees', 'expense-types']);
    // Every link targets a port that exists: the editor can open and re-wire each node.
    for (const e of second.spec.edges) expect(second.spec.nodes.some((n) => n.id === e.to.node)).toBe(true);
  });
});

describe('recipe node names', () => {
  it('are in the analyst\'s language (WeCom\'s form has English labels too)', () => {
    const form = demoForm('wecom');
    const named = (lang: 'zh' | 'en') => {
      const env = { template: form.template, targetFields: form.targetFields, lang };
      const first = applyExpenseRecipe(form.empty, guessExpense(recipeContext(form))!, env);
      const spec = applyPayableRecipe(first.spec, guessPayable(recipeContext(form, first.spec))!, env).spec;
      return spec.nodes.flatMap((n) => (n.label ? [n.label] : []));
    };
    const en = named('en');
    expect(en).toContain('Net of tax');
    expect(en.filter((l) => /[\u4e00-\u9fff]/.test(l))).toEqual([]);
    expect(named('zh')).toContain('不含税金额');
  });
});

describe('recipe guesses', () => {
  it('keys the department lookup by what each OA system sends (name for DingTalk, open id for Feishu, party id for WeCom)', () => {
    const keys = SYSTEMS.map((s) => guessExpense(recipeContext(demoForm(s)))!.department);
    expect(keys.map((d) => [d?.keyColumn, d?.port, d?.prefixColumn])).toEqual([
      ['dept_name', 'name', 'expense_account_prefix'],
      ['feishu_open_department_id', 'id', 'expense_account_prefix'],
      ['wecom_partyid', 'id', 'expense_account_prefix'],
    ]);
    // The ledger's code column: Kingdee's department number, U8's own code.
    expect(keys.map((d) => d?.codeColumn)).toEqual(['dept_code', 'dept_code', 'u8_dept_code']);
  });

  it('picks the form total over the sums of the amount and tax columns (Feishu)', () => {
    const form = demoForm('feishu');
    const total = form.template.fields.find((f) => f.id === guessPayable(recipeContext(form))!.totalField);
    expect(total?.label.zh).toBe('报销合计');
  });

  it('without a sample claim, finds the tables by their names and the OA system\'s key column', () => {
    const form = demoForm('wecom');
    const guess = guessPayable(recipeContext(form, form.empty, false))!;
    expect(guess.claimant).toMatchObject({ table: 'employees', keyColumn: 'wecom_userid', columns: ['u8_person_code', 'name'] });
    expect(guess.account).toBe('2241');
  });

  it('leaves the VAT and payable accounts blank when the chart has neither the usual code nor a matching name', () => {
    const form = demoForm('dingtalk');
    const ctx = recipeContext(form);
    ctx.tables = { ...ctx.tables, accounts: { columns: ['account_code', 'account_name'], rows: [['1001', '库存现金']] } };
    expect(guessExpense(ctx)!.vatAccount).toBe('');
    expect(guessPayable(ctx)!.account).toBe('');
  });
});

describe('expense recipe without a tax column', () => {
  it('debits the whole amount and makes no input-VAT line', async () => {
    const form = demoForm('dingtalk');
    const guess = { ...guessExpense(recipeContext(form))!, taxColumn: null };
    const r = applyExpenseRecipe(form.empty, guess, { template: form.template, targetFields: form.targetFields });
    expect(r.lines).toEqual(['expense']);
    const payable = applyPayableRecipe(r.spec, guessPayable(recipeContext(form, r.spec))!, { template: form.template, targetFields: form.targetFields });
    const run = await runDemo('dingtalk', form.payloadText, { spec: withVoucherBasics(payable.spec, form.targetFields) });
    const lines = draftOf(run).lines;
    const gross = form.record.fields[guess.table].value as Record<string, { value: string }>[];
    const amounts = gross.map((row) => row[guess.amountColumn].value).filter((v) => Number(v) > 0);
    expect(lines.slice(0, -1).map((l) => l.debit.toFixed())).toEqual(amounts.map((a) => String(Number(a))));
  });
});

describe('tax split', () => {
  it('with the tax column, routes the net into the expense line\'s debit in place of the gross', async () => {
    const form = demoForm('dingtalk');
    const env = { template: form.template, targetFields: form.targetFields };
    const noTax = applyExpenseRecipe(form.empty, { ...guessExpense(recipeContext(form))!, taxColumn: null }, env);
    const split = guessTaxSplit(recipeContext(form, noTax.spec))!;
    expect(split.net).toEqual({ line: 'expense', field: 'debit' });
    const netted = applyTaxSplitRecipe(noTax.spec, split, env);
    const debitLinks = netted.spec.edges.filter((e) => e.to.node === 't.expense.debit');
    expect(debitLinks).toHaveLength(1);
    const demo = await voucherOf('dingtalk', undefined);
    const withPayable = applyPayableRecipe(netted.spec, guessPayable(recipeContext(form, netted.spec))!, env);
    const run = await runDemo('dingtalk', form.payloadText, { spec: withVoucherBasics(withPayable.spec, form.targetFields) });
    const draft = draftOf(run);
    // Same net debits as the demo's expense lines (its rows with tax equal to amount give none; ours give zero).
    const demoNets = demo.lines.slice(0, -2).map((l) => l.debit.toFixed(2));
    expect(draft.lines.slice(0, -1).map((l) => l.debit.toFixed(2)).filter((d) => d !== '0.00')).toEqual(demoNets);
  });

  it('at a rate, books the tax rounded once and the net as the remainder', async () => {
    const form = demoForm('wecom');
    const env = { template: form.template, targetFields: form.targetFields };
    const ctx = recipeContext(form);
    const payable = guessPayable(ctx)!;
    let spec = applyExpenseRecipe(form.empty, guessExpense(ctx)!, env).spec;
    spec = applyPayableRecipe(spec, payable, env).spec;
    const r = applyTaxSplitRecipe(spec, { gross: { field: payable.totalField }, tax: { kind: 'rate', rate: '0.09' }, net: { line: 'payable', field: 'credit' }, taxTo: null }, env);
    expect(r.spec.nodes.find((n) => n.kind === 'function' && n.fn === 'tax.split')).toBeDefined();
    const run = await runDemo('wecom', form.payloadText, { spec: withVoucherBasics(r.spec, form.targetFields) });
    const credit = draftOf(run).lines.at(-1)!.credit;
    const gross = new Decimal(form.record.fields[payable.totalField].value as string);
    const tax = gross.times('0.09').div('1.09').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(credit.toFixed(2)).toBe(gross.minus(tax).toFixed(2));
    // The voucher no longer balances, and says so: the split changed what the payable books.
    expect(run.result?.errors.map((e) => e.code)).toContain('unbalanced');
  });
});

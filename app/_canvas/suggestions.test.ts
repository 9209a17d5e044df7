import { describe, expect, it } from 'vitest';
import type { DemoSystem } from '../../db/seed/demo-fixture';
import { applyExpenseRecipe } from './recipes';
import { guessExpense } from './recipes-guess';
import { demoForm, recipeContext } from './recipes-support';
import { bridgeFor, linkThroughBridge, suggestSources } from './suggestions';

const SYSTEMS: DemoSystem[] = ['dingtalk', 'feishu', 'wecom'];

function suggest(system: DemoSystem, line: 'payable' | 'expense' | null, fieldId: string, opts: { withSample?: boolean } = {}) {
  const form = demoForm(system);
  // An expense line repeated over the detail table, and a once line for the payable, as the analyst would have.
  const withExpense = applyExpenseRecipe(form.empty, guessExpense(recipeContext(form))!, { template: form.template, targetFields: form.targetFields }).spec;
  const spec = { ...withExpense, lines: [...withExpense.lines, { id: 'payable', label: { zh: '应付报销款', en: 'Payable' }, repeat: 'once' as const }] };
  const field = form.targetFields.find((f) => f.id === fieldId && f.group === (line ? 'line' : 'header'))!;
  const list = suggestSources({ spec, template: form.template, target: { line, field }, record: opts.withSample === false ? null : form.record });
  return { list, names: list.map((s) => s.labels.zh ?? s.labels.en) };
}

describe.each(SYSTEMS)('suggestions on the %s demo form', (system) => {
  it('the payable line\'s amounts: the form total first', () => {
    for (const side of ['debit', 'credit']) {
      const { names } = suggest(system, 'payable', side);
      expect(names[0]).toMatch(/^报销(总额|合计)/);
      expect(names.join()).not.toMatch(/费用类型|报销事由/);
    }
  });

  it('the voucher date: the approval finish time first', () => {
    const { list } = suggest(system, null, 'date');
    expect(list[0].key).toBe('meta:finishedAt');
    expect(list.every((s) => s.type === 'date' || s.type === 'datetime')).toBe(true);
  });

  it('the employee: the claimant first', () => {
    expect(suggest(system, 'payable', 'employee').names[0]).toBe('报销人');
  });

  it('the expense line\'s debit: a column of its own detail table, the amount before the tax', () => {
    const { list, names } = suggest(system, 'expense', 'debit');
    expect(list[0].table).toBeDefined();
    expect(names[0]).toMatch(/^金额/);
    // A once line cannot read one row's amount: no column is offered there.
    expect(suggest(system, 'payable', 'debit').list.some((s) => s.table)).toBe(false);
  });
});

describe('suggestions without a sample claim', () => {
  it('still rank by type and name', () => {
    expect(suggest('dingtalk', null, 'date', { withSample: false }).list[0].key).toBe('meta:finishedAt');
    expect(suggest('wecom', 'payable', 'employee', { withSample: false }).names[0]).toBe('报销人');
  });

  it('the attachment count comes from the attachment field', () => {
    expect(suggest('feishu', null, 'attachments').list[0].type).toBe('attachment');
  });
});

describe('accepting a suggestion', () => {
  it('links the finish time to the voucher date through one date conversion that year and period reuse', async () => {
    const form = demoForm('dingtalk');
    const field = (id: string) => form.targetFields.find((f) => f.id === id && f.group === 'header')!;
    let spec = form.empty;
    for (const id of ['date', 'fiscalYear', 'period']) {
      const top = suggestSources({ spec, template: form.template, target: { line: null, field: field(id) }, record: form.record })[0];
      expect(top.key).toBe('meta:finishedAt');
      const r = linkThroughBridge(spec, top, { line: null, field: field(id) }, form.targetFields);
      if (!r.ok) throw new Error(r.reason.code);
      spec = r.spec;
    }
    const fns = spec.nodes.flatMap((n) => (n.kind === 'function' ? [n.fn] : []));
    expect(fns.sort()).toEqual(['date.period', 'date.toDate', 'date.year']);
    // What the engine makes of it: the finish time's date in Beijing (a generic journal needs no more fields).
    const { compile } = await import('#server/engine');
    const { getCatalogue } = await import('#server/ledgers');
    const withLine = { ...applyExpenseRecipe(spec, guessExpense(recipeContext(form, spec))!, { template: form.template, targetFields: form.targetFields }).spec, target: { format: 'journal-json' } };
    const compiled = compile(withLine, { catalogue: getCatalogue(withLine.target.format)!, tables: recipeContext(form).tables });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const out = await compiled.executor.execute(form.record);
    const header = (out.output ?? out.draft)!.header as Record<string, unknown>;
    const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(form.record.finishedAt!));
    expect(String(header.date)).toBe(beijing);
    expect(Number(String(header.period))).toBe(Number(String(header.date).slice(5, 7)));
  });

  it('a line\'s currency: the currency of the amount it books, linked from that port', () => {
    const form = demoForm('feishu');
    const { list } = suggest('feishu', 'expense', 'currency');
    expect(list[0]).toMatchObject({ port: 'currency', type: 'money' });
    expect(list[0].table).toBeDefined();
    const spec = applyExpenseRecipe(form.empty, guessExpense(recipeContext(form))!, { template: form.template, targetFields: form.targetFields }).spec;
    const field = form.targetFields.find((f) => f.id === 'currency' && f.group === 'line')!;
    const r = linkThroughBridge(spec, list[0], { line: 'expense', field }, form.targetFields);
    expect(r.ok && r.spec.edges.at(-1)!.from.port).toBe('currency');
  });

  it('needs no conversion where the types meet', () => {
    const form = demoForm('wecom');
    const employee = form.targetFields.find((f) => f.id === 'employee')!;
    expect(bridgeFor('person', employee)).toEqual([]);
    expect(bridgeFor('date', form.targetFields.find((f) => f.id === 'date')!)).toEqual([]);
  });
});

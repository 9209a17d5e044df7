import { describe, expect, it } from 'vitest';
import type { MappingSpec } from '#server/engine/spec';
import { outcomeProblems } from '#server/pipeline/outcome-problems';
import { demoSpec } from '../../db/seed/demo-fixture';
import { runDemo } from '../../db/seed/demo-fixture';
import { generateClaims } from '../../e2e/fixtures/dingtalk-claims';
import { connect, ensureSourceNode, ensureTargetNode } from './commands';
import { applyExpenseRecipe, applyPayableRecipe } from './recipes';
import { guessExpense, guessPayable } from './recipes-guess';
import { demoForm, recipeContext, withVoucherBasics } from './recipes-support';

/**
 * The recipes with their guesses, checks included, plus the three things an analyst adds by hand (voucher date,
 * attachments, chart of accounts), must decide every claim as the shipped DingTalk demo mapping does: the same
 * voucher for a valid claim, the same problems (field, row, value, message) for a broken one.
 */
function recipeMapping(): MappingSpec {
  const form = demoForm('dingtalk');
  const env = { template: form.template, targetFields: form.targetFields };
  const expense = guessExpense(recipeContext(form))!;
  expect(expense.checks?.totalField).toBe('MoneyField_18PDM5K773FK0');
  const first = applyExpenseRecipe(form.empty, expense, env);
  const second = applyPayableRecipe(first.spec, guessPayable(recipeContext(form, first.spec))!, env);
  let spec = withVoucherBasics(second.spec, form.targetFields);
  const files = ensureSourceNode(spec, { field: 'DDAttachment_D37VXHQUCG00', type: 'attachment' });
  const count = ensureTargetNode(files.spec, null, 'attachments');
  const linked = connect(count.spec, { node: files.id, port: 'count' }, { node: count.id, port: 'value' }, { targetFields: form.targetFields });
  if (!linked.ok) throw new Error(linked.reason.code);
  spec = { ...linked.spec, target: { ...linked.spec.target, chartOfAccounts: demoSpec('dingtalk').target.chartOfAccounts } };
  return spec;
}

const decided = async (spec: MappingSpec | undefined, payload: unknown) => {
  const run = await runDemo('dingtalk', payload, { spec });
  const problems = outcomeProblems(run.outcome).map((p) => JSON.stringify(p)).sort();
  return { kind: run.outcome.kind, document: run.document, problems };
};

describe('the expense recipe\'s claim checks', () => {
  it('decide the sample and generated claims exactly as the shipped DingTalk mapping', async () => {
    const mine = recipeMapping();
    expect(mine.nodes.filter((n) => n.kind === 'check').length).toBe(9);
    const claims = generateClaims(20251123, { valid: 8, invalid: 15 });
    let refused = 0;
    for (const c of claims) {
      const [a, b] = [await decided(mine, c.payload), await decided(undefined, c.payload)];
      expect(a, c.name).toEqual(b);
      if (b.kind === 'error') refused++;
    }
    expect(refused).toBe(13);
  });

  it('words the rules with the form\'s own names in Chinese', () => {
    const checks = recipeMapping().nodes.flatMap((n) => (n.kind === 'check' ? [n.message.zh] : []));
    expect(checks).toContain('报销总额必须等于明细金额之和');
    expect(checks).toContain('费用明细至少要有一行金额大于 0');
    expect(checks.some((m) => m?.includes('MoneyField_'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { getCatalogue } from '#server/ledgers/catalogues';
import { createTranslator, MESSAGES, pickLabel } from '../_i18n/messages';
import { problemText, type ProblemContext } from './problem-text';
import { loadDemo } from './test-support';

const spec = loadDemo('travel-reimbursement.dingtalk-kingdee');
const targetFields = getCatalogue(spec.target.format)!.fields;
const context = (locale: 'zh-CN' | 'en'): ProblemContext => ({
  t: createTranslator(MESSAGES[locale]),
  label: (l) => pickLabel(l, locale),
  spec,
  targetFields,
  catalogueLabel: (id) => (id === 'fn.unnamed' ? { zh: '四舍五入', en: 'Round' } : undefined),
});

describe('compile problems in the UI language', () => {
  it('names the voucher field and the line template by their labels', () => {
    const line = spec.lines[0];
    const p = { code: 'unmapped_required', message: 'line "expense": required field "Account" (account) is not mapped', line: line.id, params: { field: 'account' } };
    expect(problemText(p, context('zh-CN'))).toBe(`分录「${line.label!.zh}」的必填字段「科目」未映射`);
    expect(problemText(p, context('en'))).toBe(`Line “${line.label!.en}”: required field “Account” is not mapped`);
    expect(problemText({ code: 'unmapped_required', message: 'x', params: { field: 'date' } }, context('zh-CN'))).toBe('必填凭证字段「凭证日期」未映射');
  });

  it("calls a node by the analyst's name, else by its catalogue name, else by what it is — never by its id", () => {
    const named = spec.nodes.find((n) => n.label)!;
    expect(problemText({ code: 'unconnected_input', message: 'x', node: named.id, params: { port: 'a' } }, context('en'))).toBe(`“${named.label}”: input “an input” is not connected`);
    expect(problemText({ code: 'unconnected_input', message: 'x', node: 'fn.unnamed', params: { port: 'value' } }, context('zh-CN'))).toBe('「四舍五入」的输入「某个输入」未连接');
    expect(problemText({ code: 'bad_params', message: 'x', node: 'fn.ghost', params: { param: 'places' } }, context('en'))).toBe('“a removed node”: setting “a setting” is missing or wrong');
  });

  it("never shows the engine's English message, not even for a code it has no wording for", () => {
    expect(problemText({ code: 'cycle', message: 'cycle through a → b → a' }, context('zh-CN'))).toBe('映射有问题');
    expect(problemText({ code: 'brand_new', message: 'engine words', line: spec.lines[0].id }, context('zh-CN'))).toBe(`分录「${spec.lines[0].label!.zh}」有问题`);
  });
});

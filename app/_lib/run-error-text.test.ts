import { describe, expect, it } from 'vitest';
import { previewPayload } from '#server/pipeline/preview';
import { demoPayload, demoSpec, demoTables } from '../../db/seed/demo-fixture';
import { createTranslator, MESSAGES, pickLabel } from '../_i18n/messages';
import { runErrorText } from './run-error-text';

const say = (locale: 'zh-CN' | 'en') => [createTranslator(MESSAGES[locale]), (l: Parameters<typeof pickLabel>[0]) => pickLabel(l, locale)] as const;
const base = { message: 'engine words', labels: null, targetLabel: null, params: {} as Record<string, string> };

describe('run errors in the UI language', () => {
  it('words an unbalanced voucher and a line problem from their figures', () => {
    const unbalanced = { ...base, code: 'unbalanced', params: { value: '', debit: '10.00', credit: '9.99', difference: '0.01' } };
    expect(runErrorText(unbalanced, ...say('zh-CN'))).toBe('借方合计 10.00 ≠ 贷方合计 9.99（差额 0.01）');
    expect(runErrorText(unbalanced, ...say('en'))).toBe('Debits 10.00 ≠ credits 9.99 (difference 0.01)');
    const account = { ...base, code: 'account_not_postable', params: { value: '6601', line: '2' } };
    expect(runErrorText(account, ...say('zh-CN'))).toBe('第 2 条分录：科目 6601 是汇总科目，不能直接记账');
  });

  it("names the voucher field by its label in the UI's language", () => {
    const e = { ...base, code: 'too_many_decimals', targetLabel: { zh: '借方金额', en: 'Debit' }, params: { value: '1.005', scale: '2', line: '1' } };
    expect(runErrorText(e, ...say('zh-CN'))).toBe('「借方金额」：1.005 的小数超过 2 位');
    expect(runErrorText(e, ...say('en'))).toBe('“Debit”: 1.005 has more than 2 decimals');
  });

  it('words a value that is no date without blaming a voucher field when the error names none', () => {
    const e = { ...base, code: 'not_a_date', params: { value: '2025031409' } };
    expect(runErrorText(e, ...say('zh-CN'))).toBe('「2025031409」不是日期（YYYY-MM-DD）');
    expect(runErrorText({ ...e, targetLabel: { zh: '凭证日期', en: 'Voucher date' } }, ...say('en'))).toBe('“Voucher date” needs a date (YYYY-MM-DD), got “2025031409”');
  });

  it("prefers the analyst's wording of a check, and keeps the engine's message when figures or a wording are missing", () => {
    expect(runErrorText({ ...base, code: 'check_failed', labels: { zh: '报销总额不符', en: 'Total differs' } }, ...say('zh-CN'))).toBe('报销总额不符');
    expect(runErrorText({ ...base, code: 'required' }, ...say('zh-CN'))).toBe('engine words');
    expect(runErrorText({ ...base, code: 'function_failed', params: { value: 'x' } }, ...say('zh-CN'))).toBe('engine words');
  });

  it('words every code it knows in both languages with no placeholder left over', () => {
    const params = {
      value: 'v', line: '1', scale: '2', length: '9', max: '8', table: 't', debit: '1', credit: '2', difference: '-1', column: '3',
      dateColumn: 'd', count: '2', values: 'a, b', currency: 'USD', otherCurrency: 'CNY', amountCurrency: 'USD', lineCurrency: 'CNY', localCurrency: 'CNY', name: 'n', row: '2',
    };
    const about = { targetLabel: { zh: '字段', en: 'Field' }, field: 'f1', fieldLabel: { zh: '金额', en: 'Amount' }, row: 2, node: 'x1', nodeLabel: '计算' };
    for (const code of Object.keys(MESSAGES.en.runError))
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = runErrorText({ ...base, ...about, code, params }, ...say(locale));
        expect(text, `${locale} ${code}`).not.toBe('engine words');
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]/);
      }
  });

  it('names the OA field and its detail row where the error gives them, and words it without them otherwise', () => {
    const e = { ...base, code: 'multi_valued', params: { value: 'a, b', count: '2', values: 'a, b' } };
    const field = { field: 'dept', fieldLabel: { zh: '费用承担部门', en: 'Cost department' } };
    expect(runErrorText({ ...e, ...field, row: 3 }, ...say('en'))).toMatch(/^“Cost department” \(row 3\) holds 2 values \(a, b\)/);
    expect(runErrorText({ ...e, ...field, row: null }, ...say('zh-CN'))).toMatch(/^「费用承担部门」有 2 个值（a, b）/);
    // No label: the field id still says which field; no field at all: the wording without it.
    expect(runErrorText({ ...e, field: 'dept', fieldLabel: null, row: null }, ...say('en'))).toMatch(/^“dept” holds 2 values/);
    expect(runErrorText({ ...e, field: null, fieldLabel: null, row: null }, ...say('en'))).toMatch(/^2 values \(a, b\) where one is expected/);
    expect(runErrorText({ ...e, params: { value: 'x' } }, ...say('en'))).toBe('engine words');
  });

  it('words a lookup miss in an effective-dated table with its date column, and a plain one without', () => {
    const e = { ...base, code: 'lookup_miss', params: { value: 'USD', table: 'rates', column: 'currency' } };
    expect(runErrorText(e, ...say('en'))).toBe('“USD” is not in the currency column of lookup table rates');
    expect(runErrorText({ ...e, params: { ...e.params, dateColumn: 'effective_from' } }, ...say('en'))).toMatch(/^Lookup table rates has no row for “USD” in force on or before/);
  });

  it('words a real run: a claim whose department is missing from the lookup table', async () => {
    const tables = demoTables();
    const spec = demoSpec('dingtalk');
    const emptied = new Set(spec.nodes.flatMap((n) => (n.kind === 'lookup' ? [n.table] : [])));
    const first = [...emptied][0];
    const source = (names: string[]) => Object.fromEntries(names.flatMap((n) => (tables[n] ? [[n, n === first ? { ...tables[n], rows: [] } : tables[n]]] : [])));
    const r = await previewPayload(spec, JSON.stringify(demoPayload('dingtalk')), source);
    const miss = r.errors.find((e) => e.code === 'lookup_miss')!;
    expect(miss).toBeDefined();
    const key = spec.nodes.find((n) => n.kind === 'lookup' && n.table === first && n.id === miss.node);
    expect(key?.kind).toBe('lookup');
    const column = key?.kind === 'lookup' ? key.keyColumn : '';
    expect(runErrorText(miss, ...say('zh-CN'))).toBe(`「${miss.value}」在对照表 ${first} 的 ${column} 列中找不到`);
    expect(runErrorText(miss, ...say('en'))).toBe(`“${miss.value}” is not in the ${column} column of lookup table ${first}`);
  });

  it('words an empty form value by its name, and an empty value of the approval itself by the form tree’s name for it', () => {
    const empty = { ...base, code: 'empty_input', message: 'x is empty' };
    expect(runErrorText({ ...empty, field: 'MoneyField_1', params: { name: '报销总额' } }, ...say('zh-CN'))).toBe('报销总额为空');
    expect(runErrorText({ ...empty, field: 'amount', row: 2, params: { name: '金额', row: '2' } }, ...say('en'))).toBe('金额 is empty in row 2');
    expect(runErrorText({ ...empty, field: '$finishedAt', params: {} }, ...say('zh-CN'))).toBe('审批完成时间为空');
  });
});


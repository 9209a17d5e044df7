import { describe, expect, it } from 'vitest';
import { getCatalogue } from '#server/ledgers/catalogues';
import { checkTargetOptions } from '#server/ledgers/options';
import { createTranslator, MESSAGES, pickLabel } from '../_i18n/messages';
import { targetOptionText } from './target-option-text';

const wording = (locale: 'zh-CN' | 'en', format: string) => ({
  t: createTranslator(MESSAGES[locale]),
  label: (l: Parameters<typeof pickLabel>[0]) => pickLabel(l, locale),
  targetFields: getCatalogue(format)?.fields ?? [],
});
const U8 = 'u8-voucher-xml';
const KINGDEE = 'kingdee-gl-voucher';

describe('ledger-settings problems in the UI language', () => {
  it('names the missing U8 sender by the name the settings panel shows', () => {
    const [problem] = checkTargetOptions(U8, { preparer: '张会计' });
    expect(targetOptionText(problem, wording('zh-CN', U8))).toBe('必填设置「发送方 (sender)」未填写');
    expect(targetOptionText(problem, wording('en', U8))).toBe('Required setting “Sender” is empty');
  });

  it('asks for the preparer from the mapping or the settings, naming the header field', () => {
    const problems = checkTargetOptions(U8, { sender: 'OA01' });
    expect(problems.map((p) => targetOptionText(p, wording('en', U8)))).toEqual(['Map the voucher header field “Preparer” or fill in the setting “Preparer”']);
  });

  it('says why a value is refused in words, with the entry it sits in', () => {
    const lower = checkTargetOptions(KINGDEE, { accountBook: '001', voucherGroup: 'PRE001', currencyMap: { CNY: 'PRE001', usd: 'PRE007' } });
    expect(lower.map((p) => targetOptionText(p, wording('zh-CN', KINGDEE)))).toEqual([
      '「币别对照 › usd」不能为 "usd"：币种须为 3 位大写 ISO 代码，如 CNY、USD',
    ]);
    const text = checkTargetOptions(KINGDEE, { accountBook: '001', voucherGroup: 'PRE001', isVerifyBaseDataField: 'true' });
    expect(text.map((p) => targetOptionText(p, wording('en', KINGDEE)))).toEqual(['“Verify base data” must be on or off, not "true"']);
  });

  it('names a refused flex field by the row and column of the dimension table', () => {
    const dimensionMap = { department: { field: 'FFLEX99', formId: 'BD_Department' } };
    const [bad] = checkTargetOptions(KINGDEE, { accountBook: '001', voucherGroup: 'PRE001', dimensionMap });
    expect(targetOptionText(bad, wording('zh-CN', KINGDEE))).toBe('「核算维度对照 › 部门 › 金蝶维度字段」不能为 "FFLEX99"：须为 FFLEX4–FFLEX13，或自定义字段如 FF100001');
    expect(targetOptionText(bad, wording('en', KINGDEE))).toBe('“Dimension fields › Department › Kingdee field” cannot be "FFLEX99": use FFLEX4 to FFLEX13, or a custom field such as FF100001');
  });

  it('names clashing dimensions by their voucher labels', () => {
    const dimensionMap = { department: { field: 'FFLEX5', formId: 'BD_Department' }, expenseItem: { field: 'FFLEX5', formId: 'BD_Expense' } };
    const [clash] = checkTargetOptions(KINGDEE, { accountBook: '001', voucherGroup: 'PRE001', dimensionMap });
    const zh = targetOptionText(clash, wording('zh-CN', KINGDEE));
    expect(zh).toMatch(/^部门、.+ 都写入了 FFLEX5/);
    expect(zh).not.toContain('expenseItem');
  });
});

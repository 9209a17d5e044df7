import path from 'node:path';
import { expect, test } from './console-guard';

/**
 * A new, empty mapping as an analyst first sees it: the fields a finance system fixes already show their value and
 * where it comes from (the ledger settings, the voucher date), no problem is listed for them, and the live preview
 * shows the voucher as far as it is mapped — one link in, the other required fields marked in place.
 */

const BASE_NAME = 'settings-derived.dingtalk-kingdee';
const SCREENSHOTS = path.join(__dirname, '..', 'test-results', 'screenshots');
const REASON = '3月10日-12日赴北京参加中国国际广告展（市场部参展）差旅费';

test('an empty mapping takes book, voucher word, currency and period from its settings and previews what is mapped', async ({ page }, testInfo) => {
  // A retry starts from the server's database as the failed attempt left it: a name of its own.
  const NAME = testInfo.retry ? `${BASE_NAME}-${testInfo.retry}` : BASE_NAME;
  await page.goto('/');
  await page.getByRole('button', { name: '新建映射' }).click();
  const wizard = page.getByRole('dialog', { name: '新建映射' });
  await wizard.getByRole('radio', { name: '钉钉' }).check();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('combobox', { name: '表单' }).click();
  await page.getByTitle(/差旅费报销 \(DingTalk\)/).click();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('radio', { name: '金蝶云星空 总账凭证' }).check();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('textbox').first().fill(NAME);
  await wizard.getByRole('button', { name: '创建并打开' }).click();
  await expect(page).toHaveURL(new RegExp(`/mappings/${NAME.replace(/\./g, '\\.')}/edit$`));
  await expect(page.getByTestId('editor-canvas')).toBeVisible();

  // The voucher tree: each fixed field with its value and its source, nothing on the canvas for them.
  await expect(page.getByTestId('target-source-header-book')).toHaveText('001 · 来自设置');
  await expect(page.getByTestId('target-source-header-voucherWord')).toHaveText('PRE001 · 来自设置');
  await expect(page.getByTestId('target-source-header-fiscalYear')).toHaveText('来自凭证日期');
  await expect(page.getByTestId('target-source-header-period')).toHaveText('来自凭证日期');
  await expect(page.getByTestId('target-source-header-date')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // The problems name what the analyst must still do (the voucher date, a line), none of the derived fields.
  const problems = page.getByTestId('editor-problems');
  await expect(problems).toContainText('凭证日期');
  for (const derived of ['「账簿」', '「凭证字」', '「会计年度」', '「会计期间」']) await expect(problems).not.toContainText(derived);

  // A line template: its currency, rate type and rate come from the settings too.
  await page.getByRole('button', { name: /添加分录行/ }).click();
  await expect(page.getByTestId('target-source-line-currency')).toHaveText('CNY · 来自设置');
  await expect(page.getByTestId('target-source-line-exchangeRateType')).toHaveText('HLTX01_SYS · 来自设置');
  await expect(page.getByTestId('target-source-line-exchangeRate')).toHaveText('本位币为 1');
  await expect(problems).not.toContainText('「币别」');

  // One link: the claim's reason dropped onto the line's explanation.
  await page.getByRole('searchbox', { name: '搜索字段' }).first().fill('报销事由');
  await page.getByRole('searchbox', { name: '搜索字段' }).nth(1).fill('summary');
  await page.getByTestId('source-field-TextareaField_1WDA2S9K0F1C0').dragTo(page.getByTestId('target-field-line-summary'));
  await expect(page.getByTestId('rf__edge-e.src.TextareaField_1WDA2S9K0F1C0.t.line.summary')).toBeAttached();

  // The live preview shows the voucher as far as it is mapped; the unmapped required fields are marked in place.
  const preview = page.getByTestId('editor-preview');
  await expect(preview.getByTestId('preview-status')).toContainText('个必填字段尚未映射');
  const line = preview.getByTestId('preview-lines-table').locator('tbody tr.ant-table-row').first();
  await expect(line).toContainText(REASON);
  await expect(preview.getByTestId('preview-not-mapped-1-account')).toHaveText('未映射');
  await expect(preview.getByTestId('preview-not-mapped-1-summary')).toHaveCount(0);
  await expect(preview.getByTestId('preview-not-mapped-header-date')).toHaveText('未映射');
  await expect(preview).toContainText('PRE001');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-derived-zh.png'), fullPage: true });

  // Linking a derived field overrides it: the tree shows it linked, no longer "from settings".
  await page.getByRole('searchbox', { name: '搜索字段' }).first().fill('审批编号');
  await page.getByRole('searchbox', { name: '搜索字段' }).nth(1).fill('voucherWord');
  await page.getByTestId('source-field-meta:oaReference').dragTo(page.getByTestId('target-field-header-voucherWord'));
  await expect(page.getByTestId('target-source-header-voucherWord')).toHaveCount(0);

  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search fields' }).nth(1).fill('');
  await expect(page.getByTestId('target-source-header-book')).toHaveText('001 · from settings');
  await expect(page.getByTestId('target-source-header-period')).toHaveText('from the voucher date');
  await expect(preview.getByTestId('preview-not-mapped-1-account')).toHaveText('not mapped');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-derived-en.png'), fullPage: true });
});

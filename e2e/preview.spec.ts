import { expect, test, type Page } from './console-guard';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The preview flow a finance analyst walks through: from the mapping list to the voucher the DingTalk demo claim
 * becomes, in both languages, then a broken payload. The server seeds the demo company into its own fresh
 * database (playwright.config.ts), so this spec needs no setup of its own.
 */

// The README's screenshots are refreshed on request (UPDATE_SCREENSHOTS=1); ordinary runs keep theirs in test-results.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(__dirname, '..', 'docs', 'screenshots') : path.join(__dirname, '..', 'test-results', 'screenshots');
const MAPPING = 'travel-reimbursement.dingtalk-kingdee';

async function pickDingTalkSample(page: Page) {
  await page.getByRole('combobox', { name: '样例审批单' }).click();
  await page.getByTitle('张伟 差旅费报销 2496.00 (DingTalk)').click();
}

test('the DingTalk demo claim previews as a balanced Kingdee voucher, in Chinese and English', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '凭证映射' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: MAPPING });
  await expect(row).toContainText('钉钉');
  await expect(row).toContainText('金蝶云星空 总账凭证');
  await row.getByRole('link', { name: /^预览/ }).click();

  await expect(page).toHaveURL(new RegExp(`/mappings/${MAPPING}/preview$`));
  await expect(page.getByRole('heading', { name: '差旅费报销：钉钉 → 金蝶总账凭证' })).toBeVisible();
  await pickDingTalkSample(page);

  const status = page.getByTestId('preview-status');
  await expect(status).toContainText('借贷平衡');
  await expect(status).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00');

  const lines = page.getByTestId('preview-lines-table');
  await expect(lines.locator('tbody tr.ant-table-row')).toHaveCount(5);
  await expect(page.getByTestId('preview-total-debit')).toHaveText('2,496.00');
  await expect(page.getByTestId('preview-total-credit')).toHaveText('2,496.00');
  await expect(lines.getByRole('row').filter({ hasText: '6601.02' }).first()).toContainText('销售费用-差旅费');
  const payable = lines.getByRole('row').filter({ hasText: '2241' });
  await expect(payable).toContainText('其他应付款');
  await expect(payable).toContainText('2,496.00');

  await expect(page.getByText('金蝶云星空凭证 JSON')).toBeVisible();
  await expect(page.getByTestId('preview-document-text')).toContainText('"FEntity"');
  await expect(page.getByTestId('preview-document-text')).toContainText('"FAccountBookID"');

  await page.screenshot({ path: path.join(SCREENSHOTS, 'preview-zh.png'), fullPage: true, animations: 'disabled' });

  // antd's Segmented hides its radio inputs; the visible label is what a person clicks.
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByRole('banner').locator('.ant-segmented-item-selected')).toHaveText('English');
  await expect(page.getByRole('heading', { name: 'Travel expense claim: DingTalk → Kingdee GL voucher' })).toBeVisible();
  await expect(page.getByTestId('preview-status')).toContainText('Total debits 2,496.00 = total credits 2,496.00');
  await expect(page.getByRole('columnheader', { name: 'Debit' })).toBeVisible();
  await expect(page.getByText('Kingdee K/3 Cloud voucher JSON')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'preview-en.png'), fullPage: true, animations: 'disabled' });

  // The choice is remembered: a fresh load stays in English.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Voucher preview' }).or(page.getByText('Approval form data'))).toBeVisible();
});

test('a broken payload is explained, not a crash', async ({ page }) => {
  await page.goto(`/mappings/${MAPPING}/preview`);
  await page.getByRole('tab', { name: '粘贴或上传 JSON' }).click();
  await page.getByLabel('审批实例 JSON').fill('{"result": {"title": "张伟提交的差旅费报销", ');
  await page.getByRole('button', { name: /运行预览/ }).click();

  await expect(page.getByTestId('preview-status')).toContainText('数据不是有效的 JSON');
  await expect(page.getByTestId('preview-errors-table')).toContainText(/JSON 在第 1 行第 \d+ 列处有误或不完整/);
  await expect(page.getByTestId('preview-errors-table')).toContainText(/not JSON: .* at position \d+/);
  await expect(page.getByTestId('preview-lines-table')).toHaveCount(0);

  // Valid JSON that is not a DingTalk instance names the missing path instead.
  await page.getByLabel('审批实例 JSON').fill('{"hello": "world"}');
  await page.getByRole('button', { name: /运行预览/ }).click();
  await expect(page.getByTestId('preview-status')).toContainText('这不是一张钉钉审批实例');
  await expect(page.getByTestId('preview-errors-table')).toContainText('$');
});

test('a rejected claim is skipped, and the reason says which approvals post', async ({ page }) => {
  const claim = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'db', 'seed', 'payloads', 'dingtalk-instance.json'), 'utf8'));
  claim.result.result = 'refuse';
  await page.goto(`/mappings/${MAPPING}/preview`);
  await page.getByRole('tab', { name: '粘贴或上传 JSON' }).click();
  await page.getByLabel('审批实例 JSON').fill(JSON.stringify(claim));
  await page.getByRole('button', { name: /运行预览/ }).click();
  await expect(page.getByTestId('preview-status')).toContainText('已跳过：该审批单不生成凭证');
  await expect(page.getByTestId('preview-status')).toContainText(/审批单状态为「已拒绝」（.+），本映射只对「已通过」的审批单生成凭证/);
  await expect(page.getByTestId('preview-lines-table')).toHaveCount(0);
});

test('an uploaded .json file previews like a pasted one', async ({ page }) => {
  await page.goto(`/mappings/${MAPPING}/preview`);
  await page.getByRole('tab', { name: '粘贴或上传 JSON' }).click();
  await page.locator('input[type=file]').setInputFiles(path.join(__dirname, '..', 'db', 'seed', 'payloads', 'dingtalk-instance.json'));
  await expect(page.getByLabel('审批实例 JSON')).toHaveValue(/"businessId"/);
  await page.getByRole('button', { name: /运行预览/ }).click();
  await expect(page.getByTestId('preview-status')).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00');
});

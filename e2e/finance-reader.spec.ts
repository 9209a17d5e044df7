import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from './console-guard';

/**
 * What a finance reader meets on the preview page of the DingTalk demo: the applicant by name, the voucher word as
 * 记 with its code, times in China time with the zone named; a broken paste flagged where it was pasted, at its line
 * and column; a claim without its total reported as that field being empty. The editor opens with what blocks
 * publishing in view. Nothing here edits the demo mapping.
 */

const MAPPING = 'travel-reimbursement.dingtalk-kingdee';
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(__dirname, '..', 'docs', 'screenshots') : path.join(__dirname, '..', 'test-results', 'screenshots');
const demoClaim = () => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'db', 'seed', 'payloads', 'dingtalk-instance.json'), 'utf8'));

async function paste(page: Page, text: string) {
  await page.getByRole('tab', { name: '粘贴或上传 JSON' }).click();
  await page.getByLabel('审批实例 JSON').fill(text);
  await page.getByRole('button', { name: /运行预览/ }).click();
}

test('the preview names the applicant, shows 记 (PRE001) and times in China time, in both languages', async ({ page }) => {
  await page.goto(`/mappings/${MAPPING}/preview`);
  await page.getByRole('combobox', { name: '样例审批单' }).click();
  await page.getByTitle('张伟 差旅费报销 2496.00 (DingTalk)').click();
  await expect(page.getByTestId('preview-status')).toContainText('借贷平衡');

  // The DingTalk instance carries only the originator's user id: the name is the mapping's employee lookup's.
  await expect(page.getByTestId('record-applicant')).toHaveText('张伟');
  await expect(page.getByText('记 (PRE001)')).toBeVisible();
  // finishTime 2025-03-15T08:40:00Z is 16:40 in Beijing.
  await expect(page.getByTestId('record-finished-at')).toHaveText('2025-03-15 16:40 (UTC+8 北京时间)');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'finance-reader-zh.png'), fullPage: true, animations: 'disabled' });

  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByTestId('record-finished-at')).toHaveText('2025-03-15 16:40 (UTC+8 China time)');
  await expect(page.getByTestId('record-applicant')).toHaveText('张伟');
  // The sample list speaks the interface's language too.
  await expect(page.getByText('Zhang Wei – travel expense claim 2496.00 (DingTalk)')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'finance-reader-en.png'), fullPage: true, animations: 'disabled' });
  await page.getByRole('banner').getByText('简体中文', { exact: true }).click();
  await expect(page.getByTestId('record-finished-at')).toContainText('北京时间');
});

test('broken JSON is the payload’s problem, shown in the paste box at its line and column', async ({ page }) => {
  await page.goto(`/mappings/${MAPPING}/preview`);
  // The stray comma on the third line is its 14th character.
  await paste(page, '{\n  "result": {\n    "title": ,\n  }\n}');
  await expect(page.getByTestId('payload-problem')).toHaveText(/第 3 行第 14 列/);
  await expect(page.getByTestId('preview-status')).toContainText('数据不是有效的 JSON');
  await expect(page.getByTestId('preview-lines-table')).toHaveCount(0);
  // Typing again clears the flag until the next run.
  await page.getByLabel('审批实例 JSON').press('End');
  await page.getByLabel('审批实例 JSON').pressSequentially(' ');
  await expect(page.getByTestId('payload-problem')).toHaveCount(0);
});

test('a claim without 报销总额 says that field is empty, not that the total differs from the rows', async ({ page }) => {
  const claim = demoClaim();
  claim.result.formComponentValues = claim.result.formComponentValues.filter((f: { id: string }) => f.id !== 'MoneyField_18PDM5K773FK0');
  await page.goto(`/mappings/${MAPPING}/preview`);
  await paste(page, JSON.stringify(claim));
  const errors = page.getByTestId('preview-errors-table');
  await expect(errors).toContainText('报销总额为空');
  await expect(errors).not.toContainText('报销总额必须等于明细金额之和');
  await expect(page.getByTestId('payload-problem')).toHaveCount(0);
});

test('the editor opens with what blocks publishing in view, naming lines and fields by their labels', async ({ page }) => {
  await page.goto(`/mappings/${MAPPING}/edit`);
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  const problems = page.getByTestId('editor-problems');
  await expect(problems).toContainText(/没有阻止发布的问题|个问题阻止发布/);
  await expect(problems).toBeInViewport();
  await expect(page.getByTestId('editor-canvas')).toBeInViewport({ ratio: 0.5 });
  await expect(problems).not.toContainText(/line-\d|exchangeRateType|MoneyField_/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-problems-zh.png'), animations: 'disabled' });
});

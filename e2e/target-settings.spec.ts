import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test, type Page } from './console-guard';

/**
 * The ledger settings of a mapping, edited in the studio: the WeCom → U8 demo's EAI sender is required, so clearing
 * it is listed as a problem and a typed one reaches the U8 document. And amounts that a float would round reach
 * the preview with every digit. Runs on the e2e server's own fresh database (playwright.config.ts).
 */

const MAPPING = 'travel-reimbursement.wecom-u8';
const SCREENSHOTS = process.env.SETTINGS_SCREENSHOTS ?? path.join(__dirname, '..', 'test-results', 'screenshots');

async function openEditor(page: Page) {
  await page.goto(`/mappings/${MAPPING}/edit`);
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  await expect(page.getByTestId('editor-preview').getByTestId('preview-status')).toBeVisible();
}

test('a cleared U8 sender is listed as a problem, and a typed one goes into the U8 document', async ({ page }) => {
  await openEditor(page);
  const panel = page.getByTestId('editor-target-settings');
  const problems = page.getByTestId('editor-problems');
  const document = page.getByTestId('editor-preview').getByTestId('preview-document-text');
  await expect(panel).toContainText('账套设置：用友 U8');
  const sender = panel.getByRole('textbox', { name: '发送方 (sender)' });
  const before = await sender.inputValue();

  await sender.fill('');
  await expect(problems.getByTestId('editor-problem').filter({ hasText: '必填设置「发送方 (sender)」未填写' })).toBeVisible();
  // The panel marks the setting itself too.
  await expect(panel.getByTestId('editor-setting-sender')).toContainText('必填设置「发送方 (sender)」未填写');
  await problems.screenshot({ path: path.join(SCREENSHOTS, 'target-settings-problem-zh.png'), animations: 'disabled' });

  await sender.fill('LL_OA01');
  await expect(problems).not.toContainText('发送方 (sender)');
  await expect(document).toContainText('sender="LL_OA01"');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'target-settings-zh.png'), animations: 'disabled' });

  // Saved with the draft: a reload shows it, and the preview runs with it.
  await expect(page.getByTestId('editor-save-status')).toHaveText(/已保存/);
  await page.reload();
  await expect(page.getByTestId('editor-target-settings').getByRole('textbox', { name: '发送方 (sender)' })).toHaveValue('LL_OA01');
  await expect(document).toContainText('sender="LL_OA01"');

  // The language is a cookie the switch sets; a fresh load reads it (the switch itself is covered by preview.spec).
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await page.reload();
  await expect(panel).toContainText('Ledger settings: Yonyou U8');
  await panel.getByRole('textbox', { name: 'Sender' }).fill('');
  await expect(problems).toContainText('Required setting “Sender” is empty');
  await panel.getByRole('textbox', { name: 'Sender' }).fill('LL_OA01');
  await expect(problems).not.toContainText('Sender');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'target-settings-en.png'), animations: 'disabled' });

  // Leave the demo as the other specs expect it.
  if (before) await panel.getByRole('textbox', { name: 'Sender' }).fill(before);
  else await panel.getByRole('textbox', { name: 'Sender' }).fill('');
  await expect(page.getByTestId('editor-save-status')).toHaveText(/Saved/);
});

test('Kingdee settings: a dimension moved to a custom flex field and base-data checks switched off reach the document', async ({ page }) => {
  await page.goto('/mappings/travel-reimbursement.dingtalk-kingdee/edit');
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  const panel = page.getByTestId('editor-target-settings');
  const problems = page.getByTestId('editor-problems');
  const document = page.getByTestId('editor-preview').getByTestId('preview-document-text');
  await expect(document).toContainText('"FDETAILID__FFLEX5"');
  await expect(document).toContainText('"IsVerifyBaseDataField": "true"');

  // The demo's department dimension goes to a tenant's custom dimension instead.
  const departmentField = panel.getByRole('combobox', { name: '核算维度对照 部门 金蝶维度字段' });
  await departmentField.fill('FFLEX99');
  await expect(problems).toContainText('「核算维度对照 › 部门 › 金蝶维度字段」不能为 "FFLEX99"');
  await departmentField.fill('FF100001');
  await expect(problems).not.toContainText('核算维度对照');
  await expect(document).toContainText('"FDETAILID__FF100001"');
  await expect(document).not.toContainText('FDETAILID__FFLEX5');

  await setSwitch(page, panel.getByRole('switch', { name: '校验基础资料' }), false);
  await expect(document).toContainText('"IsVerifyBaseDataField": "false"');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'target-settings-kingdee-zh.png'), animations: 'disabled' });

  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await page.reload();
  await expect(panel).toContainText('Ledger settings: Kingdee');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'target-settings-kingdee-en.png'), animations: 'disabled' });

  // Put the demo back as the other specs expect it.
  await panel.getByRole('combobox', { name: 'Dimension fields Department Kingdee field' }).fill('FFLEX5');
  await setSwitch(page, panel.getByRole('switch', { name: 'Verify base data' }), true);
  await expect(document).toContainText('"FDETAILID__FFLEX5"');
  await expect(document).toContainText('"IsVerifyBaseDataField": "true"');
  await expect(page.getByTestId('editor-save-status')).toHaveText(/Saved/);
});

/**
 * Sets a switch and checks it took: the field typed just before may still have its suggestion list open over the
 * switch, or re-render under the click (a CI run lost a click that way), so the state is read back, not assumed.
 */
async function setSwitch(page: Page, toggle: Locator, on: boolean) {
  await page.keyboard.press('Escape');
  const state = on ? 'true' : 'false';
  await expect(async () => {
    if ((await toggle.getAttribute('aria-checked')) !== state) await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', state, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Adds a decimal to a decimal string exactly (in hundredths, as BigInt): the test must not round either. */
function plus(a: string, b: string): string {
  const cents = (s: string) => BigInt(s.replace('.', ''));
  const sum = (cents(a) + cents(b)).toString().padStart(3, '0');
  return `${sum.slice(0, -2)}.${sum.slice(-2)}`;
}

test('an amount a float would round shows with every digit in the preview and the U8 document', async ({ page }) => {
  // 900000000000000.01 has 17 significant digits: as a JS number it would print 900000000000000.
  const extra = '900000000000000.01';
  const payload = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'db', 'seed', 'payloads', 'wecom-approval-detail.json'), 'utf8'));
  const contents: { control: string; id: string; value: { new_money?: string; children?: { list: { id: string; value: { new_money?: string } }[] }[] } }[] = payload.info.apply_data.contents;
  const total = contents.find((c) => c.id === 'Money-1741000100008')!;
  const firstRow = contents.find((c) => c.control === 'Table')!.value.children![0].list.find((c) => c.id === 'Money-1741000200004')!;
  firstRow.value.new_money = plus(firstRow.value.new_money!, extra);
  total.value.new_money = plus(total.value.new_money!, extra);
  const claimed = total.value.new_money;

  await page.goto(`/mappings/${MAPPING}/preview`);
  await page.getByRole('tab', { name: '粘贴或上传 JSON' }).click();
  await page.getByLabel('审批实例 JSON').fill(JSON.stringify(payload));
  await page.getByRole('button', { name: /运行预览/ }).click();

  expect(claimed).toBe('900000000002496.01');
  const grouped = '900,000,000,002,496.01';
  await expect(page.getByTestId('preview-status')).toContainText(`借方合计 ${grouped} = 贷方合计 ${grouped}`);
  await expect(page.getByTestId('preview-total-credit')).toHaveText(grouped);
  await expect(page.getByTestId('preview-verdict')).toHaveText('借贷平衡');
  await expect(page.getByTestId('preview-document-text')).toContainText(claimed);
});

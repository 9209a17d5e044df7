import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from './console-guard';
import { Analyst, SCREENSHOTS, settledDrawer } from './support/analyst';
import { exportSpec, expectSameDecisions, mapBesideShipped } from './support/map-compare';

/**
 * The walkthrough's voucher from an empty DingTalk → Kingdee mapping made with the wizard, as a new analyst builds
 * it: "expense per detail row" (with its claim checks) and "payable to the claimant" applied with their guesses,
 * the voucher date and the attachment count linked through suggestions (Enter), the chart-of-accounts check
 * switched on. Book, voucher word, currency, rate, fiscal year and period come from the settings and the voucher
 * date. At most 25 gestures; the result is exported and must decide the sample and 23 generated claims exactly as
 * the shipped demo mapping does (`ledgerlink map`).
 */

test.describe.configure({ timeout: 300_000 });

const status = (page: Page) => page.getByTestId('editor-preview').getByTestId('preview-status');

test('the walkthrough voucher from an empty mapping in at most 25 gestures decides every claim as the shipped mapping', async ({ page }, testInfo) => {
  const name = `travel.walkthrough-${testInfo.retry}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-walkthrough-'));
  const a = new Analyst(page);
  await a.newMapping(name);

  // The guesses are right for the demo form: nothing is changed before Apply.
  await a.recipe('expense', 'recipe-expense-zh.png');
  // The voucher tree is a virtual list (only its rows in view exist); the canvas shows each line's fields.
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  await expect(page.getByTestId('target-line-expense')).toBeVisible();
  await expect(node('t.inputVat.debit')).toHaveCount(1);
  const afterExpense = await page.locator('.react-flow__node').count();
  expect(afterExpense).toBeGreaterThan(8);
  await a.recipe('payable');
  await expect(node('t.payable.credit')).toHaveCount(1);

  // One undo step takes a whole recipe back, one redo brings it again.
  await page.getByTestId('editor-undo').click();
  await expect(node('t.payable.credit')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(afterExpense);
  await page.getByTestId('editor-redo').click();
  await expect(node('t.payable.credit')).toHaveCount(1);

  await a.suggest('target-field-header-date', /审批完成时间/, 'suggestions-zh.png');

  // Rule 8: the attachment count, offered first for the voucher field (the invoice attachment field's count).
  await a.suggest('target-field-header-attachments', /发票/);
  // Rule 7's accounts: switched on, the check finds the chart (accounts: account_code, postable) by itself.
  const chart = page.getByTestId('editor-chart-settings');
  await a.click(chart.getByRole('switch'));
  await expect(chart.getByLabel('科目编码列', { exact: true }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText('account_code');

  await expect(status(page)).toContainText('借贷平衡', { timeout: 20_000 });
  await expect(status(page)).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00');
  await expect(page.getByTestId('editor-save-status')).toHaveText(/已保存 · 版本 \d+/);
  console.log(`walkthrough: the four-line voucher from an empty mapping in ${a.gestures} gestures`);
  expect(a.gestures).toBeLessThanOrEqual(25);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'recipes-result-zh.png'), fullPage: true });

  // What the UI built, run by the CLI beside the shipped mapping.
  expectSameDecisions(await mapBesideShipped(await exportSpec(page, work, name), work));
  fs.rmSync(work, { recursive: true, force: true });

  // The same screen in English: the menu and the recipe drawer speak it.
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByTestId('editor-recipes')).toHaveText(/Recipes/);
  await page.getByTestId('editor-recipes').click();
  await page.getByTestId('recipe-expense').click();
  const drawer = page.getByTestId('recipe-drawer');
  await expect(drawer).toContainText('Expense per detail row');
  await expect(drawer).toContainText('Amount column');
  await settledDrawer(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'recipe-expense-en.png') });
  await drawer.getByRole('button', { name: 'Cancel' }).click();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'recipes-result-en.png'), fullPage: true });
});

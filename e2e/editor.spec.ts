import type { Locator } from '@playwright/test';
import { expect, test, type Page } from './console-guard';
import path from 'node:path';
import { pickOption } from './support/pick-option';

/**
 * The mapping editor on the DingTalk demo: its canvas and live preview, a link drawn by dragging that changes the
 * preview and survives a reload, and two editors saving over each other. Runs against the e2e server's own
 * database (playwright.config.ts); nothing here changes what the preview spec checks.
 */

const MAPPING = 'travel-reimbursement.dingtalk-kingdee';
const EDIT_URL = `/mappings/${MAPPING}/edit`;
const SCREENSHOTS = path.join(__dirname, '..', 'test-results', 'screenshots');

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, handleId: string) => node(page, id).locator(`.react-flow__handle[data-handleid="${handleId}"]`);
const saveStatus = (page: Page) => page.getByTestId('editor-save-status');

/** React Flow connects on pointer events: hover the output handle, press, hover the input handle, release. */
async function dragLink(page: Page, from: Locator, to: Locator) {
  await from.hover({ force: true });
  await page.mouse.down();
  await to.hover({ force: true });
  await page.mouse.up();
}

async function savedRevision(page: Page): Promise<number> {
  await expect(saveStatus(page)).toHaveText(/已保存 · 版本 \d+/);
  return Number((await saveStatus(page).textContent())!.match(/版本 (\d+)/)![1]);
}

async function openEditor(page: Page) {
  await page.goto(EDIT_URL);
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  await expect(page.getByTestId('editor-preview').getByTestId('preview-status')).toContainText('借贷平衡');
}

test('the DingTalk demo opens in the editor with its nodes and a balanced live preview', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /^编辑 差旅费报销：钉钉/ }).click();
  await expect(page).toHaveURL(new RegExp(`${EDIT_URL}$`));
  await expect(page.getByRole('heading', { name: '差旅费报销：钉钉 → 金蝶总账凭证' })).toBeVisible();
  await expect(page.getByTestId('editor-preview').getByTestId('preview-status')).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00');
  for (const id of ['src.amount', 'lk.department', 'fn.net', 'chk.totalMatches', 't.expense.debit']) await expect(node(page, id)).toBeVisible();
  await expect(node(page, 'fn.net')).toContainText('不含税金额');
  await expect(page.getByTestId('source-field-MoneyField_18PDM5K773FK0')).toContainText('报销总额');
  await expect(page.getByTestId('target-field-expense-debit')).toContainText('借方金额');

  // Clicking a traced value lights up the nodes that produced it: the first expense debit is amount minus tax.
  const traceRow = page.getByTestId('editor-preview').locator('.ant-table-row').filter({ hasText: '借方金额' }).first();
  await traceRow.click();
  await expect(page.getByTestId('canvas-node-fn.net')).toHaveAttribute('data-traced', 'true');
  await expect(page.getByTestId('canvas-node-src.amount')).toHaveAttribute('data-traced', 'true');
  await expect(page.getByTestId('canvas-node-c.payableAccount')).not.toHaveAttribute('data-traced', 'true');

  // So does clicking the value itself in the voucher, and the trees light up its form column and voucher field.
  await page.getByTestId('editor-preview').locator('[data-trace-target="lines[0].debit"]').click();
  await expect(page.getByTestId('canvas-node-fn.net')).toHaveAttribute('data-traced', 'true');
  await expect(page.getByTestId('source-field-MoneyField_17K3F0ZP9QDC0')).toHaveAttribute('data-traced', 'true');
  await expect(page.getByTestId('source-field-MoneyField_18PDM5K773FK0')).not.toHaveAttribute('data-traced', 'true');
  await expect(page.getByTestId('target-field-expense-debit')).toHaveAttribute('data-traced', 'true');
  // The voucher date comes from the approval's finish time, a value of the record rather than of the form.
  await page.getByTestId('editor-preview').locator('[data-trace-target="header.date"]').click();
  await expect(page.getByTestId('source-field-meta:finishedAt')).toHaveAttribute('data-traced', 'true');
  await expect(page.getByTestId('target-field-header-date')).toHaveAttribute('data-traced', 'true');
  await expect(page.getByTestId('canvas-node-fn.net')).not.toHaveAttribute('data-traced', 'true');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-zh.png'), fullPage: true });
});

test('a link dragged on the canvas changes the preview at once and is still there after a reload', async ({ page }) => {
  await openEditor(page);
  const before = await savedRevision(page);
  const firstLine = page.getByTestId('editor-preview').getByTestId('preview-lines-table').locator('tbody tr.ant-table-row').first();
  await expect(firstLine).toContainText('6601.02');
  await expect(firstLine).not.toContainText('EMP0086');

  // Put the expense line's employee field on the canvas, then draw the claimant's employee code into it.
  await page.getByTestId('target-field-expense-employee').click();
  await page.getByTestId('editor-place-target').click();
  await expect(node(page, 't.expense.employee')).toBeVisible();
  await page.locator('.react-flow__controls-fitview').click();
  await dragLink(page, handle(page, 'lk.claimant', 'out:employee_code'), handle(page, 't.expense.employee', 'in:value'));

  await expect(firstLine).toContainText('EMP0086');
  // Placing the field and drawing the link may be saved together or one after the other.
  const after = await savedRevision(page);
  expect(after).toBeGreaterThan(before);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-linked.png'), fullPage: true });

  await page.reload();
  await expect(page.getByTestId('editor-preview').getByTestId('preview-status')).toContainText('借贷平衡');
  await expect(page.locator('.react-flow__edge').filter({ has: page.locator('path') })).not.toHaveCount(0);
  await expect(page.getByTestId('rf__edge-e.lk.claimant.t.expense.employee')).toBeAttached();
  await expect(firstLine).toContainText('EMP0086');
  await expect(saveStatus(page)).toHaveText(`已保存 · 版本 ${after}`);
});

test('a save on top of a newer revision is refused with a Reload button, and nothing is overwritten', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const [first, second] = [await context.newPage(), await context.newPage()];
  const pageErrors: string[] = [];
  for (const p of [first, second]) p.on('pageerror', (e) => pageErrors.push(e.message));
  await openEditor(first);
  await openEditor(second);
  const loaded = await savedRevision(second);

  await node(first, 'fn.net').click();
  await first.getByTestId('editor-inspector').getByLabel('备注').fill('税额为空时按 0 计');
  await expect(saveStatus(first)).toHaveText(`已保存 · 版本 ${loaded + 1}`);

  await node(second, 'fn.net').click();
  await second.getByTestId('editor-inspector').getByLabel('备注').fill('第二个窗口的备注');
  const conflict = second.getByTestId('editor-conflict');
  await expect(conflict).toContainText('其他人已保存了这个映射');
  await second.screenshot({ path: path.join(SCREENSHOTS, 'editor-conflict.png'), fullPage: true });

  await conflict.getByRole('button', { name: '重新加载' }).click();
  await expect(conflict).toBeHidden();
  await expect(saveStatus(second)).toHaveText(`已保存 · 版本 ${loaded + 1}`);
  await node(second, 'fn.net').click();
  await expect(second.getByTestId('editor-inspector').getByLabel('备注')).toHaveValue('税额为空时按 0 计');
  await context.close();
  expect(pageErrors).toEqual([]);
});

test('dropping a form field on a voucher field links them, and the preview shows it', async ({ page }) => {
  await openEditor(page);
  const vatLine = page.getByTestId('editor-preview').getByTestId('preview-lines-table').locator('tbody tr.ant-table-row').nth(3);
  await expect(vatLine).toContainText('2221.01.01');
  await expect(vatLine).not.toContainText('职员');

  // The voucher tree is long: search it down to the employee fields first.
  await page.getByRole('searchbox', { name: '搜索字段' }).nth(1).fill('职员');
  await page.getByTestId('source-field-InnerContactField_1R9B45BYVYE80').dragTo(page.getByTestId('target-field-inputVat-employee'));

  await expect(vatLine).toContainText('职员');
  await expect(node(page, 't.inputVat.employee')).toBeVisible();
  await expect(saveStatus(page)).toHaveText(/已保存/);
});

test('a rule broken by an edit is shown on its check node and on the form field it names', async ({ page }) => {
  await openEditor(page);
  // Turn "the largest row amount > 0" around: the detail-table check now fails for the sample claim.
  await node(page, 'fn.hasPositiveRow').click();
  const operator = page.getByTestId('editor-inspector').getByLabel('比较方式');
  await operator.click();
  await pickOption(page.getByTitle('小于 <'));
  const status = page.getByTestId('editor-preview').getByTestId('preview-status');
  await expect(status).not.toContainText('借贷平衡');
  await expect(page.getByTestId('canvas-node-chk.hasPositiveRow')).toContainText('费用明细至少要有一行金额大于 0');
  await expect(page.getByTestId('source-field-error-TableField_1T9QY2M6XKJ40')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-errors.png'), fullPage: true });

  // Put the rule back: the preview balances again and the marks go away.
  await operator.click();
  await pickOption(page.getByTitle('大于 >'));
  await expect(status).toContainText('借贷平衡');
  await expect(page.getByTestId('source-field-error-TableField_1T9QY2M6XKJ40')).toBeHidden();
  await expect(saveStatus(page)).toHaveText(/已保存/);
});

test('a node deleted with the keyboard comes back with Ctrl+Z and goes again with Ctrl+Shift+Z', async ({ page }) => {
  await openEditor(page);
  const status = page.getByTestId('editor-preview').getByTestId('preview-status');
  const balanced = '借方合计 2,496.00 = 贷方合计 2,496.00';
  await expect(status).toContainText(balanced);
  await expect(page.getByTestId('editor-undo')).toBeDisabled();

  // fn.net computes the expense debits: without it the voucher no longer adds up.
  await node(page, 'fn.net').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'fn.net')).toHaveCount(0);
  await expect(status).not.toContainText(balanced);

  await page.keyboard.press('Control+z');
  await expect(node(page, 'fn.net')).toBeVisible();
  await expect(page.getByTestId('rf__edge-e80')).toBeAttached();
  await expect(status).toContainText(balanced);

  await page.keyboard.press('Control+Shift+Z');
  await expect(node(page, 'fn.net')).toHaveCount(0);
  await expect(status).not.toContainText(balanced);

  // The toolbar undoes too; leave the demo as it was for the other tests, saved like any other edit.
  await page.getByTestId('editor-undo').click();
  await expect(node(page, 'fn.net')).toBeVisible();
  await expect(status).toContainText(balanced);
  await expect(page.getByTestId('editor-redo')).toBeEnabled();
  await expect(saveStatus(page)).toHaveText(/已保存/);
  await page.reload();
  await expect(node(page, 'fn.net')).toBeVisible();
});

test('auto-layout arranges the nodes left to right and saves their places as layout', async ({ page }) => {
  await openEditor(page);
  const before = await savedRevision(page);
  await page.getByTestId('editor-auto-layout').click();
  await expect(page.getByTestId('editor-undo')).toBeEnabled();
  await expect(saveStatus(page)).toHaveText(`已保存 · 版本 ${before + 1}`);
  const x = async (id: string) => (await node(page, id).boundingBox())!.x;
  await expect(async () => {
    expect(await x('src.amount')).toBeLessThan(await x('fn.net'));
    expect(await x('fn.net')).toBeLessThan(await x('t.expense.debit'));
  }).toPass();
  // Off the button, so its tooltip does not cover the title in the picture.
  await page.mouse.move(720, 880);
  await expect(page.getByRole('tooltip')).toBeHidden();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-autolayout.png') });

  // One undo puts every node back where it was.
  await expect(page.getByTestId('editor-undo')).toBeEnabled();
  await page.getByTestId('editor-undo').click();
  await expect(page.getByTestId('editor-undo')).toBeDisabled();
  await expect(saveStatus(page)).toHaveText(/已保存/);
});

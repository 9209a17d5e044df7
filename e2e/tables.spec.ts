import { expect, test, type Page } from './console-guard';
import path from 'node:path';

/**
 * An analyst maintains master data: adds an expense type to the lookup table, sees duplicate keys flagged, saves,
 * and cannot overwrite a colleague's newer save by accident.
 */

async function openExpenseTypes(page: Page) {
  await page.goto('/tables');
  await expect(page.getByRole('heading', { name: '对照表' })).toBeVisible();
  await page.getByRole('link', { name: 'expense-types' }).click();
  await expect(page.getByRole('textbox', { name: 'expense_type，第 8 行' })).toHaveValue('通讯费');
}

test('adds a row, flags a duplicate key, saves, and finds the row again after a reload', async ({ page }) => {
  await openExpenseTypes(page);
  await page.getByRole('button', { name: '新增行' }).click();
  await page.getByRole('textbox', { name: 'expense_type，第 9 行' }).fill('机票');
  await expect(page.getByTestId('tables-duplicates-alert')).toContainText('“机票”在第 1, 9 行');
  await page.screenshot({ path: path.join(__dirname, '..', 'test-results', 'screenshots', 'tables-editor.png'), fullPage: true });
  await page.getByRole('textbox', { name: 'expense_type，第 9 行' }).fill('会议费');
  await expect(page.getByTestId('tables-duplicates-alert')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'category，第 9 行' }).fill('会议费');
  await page.getByRole('textbox', { name: 'account_suffix，第 9 行' }).fill('06');
  await expect(page.getByText('有未保存的修改')).toBeVisible();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('有未保存的修改')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'account_suffix，第 9 行' })).toHaveValue('06');
});

test('a save on top of a colleague’s newer save is refused, with a way to reload', async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await openExpenseTypes(first);
  await openExpenseTypes(second);

  await first.getByRole('textbox', { name: 'category，第 1 行' }).fill('差旅费（机票）');
  await first.getByRole('button', { name: '保存' }).click();
  await expect(first.getByText('有未保存的修改')).toHaveCount(0);

  await second.getByRole('textbox', { name: 'category，第 2 行' }).fill('差旅费（住宿）');
  await second.getByRole('button', { name: '保存' }).click();
  await expect(second.getByText('打开后此表已被他人修改')).toBeVisible();
  await second.getByRole('button', { name: '重新加载最新版本' }).click();
  await expect(second.getByRole('textbox', { name: 'category，第 1 行' })).toHaveValue('差旅费（机票）');
  await expect(second.getByRole('textbox', { name: 'category，第 2 行' })).toHaveValue('差旅费');
});

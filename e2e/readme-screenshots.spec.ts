import path from 'node:path';
import { expect, test } from './console-guard';
import { Analyst } from './support/analyst';

/**
 * The sign-in and user-management pages as the README shows them, in both languages: each language's own words are
 * checked before its picture is taken. Pictures go to docs/screenshots with UPDATE_SCREENSHOTS=1, else to
 * test-results.
 */
const ROOT = path.join(__dirname, '..');
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, 'test-results', 'screenshots');
const shot = (name: string) => ({ path: path.join(SCREENSHOTS, name), fullPage: true });

test('the login page, in Chinese and English', async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 1100, height: 760 } })).newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.getByTestId('login-demo-accounts')).toContainText('演示账号');
  await page.screenshot(shot('login-zh.png'));
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('login-demo-accounts')).toContainText('Demo accounts');
  await page.screenshot(shot('login-en.png'));
  await page.context().close();
});

test('the users page, in Chinese and English', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/users');
  await expect(page.getByRole('button', { name: '新建用户' })).toBeVisible();
  for (const user of ['admin', 'analyst', 'integrator', 'viewer']) await expect(page.getByRole('row').filter({ hasText: `Demo ${user}` })).toHaveCount(1);
  await page.screenshot(shot('users-zh.png'));
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'New user' })).toBeVisible();
  await page.screenshot(shot('users-en.png'));
  await page.getByRole('banner').getByText('简体中文', { exact: true }).click();
  await expect(page.getByRole('button', { name: '新建用户' })).toBeVisible();
});

test('the editor with a recipe applied and its partial preview, in Chinese and English', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const a = new Analyst(page);
  await a.newMapping(`travel.readme-recipe-${testInfo.retry}`);
  await a.recipe('expense');
  // One recipe in: the voucher is shown as far as it is mapped, the missing voucher date marked where it belongs.
  const preview = page.getByTestId('editor-preview');
  await expect(preview.getByTestId('preview-status')).toContainText('按已映射的部分', { timeout: 20_000 });
  await expect(preview.getByTestId('preview-not-mapped-header-date')).toBeVisible();
  // The recipe's confirmation has gone: the picture shows the editor, not a toast.
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  // The whole recipe in the picture: the canvas fitted, the page at its top.
  await page.locator('.react-flow__controls-fitview').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(600);
  await page.screenshot({ path: shot('editor-recipe-zh.png').path });
  await preview.screenshot({ path: shot('partial-preview-zh.png').path });
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByTestId('editor-recipes')).toHaveText(/Recipes/);
  await expect(preview.getByTestId('preview-not-mapped-header-date')).toContainText(/not mapped/i);
  await page.screenshot({ path: shot('editor-recipe-en.png').path });
  await preview.screenshot({ path: shot('partial-preview-en.png').path });
  await page.getByRole('banner').getByText('简体中文', { exact: true }).click();
  await expect(page.getByTestId('editor-recipes')).toHaveText(/配方/);
});

import { expect, test as setup } from '@playwright/test';
import { ADMIN_STATE } from '../playwright.config';

/** Every spec starts signed in as the demo admin: one sign-in through the real login page, saved for all. */
setup('sign in as the demo admin', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('ledgerlink-demo');
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
  await expect(page.getByTestId('user-menu')).toContainText('Demo admin');
  await page.context().storageState({ path: ADMIN_STATE });
});

import { expect, type Browser, type Page } from '@playwright/test';

/** A browser context that starts signed out (the specs otherwise start as the demo admin). */
export const NO_SESSION = { storageState: { cookies: [], origins: [] } };

/** antd puts a space between two Chinese characters of a button's label ("登 录"): match with or without it. */
export const submitButton = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name.split('').join('\\s?')}$`) });

/** A page of its own, signed in as a demo user through the login page, as a person would. */
export async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext(NO_SESSION)).newPage();
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('ledgerlink-demo');
  await submitButton(page, '登录').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  return page;
}

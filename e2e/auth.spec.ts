import { expect, test, type Browser, type Page } from '@playwright/test';
import { NO_SESSION, submitButton } from './support/sessions';

/**
 * Signing in and what a session allows. Each test opens its own browser context: without the shared admin session
 * (these tests sign in and out themselves), and without the console guard, since a refused sign-in is a 401 the
 * browser logs on purpose.
 */

const DEMO_PASSWORD = 'ledgerlink-demo';

async function freshPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ ...NO_SESSION, ...options });
  return context.newPage();
}


async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await submitButton(page, '登录').click();
}

test('the login page speaks Chinese and English and shows the demo accounts', async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  const demo = page.getByTestId('login-demo-accounts');
  await expect(demo).toContainText('演示账号');
  await expect(demo).toContainText(DEMO_PASSWORD);
  for (const user of ['admin', 'analyst', 'integrator', 'viewer']) await expect(demo.getByText(user, { exact: true })).toBeVisible();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Username')).toBeVisible();
  await expect(page.getByTestId('login-demo-accounts')).toContainText('Demo accounts');
  await page.context().close();
});

test('a page without a session goes to the login page and comes back after signing in', async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto('/tables');
  await expect(page).toHaveURL(/\/login\?next=%2Ftables$/);
  await signIn(page, 'analyst', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/tables$/);
  await expect(page.getByTestId('user-menu')).toContainText('Demo analyst');
  await page.context().close();
});

test('a wrong password and an unknown user get the same generic message', async ({ browser }) => {
  const page = await freshPage(browser, { extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.10' } });
  await page.goto('/login');
  await signIn(page, 'admin', 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText('用户名或密码不正确。');
  await signIn(page, 'no.such.person', 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText('用户名或密码不正确。');
  await expect(page).toHaveURL(/\/login$/);
  await page.context().close();
});

test('five failed sign-ins lock the account, even for the right password', async ({ browser, page }) => {
  // The admin (shared session) creates the account on the users page.
  await page.goto('/users');
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill('lock.test');
  await dialog.getByLabel('初始密码').fill('lockout test password');
  await dialog.getByRole('button', { name: /确\s?定|OK/ }).click();
  await expect(page.getByRole('row').filter({ hasText: 'lock.test' })).toContainText('启用');

  // A client address of its own, so the address lock does not spill over to the other specs (all from 127.0.0.1).
  const guest = await freshPage(browser, { extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.77' } });
  await guest.goto('/login');
  for (let i = 1; i <= 5; i++) {
    const answer = guest.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await signIn(guest, 'lock.test', `wrong password ${i}`);
    expect((await answer).status()).toBe(401);
    await expect(guest.getByTestId('login-error')).toHaveText('用户名或密码不正确。');
  }
  const locked = guest.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await signIn(guest, 'lock.test', 'lockout test password');
  expect((await locked).status()).toBe(429);
  await expect(guest.getByTestId('login-error')).toHaveText('登录失败次数过多，请 15 分钟后再试。');
  await expect(guest).toHaveURL(/\/login$/);
  await guest.context().close();
});

test('a viewer cannot edit: the controls are hidden and a direct tRPC call is refused with 403', async ({ browser, baseURL }) => {
  const page = await freshPage(browser);
  await page.goto('/login');
  await signIn(page, 'viewer', DEMO_PASSWORD);
  await expect(page.getByTestId('user-menu')).toContainText('查看者');
  await expect(page.getByRole('heading', { name: '映射' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建映射' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^复制/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '用户' })).toHaveCount(0);

  await page.goto('/tables/expense-types');
  await expect(page.getByText('只读')).toBeVisible();
  await expect(page.getByRole('button', { name: /保\s?存/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '新增行' })).toHaveCount(0);

  await page.goto('/mappings/travel-reimbursement.dingtalk-kingdee/edit');
  await expect(page.getByTestId('editor-read-only')).toBeVisible();

  // The server is the guard: the viewer's own session, calling what the UI hid.
  const res = await page.request.post('/api/trpc/tables.replaceRows', {
    headers: { origin: new URL(baseURL!).origin },
    data: { json: { name: 'expense-types', columns: ['a'], rows: [['b']], expectedRevision: 1 } },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.json.data.code).toBe('FORBIDDEN');
  await page.context().close();
});

test('signing out ends the session on the server', async ({ browser, baseURL }) => {
  const page = await freshPage(browser);
  await page.goto('/login');
  await signIn(page, 'integrator', DEMO_PASSWORD);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'ledgerlink_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);

  // The old cookie, replayed by hand, is dead: the session row is gone.
  const replay = await page.request.get(`${new URL(baseURL!).origin}/api/trpc/mappings.list`, { headers: { cookie: `ledgerlink_session=${cookie!.value}` } });
  expect(replay.status()).toBe(401);
  await page.context().close();
});

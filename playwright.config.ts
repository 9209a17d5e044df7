import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against a production build on its own port and its own fresh database, so they never touch
 * ./data/ledgerlink.db or a dev server. Debian's Chromium (browser downloads are blocked here).
 */
const PORT = Number(process.env.E2E_PORT ?? 3107);
const DB = 'test-results/e2e.db';
/** The demo admin's signed-in browser state, written by e2e/auth.setup.ts. */
export const ADMIN_STATE = 'test-results/.auth/admin.json';
const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // The browser asks for Chinese first, as most of our users' browsers do; the spec switches to English.
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Signs in once as the demo admin through the login page; the specs start from that session.
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { launchOptions: CHROMIUM_LAUNCH } },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: {
        ...devices['Desktop Chrome'],
        storageState: ADMIN_STATE,
        viewport: { width: 1440, height: 900 },
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
  ],
  webServer: {
    command: `rm -f ${DB} ${DB}-wal ${DB}-shm && node_modules/.bin/next build && node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    // PORT: the demo ledger is this server itself, reached at 127.0.0.1:PORT (server/services/finance-clients.ts).
    env: { LEDGERLINK_DB: DB, NEXT_TELEMETRY_DISABLED: '1', PORT: String(PORT) },
    reuseExistingServer: !process.env.CI,
    // `next build` takes 30–60 s on two cores, more on a cold cache.
    timeout: 420_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});

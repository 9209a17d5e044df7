import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/**
 * `npm run bench:ui`: the editor timed in Chromium against a production build (the e2e config's server, its own
 * port and database). Not a test: it prints medians against targets and fails only when it cannot measure.
 */
const PORT = Number(process.env.BENCH_PORT ?? process.env.E2E_PORT ?? 3109);
const DB = 'test-results/bench-ui.db';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../../test-results/bench-ui',
  retries: 0,
  reporter: 'list',
  timeout: 15 * 60_000,
  // One browser project, no shared sign-in step: the bench signs in itself, in the context it measures with.
  projects: [{ name: 'chromium', use: { launchOptions: base.projects?.find((p) => p.name === 'chromium')?.use?.launchOptions } }],
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}`, trace: 'off', screenshot: 'off' },
  webServer: {
    ...base.webServer,
    command: `rm -f ${DB} ${DB}-wal ${DB}-shm && node_modules/.bin/next build && node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/`,
    // LEDGERLINK_BENCH: serves the baseline page (/bench/flow/NAME) the editor is measured against.
    env: { LEDGERLINK_DB: DB, NEXT_TELEMETRY_DISABLED: '1', LEDGERLINK_BENCH: '1', PORT: String(PORT) },
  } as typeof base.webServer,
});

import { expect, test as base } from '@playwright/test';

/**
 * Every browser test fails on a console error or an uncaught page error: a hydration mismatch or a failed request
 * shows up there before a user notices it.
 */
export const test = base.extend<{ consoleGuard: void }>({
  consoleGuard: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await use();
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, type Page } from '@playwright/test';

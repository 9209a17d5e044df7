import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './console-guard';
import { signedIn } from './support/sessions';

/**
 * Reviewed versions, two people at once: the demo analyst changes the DingTalk mapping and submits it, the demo
 * admin (the shared session) reviews the business diff and the golden samples and approves it, the new version is
 * what `ledgerlink mappings run-active` runs, nobody approves their own version (not in the UI, not by a direct
 * call), and rollback puts version 1 back. Runs last (file order), so the changed draft disturbs no other spec.
 */
const MAPPING = 'travel-reimbursement.dingtalk-kingdee';
const ROOT = path.join(__dirname, '..');


/** A tRPC mutation from the page's own session, as a script (or an attacker with the session) would send it. */
async function trpcMutation(page: Page, baseURL: string, procedure: string, input: unknown) {
  const res = await page.request.post(`/api/trpc/${procedure}`, { headers: { origin: new URL(baseURL).origin }, data: { json: input } });
  return { status: res.status(), body: await res.json() };
}

test('analyst submits, admin reviews and approves; the new version runs; own approval is refused; rollback', async ({ page, browser, baseURL }) => {
  const analyst = await signedIn(browser, 'analyst');
  // The analyst's change: Kingdee's base-data check off (a ledger setting, visible in each voucher document).
  const current = await analyst.request.get(`/api/trpc/mappings.get?input=${encodeURIComponent(JSON.stringify({ json: { name: MAPPING } }))}`);
  const m = (await current.json()).result.data.json;
  const saved = await trpcMutation(analyst, baseURL!, 'mappings.saveDraft', {
    name: MAPPING,
    spec: { ...m.spec, target: { ...m.spec.target, options: { ...m.spec.target.options, isVerifyBaseDataField: false } } },
    expectedRevision: m.revision,
  });
  expect(saved.status).toBe(200);

  await analyst.goto(`/mappings/${MAPPING}/edit`);
  await analyst.getByTestId('editor-submit-review').click();
  await analyst.getByTestId('submit-note').fill('关闭金蝶基础资料校验');
  await analyst.getByRole('dialog').getByRole('button', { name: '提交审批' }).click();
  await expect(analyst).toHaveURL(new RegExp(`/mappings/${MAPPING}/versions/2$`));
  await expect(analyst.getByTestId('version-status-in_review')).toBeVisible();
  await expect(analyst.getByTestId('version-decision')).toHaveCount(0);
  // The server is the guard: an analyst's direct approval is refused by the policy table.
  const own = await trpcMutation(analyst, baseURL!, 'versions.approve', { mapping: MAPPING, version: 2 });
  expect(own.status).toBe(403);

  // The admin's review: the business diff, the golden sample changed, then approval.
  await page.goto(`/mappings/${MAPPING}/versions/2`);
  await expect(page.getByTestId('version-diff')).toContainText('isVerifyBaseDataField');
  await expect(page.getByTestId('golden-samples').getByTestId('golden-outcome-changed')).toBeVisible();
  await page.getByTestId('version-comment').fill('同意');
  await page.getByTestId('version-approve').click();
  await expect(page.getByTestId('version-status-in_force')).toBeVisible();

  // The CLI runs the version now in force for an instance approved from now on.
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), 'mappings', 'run-active', MAPPING, path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json'), '--at', new Date().toISOString()], {
    env: { ...process.env, LEDGERLINK_DB: path.join(ROOT, 'test-results/e2e.db') },
    encoding: 'utf8',
  });
  expect(cli.status).toBe(0);
  expect(cli.stderr).toMatch(/version 2 /);

  // An admin's own submission: the approve button is disabled, and a direct call is refused.
  const admin2 = await trpcMutation(page, baseURL!, 'mappings.saveDraft', {
    name: MAPPING,
    spec: { ...m.spec, target: { ...m.spec.target, options: { ...m.spec.target.options, isVerifyBaseDataField: true } } },
    expectedRevision: m.revision + 1,
  });
  expect(admin2.status).toBe(200);
  const submitted = await trpcMutation(page, baseURL!, 'versions.submit', { mapping: MAPPING, note: 'back on' });
  expect(submitted.body.result.data.json).toEqual({ version: 3 });
  await page.goto(`/mappings/${MAPPING}/versions/3`);
  await expect(page.getByTestId('version-own-submission')).toBeVisible();
  await expect(page.getByTestId('version-approve')).toBeDisabled();
  const selfApproval = await trpcMutation(page, baseURL!, 'versions.approve', { mapping: MAPPING, version: 3 });
  expect(selfApproval.status).toBe(403);
  expect(selfApproval.body.error.json.message).toMatch(/another administrator must approve it/);

  // Rollback from the versions page.
  await page.goto(`/mappings/${MAPPING}/versions`);
  await page.getByTestId('version-rollback-1').click();
  await page.getByRole('dialog').getByRole('textbox').fill('回到版本 1');
  await page.getByRole('dialog').getByRole('button', { name: '恢复为生效版本' }).click();
  await expect(page.getByTestId('versions-table').locator('tr[data-row-key="1"]').getByTestId('version-status-in_force')).toBeVisible();
  await analyst.context().close();
});

test('the audit page lists the decisions and verifies the chain', async ({ page }) => {
  await page.goto('/audit');
  await expect(page.getByTestId('audit-table')).toContainText('version.approve');
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verdict')).toContainText('哈希链完整');
});

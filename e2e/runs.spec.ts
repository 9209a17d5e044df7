import path from 'node:path';
import { expect, test, type Page } from './console-guard';
import { AMOUNT_FIELD, createWebhookConnector, demoClaim, sendSigned, trpcMutation, uniqueReference } from './support/live-claims';
import { signedIn } from './support/sessions';

/**
 * The runs page live: a claim signed and POSTed to a webhook connector of the test's own becomes a run of the demo
 * DingTalk mapping within seconds, shows up without a reload, and its voucher is booked by the demo ledger (this
 * server's /api/demo-ledger) with a voucher number; a faulty claim is an error run that names the field, and
 * integrators and admins may replay it — a viewer may not.
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(__dirname, '..', 'docs', 'screenshots') : path.join(__dirname, '..', 'test-results', 'screenshots');
const connectorName = (what: string) => `e2e-${what}-${Date.now().toString(36)}`;


/** The runs table's row of a run found by its OA reference. */
const rowOf = (page: Page, reference: string) => page.getByTestId('runs-table').locator('tbody tr', { hasText: reference });

test('a signed claim appears without a reload as an ok run with the demo ledger voucher number, and its detail shows the voucher and delivery', async ({ page, baseURL, request }) => {
  const connector = connectorName('runs');
  const secret = await createWebhookConnector(page, baseURL!, connector);
  const reference = uniqueReference();

  await page.goto('/runs');
  const search = page.getByRole('searchbox', { name: 'OA 单号、实例 ID、消息 ID 或凭证号' });
  await search.fill(reference);
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`reference=${reference}`));
  await expect(page.getByText('没有符合筛选条件的运行记录。')).toBeVisible();

  // Sent while the page is open: the auto-refresh brings the run in.
  expect(await sendSigned(request, connector, secret, demoClaim(reference))).toBe(202);
  const row = rowOf(page, reference);
  await expect(row.getByTestId('run-status-ok')).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText(connector);
  await expect(row).toContainText('travel-reimbursement.dingtalk-kingdee@1');
  await expect(row.getByTestId('run-voucher-number')).toHaveText(/^记-\d{4}$/, { timeout: 20_000 });
  const voucherNumber = (await row.getByTestId('run-voucher-number').textContent())!;

  // The voucher number finds the run too: OA instance ↔ run ↔ voucher number, both ways.
  await page.goto(`/runs?reference=${encodeURIComponent(voucherNumber)}`);
  await expect(rowOf(page, reference)).toHaveCount(1);

  await rowOf(page, reference).getByRole('link', { name: /^#\d+$/ }).click();
  await expect(page).toHaveURL(/\/runs\/\d+$/);
  await expect(page.getByTestId('run-status-ok')).toBeVisible();
  await expect(page.getByTestId('run-detail-voucher-number')).toHaveText(voucherNumber);
  const delivery = page.getByTestId('run-delivery-demo-ledger');
  await expect(delivery).toContainText('已投递');
  await expect(delivery.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(delivery.locator('tbody tr.ant-table-row')).toContainText('201');
  await expect(delivery.locator('tbody tr.ant-table-row')).toContainText(voucherNumber);
  // The voucher in the preview's own view: lines, balanced totals, the Kingdee document.
  await expect(page.getByTestId('preview-lines-table')).toBeVisible();
  await expect(page.getByTestId('preview-verdict')).toContainText('借贷平衡');
  await expect(page.getByTestId('preview-document-text')).toContainText('"FVOUCHERGROUPID"');
  await expect(page.getByTestId('preview-document-text')).toContainText(reference);
  await page.getByText('收到的事件原文').click();
  await expect(page.getByTestId('run-event-body')).toContainText(reference);

  // The OA reference leads back to the list, filtered to this instance.
  await page.getByTestId('run-reference-link').first().click();
  await expect(page).toHaveURL(new RegExp(`/runs\\?reference=${reference}$`));
  await expect(rowOf(page, reference)).toHaveCount(1);
});

test('a faulty claim is an error run naming the field, row and value, and an integrator replays it', async ({ page, baseURL, request, browser }) => {
  const connector = connectorName('faulty');
  const secret = await createWebhookConnector(page, baseURL!, connector);
  const reference = uniqueReference();
  expect(await sendSigned(request, connector, secret, demoClaim(reference, { faultyAmount: '一千二' }))).toBe(202);

  const it = await signedIn(browser, 'integrator');
  await it.goto(`/runs?reference=${reference}`);
  const row = rowOf(it, reference);
  await expect(row.getByTestId('run-status-error')).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId('run-first-error')).toContainText(AMOUNT_FIELD);
  await expect(row.getByTestId('run-first-error')).toContainText('第 1 行');

  await row.getByRole('link', { name: /^#\d+$/ }).click();
  const errors = it.getByTestId('run-errors-table');
  await expect(errors).toContainText('金额（元）');
  await expect(errors).toContainText(AMOUNT_FIELD);
  await expect(errors).toContainText('一千二');
  await expect(it.getByTestId('run-deliveries')).toContainText('没有投递');
  await expect(it.getByTestId('run-replay')).toBeVisible();
  const runId = Number(new URL(it.url()).pathname.split('/').pop());

  // Replayed from the list: the same claim, run again under the version in force, fails the same way.
  await it.goto(`/runs?reference=${reference}`);
  await rowOf(it, reference).getByRole('checkbox').check();
  await it.getByTestId('runs-replay').click();
  const result = it.getByTestId(`replay-result-${runId}`);
  await expect(result).toContainText('新运行');
  await expect(result.getByTestId('run-status-error')).toBeVisible();
  await expect(rowOf(it, reference)).toHaveCount(2);
  await expect(it.getByTestId('runs-table')).toContainText(`重放自 #${runId}`);
  // Only failed runs can be chosen: nothing else is offered for replay.
  await expect(it.getByTestId('runs-replay')).toBeDisabled();
  await it.context().close();
});

test('a viewer reads runs but is offered no replay, and the server refuses one', async ({ page, baseURL, request, browser }) => {
  const connector = connectorName('viewer');
  const secret = await createWebhookConnector(page, baseURL!, connector);
  const reference = uniqueReference();
  expect(await sendSigned(request, connector, secret, demoClaim(reference, { faultyAmount: 'n/a' }))).toBe(202);

  const viewer = await signedIn(browser, 'viewer');
  await viewer.goto(`/runs?reference=${reference}`);
  const row = rowOf(viewer, reference);
  await expect(row.getByTestId('run-status-error')).toBeVisible({ timeout: 20_000 });
  await expect(viewer.getByTestId('runs-replay')).toHaveCount(0);
  await expect(row.getByRole('checkbox')).toHaveCount(0);
  await row.getByRole('link', { name: /^#\d+$/ }).click();
  await expect(viewer.getByTestId('run-errors-table')).toContainText(AMOUNT_FIELD);
  await expect(viewer.getByTestId('run-replay')).toHaveCount(0);
  const runId = Number(new URL(viewer.url()).pathname.split('/').pop());
  await expect(trpcMutation(viewer, baseURL!, 'runs.replay', { ids: [runId] })).rejects.toThrow(/answered 403/);
  await viewer.context().close();
});

test('screenshots: the runs page in both languages and a run detail', async ({ page, baseURL, request }) => {
  const connector = connectorName('shots');
  const secret = await createWebhookConnector(page, baseURL!, connector);
  const references = [uniqueReference(), uniqueReference(), uniqueReference()];
  for (const [i, ref] of references.entries()) expect(await sendSigned(request, connector, secret, demoClaim(ref, i === 1 ? { faultyAmount: '待定' } : {}))).toBe(202);

  await page.goto(`/runs?connector=${connector}`);
  const table = page.getByTestId('runs-table');
  await expect(table.getByTestId('run-voucher-number')).toHaveCount(2, { timeout: 20_000 });
  await expect(table.getByTestId('run-status-error')).toHaveCount(1);
  await page.goto('/runs');
  await expect(page.getByTestId('runs-table').getByTestId('run-voucher-number').first()).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'runs-zh.png'), animations: 'disabled' });

  await rowOf(page, references[0]).getByRole('link', { name: /^#\d+$/ }).click();
  await expect(page.getByTestId('preview-lines-table')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'run-detail-zh.png'), animations: 'disabled', fullPage: true });

  await page.goto('/runs');
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Time (China time, UTC+8)' })).toBeVisible();
  await expect(page.getByTestId('runs-table').getByTestId('run-voucher-number').first()).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'runs-en.png'), animations: 'disabled' });
});

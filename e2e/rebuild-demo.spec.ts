import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './console-guard';
import { Analyst } from './support/analyst';
import { exportSpec, expectSameDecisions, mapBesideShipped, SHIPPED_DINGTALK } from './support/map-compare';

/**
 * The acceptance test of the mapping studio: the DingTalk → Kingdee demo mapping (as shipped: book, voucher word,
 * currency, rate, fiscal year and period from its settings and the voucher date) rebuilt from an empty mapping with
 * the gestures an analyst uses — the wizard, two recipes whose guesses are right for this form (their checks give
 * rule 7), the voucher date from a suggestion, the attachment count dragged from the form tree onto the voucher
 * tree, the chart-of-accounts check — exported from the editor and run by the CLI beside the shipped spec on the
 * sample and on generated claims. Nothing of the shipped spec is read to build it. Every gesture is counted.
 */

const BASE_NAME = 'travel-reimbursement.dingtalk-kingdee.rebuilt';
const ATTACHMENTS = 'DDAttachment_D37VXHQUCG00';

test.use({ actionTimeout: 15_000 });

test('the DingTalk demo mapping rebuilt in the studio in at most 120 gestures makes exactly the shipped vouchers and errors', async ({ page }, testInfo) => {
  // A retry builds its own mapping: the name of an earlier attempt's is taken.
  const NAME = testInfo.retry ? `${BASE_NAME}-${testInfo.retry}` : BASE_NAME;
  test.setTimeout(600_000);
  const a = new Analyst(page);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-rebuild-'));

  // 1. An empty mapping from the wizard: DingTalk → the demo form → Kingdee → a name and a description.
  await a.newMapping(NAME, '差旅费报销：钉钉 → 金蝶（手工重建）');
  // A new mapping lists no problem for what its settings and the voucher date give.
  await expect(page.getByTestId('editor-problems')).not.toContainText('账簿');

  // 2. Rules 3–7 and 9: an expense line per detail row (net of tax, account <prefix>.<suffix>, department), the
  //    input-VAT line and the claim's checks; then the payable to the claimant with the OA reference.
  await a.recipe('expense');
  await expect(page.locator('.react-flow__node[data-id="t.inputVat.debit"]')).toHaveCount(1);
  await a.recipe('payable');
  await expect(page.locator('.react-flow__node[data-id="t.payable.credit"]')).toHaveCount(1);

  // 3. Rule 2: the voucher date in Beijing time from the approval's finish time, offered first for the field.
  await a.suggest('target-field-header-date', /审批完成时间/);

  // 4. Rule 8: the invoice attachments dropped from the form tree onto the voucher's attachment count.
  await a.fill(page.getByTestId('editor-source-tree').getByRole('searchbox'), '发票');
  await a.drag(page.getByTestId(`source-field-${ATTACHMENTS}`), page.getByTestId('target-field-header-attachments'));
  await expect(page.getByTestId(`rf__edge-e.src.${ATTACHMENTS}.t.header.attachments`)).toBeAttached();

  // 5. Rule 7: every account postable in the chart (found by itself when switched on).
  const chart = page.getByTestId('editor-chart-settings');
  await a.click(chart.getByRole('switch'));
  await expect(chart.getByLabel('可记账列', { exact: true }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText('postable');

  // The live preview of the sample claim balances, as the shipped mapping's does.
  const status = page.getByTestId('editor-preview').getByTestId('preview-status');
  await expect(status).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00', { timeout: 20_000 });
  await expect(page.getByTestId('editor-save-status')).toHaveText(/已保存 · 版本 \d+/);
  const nodes = await page.locator('.react-flow__node').count();
  const shippedNodes = (JSON.parse(fs.readFileSync(SHIPPED_DINGTALK, 'utf8')) as { nodes: unknown[] }).nodes.length;
  console.log(`rebuild: the DingTalk demo mapping rebuilt in ${a.gestures} gestures (${nodes} nodes; the shipped spec has ${shippedNodes})`);
  expect(a.gestures).toBeLessThanOrEqual(120);

  // 6. Export what the UI built and run it with the CLI beside the shipped spec, each on a database of its own.
  const exported = await exportSpec(page, work, NAME);
  const spec = JSON.parse(fs.readFileSync(exported, 'utf8'));
  expect(spec.name).toBe(NAME);
  expect(spec.nodes).toHaveLength(nodes);
  expect(spec.target.chartOfAccounts).toEqual({ table: 'accounts', codeColumn: 'account_code', postableColumn: 'postable' });
  expectSameDecisions(await mapBesideShipped(exported, work));

  // 7. After a reload the editor shows it all again.
  await page.reload();
  await expect(status).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00', { timeout: 20_000 });
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes);
  await expect(page.getByTestId(`rf__edge-e.src.${ATTACHMENTS}.t.header.attachments`)).toBeAttached();
  const lines = page.getByTestId('editor-preview').getByTestId('preview-lines-table').locator('tbody tr.ant-table-row');
  await expect(lines).toHaveCount(5);
  await expect(lines.nth(0)).toContainText('6601.02');
  await expect(lines.nth(3)).toContainText('2221.01.01');
  await expect(lines.nth(4)).toContainText('2241');
  fs.rmSync(work, { recursive: true, force: true });
});

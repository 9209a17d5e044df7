import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './console-guard';
import { signedIn } from './support/sessions';

/**
 * The review canvas and the reader's canvas, on the Feishu demo (no other spec changes it): an analyst replaces
 * the payable account constant and rewords the VAT summary, the admin's review shows those marks on a read-only
 * canvas and finds each from the list, runs a pasted payload through both versions, and approves from a future
 * date: the version is scheduled and `run-active` keeps running version 1 until then. A viewer's editor canvas
 * neither drags, links nor deletes, and offers no palette.
 */
const MAPPING = 'travel-reimbursement.feishu-kingdee';
const ROOT = path.join(__dirname, '..');
const PAYLOAD = path.join(ROOT, 'db/seed/payloads/feishu-instance.json');
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, 'test-results', 'screenshots');


async function trpcMutation(page: Page, baseURL: string, procedure: string, input: unknown) {
  const res = await page.request.post(`/api/trpc/${procedure}`, { headers: { origin: new URL(baseURL).origin }, data: { json: input } });
  return { status: res.status(), body: await res.json() };
}

function runActive(at?: string) {
  const args = [path.join(ROOT, 'bin/ledgerlink.js'), 'mappings', 'run-active', MAPPING, PAYLOAD, ...(at ? ['--at', at] : [])];
  return spawnSync(process.execPath, args, { env: { ...process.env, LEDGERLINK_DB: path.join(ROOT, 'test-results/e2e.db') }, encoding: 'utf8' });
}

const canvasNode = (scope: Page | Locator, id: string) => scope.locator(`.react-flow__node[data-id="${id}"]`);

/** Whether a node's box lies inside the canvas's box (React Flow keeps off-screen nodes in the DOM). */
async function insideCanvas(canvas: Locator, node: Locator): Promise<boolean> {
  const [c, n] = await Promise.all([canvas.boundingBox(), node.boundingBox()]);
  return !!c && !!n && n.x >= c.x && n.y >= c.y && n.x + n.width <= c.x + c.width && n.y + n.height <= c.y + c.height;
}

test('the review canvas marks what the analyst changed; approved from a future date, the version waits', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const analyst = await signedIn(browser, 'analyst');
  const current = await analyst.request.get(`/api/trpc/mappings.get?input=${encodeURIComponent(JSON.stringify({ json: { name: MAPPING } }))}`);
  const m = (await current.json()).result.data.json;
  const spec = structuredClone(m.spec);
  spec.nodes.find((n: { id: string }) => n.id === 'fn.vatSummary').params.template = '{name}报销进项税';
  spec.nodes = spec.nodes.filter((n: { id: string }) => n.id !== 'c.payableAccount');
  // The same account from a constant of its own: node and link change, the voucher's account does not.
  spec.nodes.push({ id: 'c.payableAccount2', kind: 'constant', valueType: 'text', value: '2241', label: '其他应付款' });
  spec.edges = spec.edges.filter((e: { from: { node: string } }) => e.from.node !== 'c.payableAccount');
  spec.edges.push({ id: 'e.payable2', from: { node: 'c.payableAccount2' }, to: { node: 't.payable.account' } });
  expect((await trpcMutation(analyst, baseURL!, 'mappings.saveDraft', { name: MAPPING, spec, expectedRevision: m.revision })).status).toBe(200);
  await analyst.goto(`/mappings/${MAPPING}/edit`);
  await analyst.getByTestId('editor-submit-review').click();
  await analyst.getByTestId('submit-note').fill('应付科目改用独立常量，进项税摘要简化');
  await analyst.getByRole('dialog').getByRole('button', { name: '提交审批' }).click();
  await expect(analyst).toHaveURL(new RegExp(`/mappings/${MAPPING}/versions/2$`));
  await analyst.context().close();

  // The admin's review: the marks on the canvas, each change found from the list.
  await page.goto(`/mappings/${MAPPING}/versions/2`);
  const canvas = page.getByTestId('review-canvas');
  await expect(page.getByTestId('review-legend')).toContainText('新增');
  await expect(page.getByTestId('review-legend')).toContainText('参数已修改');
  await expect(page.getByTestId('review-legend')).toContainText('已删除');
  await expect(canvasNode(canvas, 'c.payableAccount2').getByTestId('canvas-node-c.payableAccount2')).toHaveAttribute('data-diff', 'added');
  await expect(canvasNode(canvas, 'fn.vatSummary').getByTestId('canvas-node-fn.vatSummary')).toHaveAttribute('data-diff', 'changed');
  await expect(canvasNode(canvas, 'removed:c.payableAccount').locator('[data-diff="removed"]')).toBeVisible();
  await expect(canvasNode(canvas, 't.payable.account').locator('[data-diff]')).toHaveCount(0);
  await expect(canvas.locator('.react-flow__edge.diff-added')).toHaveCount(1);
  await expect(canvas.locator('.react-flow__edge.diff-removed')).toHaveCount(1);
  // The frozen version is read only here too: nothing drags.
  await expect(canvas.locator('.react-flow__node.draggable')).toHaveCount(0);

  for (const [entry, node] of [
    ['version-diff-parameter-changed', 'fn.vatSummary'],
    ['version-diff-node-removed', 'removed:c.payableAccount'],
    ['version-diff-node-added', 'c.payableAccount2'],
  ] as const) {
    await page.getByTestId(entry).click();
    await expect(canvasNode(canvas, node)).toHaveClass(/selected/);
    await expect.poll(() => insideCanvas(canvas, canvasNode(canvas, node))).toBe(true);
  }
  // The README's pictures of the marks, in both languages (the legend's words are checked on the way).
  const diffCard = page.locator('.ant-card').filter({ has: canvas });
  await diffCard.screenshot({ path: path.join(SCREENSHOTS, 'review-canvas-zh.png') });
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByTestId('review-legend')).toContainText('Parameters changed');
  await expect(page.getByTestId('review-legend')).toContainText('Removed (ghost)');
  await expect(canvasNode(canvas, 'c.payableAccount2')).toContainText('added');
  await diffCard.screenshot({ path: path.join(SCREENSHOTS, 'review-canvas-en.png') });
  await page.getByRole('banner').getByText('简体中文', { exact: true }).click();
  await expect(page.getByTestId('review-legend')).toContainText('参数已修改');

  // A payload the reviewer pastes goes through both versions like a golden sample.
  await page.getByTestId('review-paste-name').fill('飞书报销单（粘贴）');
  await page.getByTestId('review-paste-payload').fill(await (await import('node:fs')).promises.readFile(PAYLOAD, 'utf8'));
  await page.getByTestId('review-paste-run').click();
  const pasted = page.getByTestId('review-paste-results');
  await expect(pasted).toContainText('飞书报销单（粘贴）');
  await expect(pasted.getByTestId('golden-outcome-changed')).toBeVisible();
  await expect(pasted).toContainText(/summary：\S+报销进项税额 → \S+报销进项税/);

  // Approved from a date still to come: scheduled, and live runs keep version 1 until then.
  await page.getByTestId('version-effective-from').click();
  await page.getByTestId('version-effective-from').fill('2099-01-01 00:00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('version-effective-from')).toHaveValue('2099-01-01 00:00');
  await page.getByTestId('version-comment').fill('明年起执行');
  await page.getByTestId('version-approve').click();
  await expect(page.getByTestId('version-status-scheduled')).toBeVisible();
  await page.goto(`/mappings/${MAPPING}/versions`);
  await expect(page.getByTestId('versions-table').locator('tr[data-row-key="2"]').getByTestId('version-status-scheduled')).toBeVisible();
  await expect(page.getByTestId('versions-table').locator('tr[data-row-key="1"]').getByTestId('version-status-in_force')).toBeVisible();

  for (const at of [undefined, new Date().toISOString()]) {
    const cli = runActive(at);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(/ version 1 /);
    expect(cli.stdout).toContain('报销进项税额');
  }
  const later = runActive('2099-01-02 09:00');
  expect(later.status, later.stderr).toBe(0);
  expect(later.stderr).toMatch(/ version 2 /);
  expect(later.stdout).not.toContain('报销进项税额');
  expect(later.stdout).toContain('报销进项税');
});

test("a viewer's editor canvas is read only: no drag, no link, no delete, no palette", async ({ browser }) => {
  const page = await signedIn(browser, 'viewer');
  await page.goto('/mappings/travel-reimbursement.wecom-u8/edit');
  await expect(page.getByTestId('editor-read-only')).toBeVisible();
  const canvas = page.getByTestId('editor-canvas');
  await expect(canvas).toHaveAttribute('data-read-only', 'true');
  const node = canvasNode(canvas, 'fn.net').first();
  await expect(node).toBeVisible();
  await expect(canvas.locator('.react-flow__node.draggable')).toHaveCount(0);
  await expect(canvas.locator('.react-flow__handle.connectable')).toHaveCount(0);
  await expect(page.getByTestId('editor-palette')).toHaveCount(0);
  await expect(page.getByTestId('editor-auto-layout')).toHaveCount(0);
  await expect(page.getByTestId('editor-undo')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '添加分录行' })).toHaveCount(0);

  // A drag moves no node: at most it pans the view, so the node's place on the canvas (its transform) stays.
  const place = () => node.evaluate((el) => (el as HTMLElement).style.transform);
  const before = await place();
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 120, { steps: 8 });
  await page.mouse.up();
  expect(await place()).toBe(before);

  // Selected, it shows in the inspector with its settings disabled and no delete; the Delete key deletes nothing.
  await node.click();
  const inspector = page.getByTestId('editor-inspector');
  await expect(inspector.getByLabel('名称')).toBeDisabled();
  await expect(inspector.getByRole('button', { name: '删除节点' })).toHaveCount(0);
  await page.keyboard.press('Delete');
  await expect(canvasNode(canvas, 'fn.net')).toHaveCount(1);
  await page.context().close();
});

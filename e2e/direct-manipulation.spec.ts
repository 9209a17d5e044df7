import path from 'node:path';
import { expect, test, type Page } from './console-guard';
import type { Locator } from '@playwright/test';

/**
 * Working on the canvas directly, as an analyst does: a form field dragged onto the canvas lands where it is
 * dropped; a function dragged onto a link goes in between (and is refused when it does not fit); a node added by
 * a button appears in view on no other node; a named constant still shows its value; a new line template opens
 * its settings beside the canvas with its name ready to type. On a copy of the Feishu demo, deleted at the end,
 * so the demos the other specs read are left as seeded.
 */

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const DEMO = 'travel-reimbursement.feishu-kingdee';
const COPY = 'canvas-drops.feishu-kingdee';
const EDIT_URL = `/mappings/${COPY}/edit`;
const SCREENSHOTS = path.join(__dirname, '..', 'test-results', 'screenshots');
/** 报销事由: a form field the demo mapping does not use. */
const UNUSED_FIELD = 'widget17412238510240001';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const status = (page: Page) => page.getByTestId('editor-preview').getByTestId('preview-status');
const edgesInto = (page: Page, id: string) => page.locator(`.react-flow__edge[aria-label$=" to ${id}"]`);

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** `balanced`: the copy is as the demo left it, bar nodes that feed nothing (the tests that link check so). */
async function openEditor(page: Page, balanced = true) {
  await page.goto(EDIT_URL);
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  await expect(status(page)).toContainText(balanced ? '借贷平衡' : /\S/);
}

async function undoAll(page: Page) {
  const undo = page.getByTestId('editor-undo');
  while (await undo.isEnabled()) await undo.click();
  await expect(page.getByTestId('editor-save-status')).toHaveText(/已保存/);
}

/**
 * A drag between two things both on screen, the page not scrolled in between (locator.dragTo scrolls each end
 * into view on its own, and a palette far down the page then moves the link away under the pointer).
 */
async function dragOnScreen(page: Page, from: Locator, to: Locator) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const a = await box(from);
  const b = await box(to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function showPart(page: Page, name: RegExp) {
  await page.getByTestId('editor-section').click();
  await page.getByRole('option', { name }).click();
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: `复制 ${DEMO}` }).click();
  await page.getByRole('textbox', { name: '副本名称' }).fill(COPY);
  await page.getByRole('dialog').getByRole('button', { name: /^复\s*制$/ }).click();
  await expect(page.getByRole('row').filter({ hasText: COPY })).toBeVisible();
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: `删除 ${COPY}` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: /^删\s*除$/ }).click();
  await expect(page.getByRole('row').filter({ hasText: COPY })).toHaveCount(0);
  await page.close();
});

test('a form field dragged onto the canvas is placed where it is dropped', async ({ page }) => {
  await openEditor(page);
  const canvas = page.getByTestId('editor-canvas');
  const area = await box(canvas);
  const drop = { x: Math.round(area.width * 0.55), y: Math.round(area.height * 0.7) };
  await page.getByTestId(`source-field-${UNUSED_FIELD}`).dragTo(canvas, { targetPosition: drop });

  const placed = node(page, `src.${UNUSED_FIELD}`);
  await expect(placed).toBeVisible();
  await expect(placed).toContainText('报销事由');
  const at = await box(placed);
  const point = { x: area.x + drop.x, y: area.y + drop.y };
  expect(point.x).toBeGreaterThanOrEqual(at.x);
  expect(point.x).toBeLessThanOrEqual(at.x + at.width);
  expect(point.y).toBeGreaterThanOrEqual(at.y);
  expect(point.y).toBeLessThanOrEqual(at.y + at.height);
  await expect(page.getByTestId('editor-save-status')).toHaveText(/已保存/);

  // Placed where it was dropped, it stays there after a reload (its place is saved with the mapping).
  await page.reload();
  await expect(node(page, `src.${UNUSED_FIELD}`)).toBeVisible();
});

test('a function added by a button appears in view, on no other node', async ({ page }) => {
  await openEditor(page);
  await page.getByLabel('搜索函数').fill('四舍五入');
  await page.getByRole('button', { name: '添加 四舍五入' }).click();
  const added = page.locator('.react-flow__node.selected');
  await expect(added).toHaveCount(1);
  await expect(added).toContainText('四舍五入');
  const canvas = await box(page.getByTestId('editor-canvas'));
  // The view may pan or zoom to it: wait until it has settled inside the canvas.
  await expect.poll(async () => {
    const b = await box(added);
    return b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width && b.y + b.height <= canvas.y + canvas.height;
  }).toBe(true);
  const mine = await box(added);
  const id = await added.getAttribute('data-id');
  for (const other of await page.locator('.react-flow__node').all()) {
    if ((await other.getAttribute('data-id')) === id) continue;
    const b = await other.boundingBox();
    if (b) expect(overlaps(mine, b), `${id} on ${await other.getAttribute('data-id')}`).toBe(false);
  }
  await page.getByTestId('editor-undo').click();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
  await expect(status(page)).toContainText('借贷平衡');
  await expect(page.getByTestId('editor-save-status')).toHaveText(/已保存/);
});

test('a function dragged onto a link goes in between; one that does not fit is refused; one undo takes it out', async ({ page }) => {
  // Tall enough that the palette under the canvas and the canvas are on screen together, as after scrolling.
  await page.setViewportSize({ width: 1440, height: 1700 });
  await openEditor(page);
  await showPart(page, /^分录：应付报销款$/);
  const credit = 't.payable.credit';
  await expect(node(page, credit)).toBeVisible();
  const link = edgesInto(page, credit);
  await expect(link).toHaveCount(1);
  // The part is arranged on its own and the view fitted to it, animated: drag once the link has stopped moving.
  let last = '';
  await expect.poll(async () => {
    const now = JSON.stringify(await link.boundingBox());
    const settled = now === last;
    last = now;
    return settled;
  }, { intervals: [400] }).toBe(true);
  const feeder = (await link.getAttribute('aria-label'))!.replace(/^Edge from (.*) to .*$/, '$1');
  const before = await page.locator('.react-flow__edge').count();

  await page.getByLabel('搜索函数').fill('四舍五入');
  await dragOnScreen(page, page.getByTestId('palette-function-math.round'), link);

  // The link is replaced by two: the old producer into the function, the function into the credit.
  await expect(page.locator('.react-flow__edge[aria-label^="Edge from fn.round"]')).toHaveCount(1);
  await expect(edgesInto(page, credit)).toHaveAttribute('aria-label', /^Edge from fn\.round/);
  await expect(page.locator(`.react-flow__edge[aria-label="Edge from ${feeder} to fn.round"]`)).toHaveCount(1);
  await expect(page.locator('.react-flow__edge')).toHaveCount(before + 1);
  await expect(status(page)).toContainText('借贷平衡');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'canvas-insert-zh.png'), animations: 'disabled' });

  // Upper-casing gives text, and a credit takes an amount: refused, and nothing changes.
  await page.getByLabel('搜索函数').fill('大写');
  const upper = page.getByTestId('palette-function-text.upper');
  await dragOnScreen(page, upper, edgesInto(page, credit));
  await expect(page.getByTestId('editor-refusal')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(before + 1);

  await page.getByTestId('editor-undo').click();
  await expect(node(page, 'fn.round')).toHaveCount(0);
  await expect(edgesInto(page, credit)).toHaveAttribute('aria-label', `Edge from ${feeder} to ${credit}`);
  await expect(status(page)).toContainText('借贷平衡');
});

test('a named constant still shows its value on the canvas', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('button', { name: 'plus 常量' }).click();
  const inspector = page.getByTestId('editor-inspector');
  await inspector.getByLabel('值', { exact: true }).fill('0.06');
  await inspector.getByLabel('名称', { exact: true }).fill('增值税税率');
  const constant = page.locator('.react-flow__node.selected');
  await expect(constant).toContainText('增值税税率');
  await expect(constant.getByTestId(/^canvas-node-value-/)).toHaveText('= 0.06');
  await undoAll(page);
});

test("a new line template's settings open beside the canvas, its name ready to type", async ({ page }) => {
  await openEditor(page, false);
  await page.getByRole('button', { name: 'plus 添加分录行' }).click();
  const panel = page.getByTestId('editor-line-panel');
  await expect(panel).toBeVisible();
  const name = panel.getByLabel('分录名称（中文）');
  await expect(name).toBeFocused();
  // The voucher tree brings the new line's row into its view (the demo's five lines fill the tree below it).
  const voucherTree = page.getByTestId('editor-target-tree');
  const row = voucherTree.locator('.ant-tree-treenode-selected');
  // Polled: the tree's virtual list may take a frame or two to settle its scroll.
  await expect(async () => {
    const rowBox = await box(row);
    const list = await box(voucherTree.locator('.ant-tree-list-holder'));
    expect(rowBox.y).toBeGreaterThanOrEqual(list.y - 1);
    expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(list.y + list.height + 1);
  }).toPass({ timeout: 5_000 });

  // Beside the canvas: level with it, between it and the voucher tree, not under the page's fold.
  const canvas = await box(page.getByTestId('editor-canvas'));
  const tree = await box(page.getByTestId('editor-target-tree'));
  const side = await box(panel);
  expect(side.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
  expect(side.x + side.width).toBeLessThanOrEqual(tree.x);
  expect(side.y).toBeLessThan(canvas.y + canvas.height);
  expect(side.y + side.height).toBeGreaterThan(canvas.y);

  // Typing names it at once: the default name is selected.
  await page.keyboard.type('银行付款');
  await expect(name).toHaveValue('银行付款');
  await expect(panel.getByTestId('editor-line-inspector')).toContainText('银行付款');
  await expect(panel).toBeInViewport();
  await panel.getByLabel('生成方式').click();
  await expect(page.locator('.ant-select-item-option').filter({ hasText: '费用明细' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'line-settings-zh.png'), animations: 'disabled' });

  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByTestId('editor-auto-layout')).toContainText('Auto-layout');
  await page.getByRole('button', { name: 'plus Add entry line' }).click();
  await expect(page.getByTestId('editor-line-panel').getByLabel('Line name (English)')).toBeFocused();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'line-settings-en.png'), animations: 'disabled' });
  await page.getByRole('banner').getByText('简体中文', { exact: true }).click();
  await expect(page.getByTestId('editor-auto-layout')).toContainText('自动布局');

  await page.getByRole('button', { name: '关闭分录行设置' }).click();
  await expect(page.getByTestId('editor-line-panel')).toHaveCount(0);
});

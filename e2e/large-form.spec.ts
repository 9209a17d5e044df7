import path from 'node:path';
import { expect, test, type Page } from './console-guard';
import { ensureLargeMapping, LARGE_MAPPING } from './support/large-mapping';

/**
 * The editor on a form of 300 fields and 20 detail tables (520 tree rows) with 40 line templates on the voucher
 * side: trees and canvas keep only what is in view in the DOM, the search finds a field at once, and the
 * connectors from tree rows to canvas nodes follow the tree when a table is collapsed or the list is scrolled.
 */

const SCREENSHOTS = path.join(__dirname, '..', 'test-results', 'screenshots');
const sourceTree = (page: Page) => page.getByTestId('editor-source-tree');
const targetTree = (page: Page) => page.getByTestId('editor-target-tree');
const connector = (page: Page, nodeId: string) => page.getByTestId(`link-overlay-${nodeId}`);

async function openLarge(page: Page) {
  await ensureLargeMapping(page.request);
  await page.goto(`/mappings/${LARGE_MAPPING}/edit`);
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  // The canvas marks when it has measured its nodes; only then does it know which ones are in view.
  await page.waitForFunction(() => performance.getEntriesByName('ledgerlink:editor-interactive').length > 0);
}

/** Scrolls a tree's virtual list as the mouse wheel does and waits for the connectors of the next frame. */
async function scrollTree(page: Page, tree: ReturnType<typeof sourceTree>, top: number) {
  await tree.locator('.ant-tree-list-holder').evaluate((el, top) => el.scrollTo({ top }), top);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Scrolls down a screenful at a time, as an analyst does, until the row is in view. */
async function scrollDownTo(page: Page, tree: ReturnType<typeof sourceTree>, row: ReturnType<Page['getByTestId']>) {
  const list = tree.locator('.ant-tree-list-holder');
  for (let i = 0; i < 100 && !(await row.isVisible()); i++) await list.evaluate((el) => el.scrollBy({ top: el.clientHeight * 0.8 }));
  await expect(row).toBeVisible();
}

/** The middle of a tree row, in the overlay's coordinates (as the connectors' `data-y`). */
async function rowMiddle(page: Page, testId: string) {
  const [row, overlay] = await Promise.all([
    page.getByTestId(testId).locator('xpath=ancestor::div[contains(@class,"ant-tree-treenode")]').boundingBox(),
    page.getByTestId('link-overlay').boundingBox(),
  ]);
  return row!.y + row!.height / 2 - overlay!.y;
}

test('trees and canvas render only what is in view, and the search finds a field at once', async ({ page }) => {
  await openLarge(page);
  // 520 rows in the source tree and 567 in the voucher tree; a virtual list keeps a screenful in the DOM.
  await expect(sourceTree(page).getByTestId('source-field-TextField_L0001')).toBeVisible();
  expect(await sourceTree(page).locator('.ant-tree-treenode').count()).toBeLessThan(60);
  expect(await targetTree(page).locator('.ant-tree-treenode').count()).toBeLessThan(60);

  // Placing a field brings its node into view at a readable zoom: the canvas then leaves most others out of the DOM.
  await sourceTree(page).getByRole('searchbox').fill('L0304');
  await sourceTree(page).getByTestId('source-field-MoneyField_L0304').click();
  await page.getByRole('button', { name: /放到画布上 · 金额列4/ }).click();
  await expect(page.locator('.react-flow__node[data-id="src.t1.amount"]')).toBeInViewport();
  const rendered = await page.locator('.react-flow__node').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(255 / 2);

  // One input event is enough: the first result shows without waiting for a pause in typing.
  const search = sourceTree(page).getByRole('searchbox');
  await search.fill('L0499');
  await expect(sourceTree(page).getByTestId('source-field-MoneyField_L0499')).toBeVisible({ timeout: 1000 });
  await search.fill('金额列10');
  await expect(sourceTree(page).getByTestId('source-field-MoneyField_L0310')).toBeVisible({ timeout: 1000 });
  // The voucher tree answers to the English name while the studio speaks Chinese.
  await targetTree(page).getByRole('searchbox').fill('rate type');
  await expect(targetTree(page).getByTestId('target-field-debit1-exchangeRateType')).toBeVisible({ timeout: 1000 });
  await expect(targetTree(page).getByTestId('target-field-debit1-debit')).toHaveCount(0);
});

test('a connector ends on its row, on the collapsed table, or at the edge of a scrolled tree', async ({ page }) => {
  await openLarge(page);
  const amount = connector(page, 'src.t1.amount');
  const dataY = async () => Number(await amount.getAttribute('data-y'));

  // The record group (closed) and 300 fields come first, then the detail tables.
  const table = sourceTree(page).getByTestId('source-field-TableField_T00');
  await scrollDownTo(page, sourceTree(page), sourceTree(page).getByTestId('source-field-MoneyField_L0304'));
  // Picking the column and placing it brings its node (already on the canvas) into view.
  await sourceTree(page).getByTestId('source-field-MoneyField_L0304').click();
  await page.getByRole('button', { name: /放到画布上 · 金额列4/ }).click();
  await expect(page.locator('.react-flow__node[data-id="src.t1.amount"]')).toBeInViewport();
  await expect(amount).toHaveAttribute('data-end', 'row');
  const amountRow = await rowMiddle(page, 'source-field-MoneyField_L0304');
  await expect.poll(dataY).toBeCloseTo(amountRow, 0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-large-connectors.png') });

  // Collapsed, the table's own row is where its columns' connectors end.
  await table.locator('xpath=ancestor::div[contains(@class,"ant-tree-treenode")]').locator('.ant-tree-switcher').click();
  await expect(sourceTree(page).getByTestId('source-field-MoneyField_L0304')).toHaveCount(0);
  await expect(amount).toHaveAttribute('data-end', 'parent');
  const tableRow = await rowMiddle(page, 'source-field-TableField_T00');
  await expect.poll(dataY).toBeCloseTo(tableRow, 0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-large-collapsed.png') });

  // Back at the top of the list, the collapsed table lies below it: the connector ends at the bottom edge.
  await scrollTree(page, sourceTree(page), 0);
  await expect(amount).toHaveAttribute('data-end', 'bottom');
  const [holder, overlay] = await Promise.all([sourceTree(page).locator('.ant-tree-list-holder').boundingBox(), page.getByTestId('link-overlay').boundingBox()]);
  await expect.poll(dataY).toBeCloseTo(holder!.y + holder!.height - overlay!.y, 0);

  // The voucher side too: the header's date ends on its row, then at the top edge once the list scrolls down.
  await targetTree(page).getByTestId('target-field-header-date').click();
  await page.getByTestId('editor-place-target').click();
  await expect(page.locator('.react-flow__node[data-id="t.header.date"]')).toBeInViewport();
  await expect(connector(page, 't.header.date')).toHaveAttribute('data-end', 'row');
  await scrollTree(page, targetTree(page), 2000);
  await expect(connector(page, 't.header.date')).toHaveAttribute('data-end', 'top');
});

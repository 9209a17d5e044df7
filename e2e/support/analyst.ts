import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The analyst as the acceptance tests play them: every click, key, typed value and drag goes through here and is
 * counted as one gesture, so a test can say how many it took.
 */

export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

/** Counts what the analyst does; the helpers below are the only way the test touches the page. */
export class Analyst {
  gestures = 0;
  constructor(readonly page: Page) {}
  async click(target: Locator) {
    this.gestures++;
    await target.click();
  }
  async fill(target: Locator, text: string) {
    this.gestures++;
    await target.fill(text);
  }
  /** A drag from one element onto another (a form field onto a voucher field, a palette function onto the canvas). */
  async drag(from: Locator, to: Locator, options?: Parameters<Locator['dragTo']>[1]) {
    this.gestures++;
    await from.dragTo(to, options);
  }
  async press(key: string) {
    this.gestures++;
    await this.page.keyboard.press(key);
  }
  /** An empty DingTalk → Kingdee mapping of the demo form, made with the wizard; the editor opens on it. */
  async newMapping(name: string, description?: string) {
    const page = this.page;
    await page.goto('/');
    await this.click(page.getByRole('button', { name: '新建映射' }));
    const wizard = page.getByRole('dialog', { name: '新建映射' });
    await this.click(wizard.getByRole('radio', { name: '钉钉' }));
    await this.click(wizard.getByRole('button', { name: '下一步' }));
    await this.click(wizard.getByRole('combobox', { name: '表单' }));
    await this.click(page.getByTitle(/差旅费报销 \(DingTalk\)/));
    await this.click(wizard.getByRole('button', { name: '下一步' }));
    await this.click(wizard.getByRole('radio', { name: '金蝶云星空 总账凭证' }));
    await this.click(wizard.getByRole('button', { name: '下一步' }));
    await this.fill(wizard.getByRole('textbox').first(), name);
    if (description) await this.fill(wizard.getByRole('textbox').nth(1), description);
    await this.click(wizard.getByRole('button', { name: '创建并打开' }));
    await expect(page).toHaveURL(new RegExp(`/mappings/${name.replace(/\./g, '\\.')}/edit$`));
    await expect(page.getByTestId('editor-canvas')).toBeVisible();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
  }

  /** One recipe: open the menu, pick it, look at its guesses, Apply. */
  async recipe(menuItem: string, shot?: string) {
    await this.click(this.page.getByTestId('editor-recipes'));
    await this.click(this.page.getByTestId(`recipe-${menuItem}`));
    const drawer = this.page.getByTestId('recipe-drawer');
    await expect(drawer.getByTestId('recipe-apply')).toBeVisible();
    await settledDrawer(this.page);
    if (shot) await this.page.screenshot({ path: path.join(SCREENSHOTS, shot) });
    const before = await this.previewedEdit();
    await this.click(drawer.getByTestId('recipe-apply'));
    await expect(drawer.getByTestId('recipe-apply')).toBeHidden();
    await this.previewed(before);
  }
  /** A voucher field picked in the tree, then Enter takes its first suggestion; `expected` is what is offered first. */
  async suggest(testId: string, expected: RegExp, shot?: string) {
    const before = await this.previewedEdit();
    await this.click(this.page.getByTestId(testId));
    const offered = this.page.getByTestId('field-suggestions');
    await expect(offered.getByRole('button').first()).toHaveText(expected);
    if (shot) {
      await offered.scrollIntoViewIfNeeded();
      await this.page.screenshot({ path: path.join(SCREENSHOTS, shot) });
    }
    await this.press('Enter');
    await expect(offered).toHaveCount(0);
    await this.previewed(before);
  }
  /** The edit the live preview last showed: its problems and voucher are for that edit. */
  previewedEdit() {
    return this.page.getByTestId('editor-preview-timing').getAttribute('data-preview-edited-at');
  }
  async previewed(before: string | null) {
    await expect.poll(() => this.previewedEdit(), { timeout: 20_000 }).not.toBe(before);
  }
}

/** The drawer has finished sliding in and the menu that opened it has gone: what a screenshot should show. */
export async function settledDrawer(page: Page) {
  const apply = page.getByTestId('recipe-drawer').getByTestId('recipe-apply');
  let last = '';
  await expect
    .poll(async () => {
      const box = JSON.stringify(await apply.boundingBox());
      const still = box === last;
      last = box;
      return still;
    }, { intervals: [150] })
    .toBe(true);
  await expect(page.locator('.ant-dropdown:not(.ant-dropdown-hidden)')).toHaveCount(0);
}


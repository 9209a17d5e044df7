import path from 'node:path';
import { expect, test } from './console-guard';

/**
 * The mapping list: find a mapping, start a new one in the wizard (OA system → form → ledger → name), copy one and
 * delete the copy. Uses names of its own so the other specs' demo mappings stay as seeded.
 */

test('filters the list and creates a new mapping in the wizard, which opens in the editor', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('row').filter({ hasText: 'travel-reimbursement.' })).toHaveCount(3);
  await page.getByRole('searchbox', { name: '按名称或标题搜索' }).fill('企业微信');
  await expect(page.getByRole('row').filter({ hasText: 'travel-reimbursement.' })).toHaveCount(1);
  await page.getByRole('searchbox', { name: '按名称或标题搜索' }).fill('');

  await page.getByRole('button', { name: '新建映射' }).click();
  const wizard = page.getByRole('dialog', { name: '新建映射' });
  await wizard.getByRole('radio', { name: '企业微信' }).check();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('combobox', { name: '表单' }).click();
  await page.getByTitle(/差旅费报销 \(WeCom\)/).click();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('radio', { name: /CSV/ }).check();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('textbox').first().fill('bad name');
  await expect(wizard.getByText(/只能使用字母、数字/)).toBeVisible();
  await expect(wizard.getByRole('button', { name: '创建并打开' })).toBeDisabled();
  await wizard.getByRole('textbox').first().fill('travel-claims.wecom-csv');
  await page.screenshot({ path: path.join(__dirname, '..', 'test-results', 'screenshots', 'mapping-wizard.png') });
  await wizard.getByRole('textbox').nth(1).fill('差旅费：企业微信 → CSV');
  await wizard.getByRole('button', { name: '创建并打开' }).click();

  await expect(page).toHaveURL(/\/mappings\/travel-claims\.wecom-csv\/edit$/);
  await page.goto('/');
  await expect(page.getByRole('row').filter({ hasText: 'travel-claims.wecom-csv' })).toContainText('差旅费：企业微信 → CSV');
  await page.screenshot({ path: path.join(__dirname, '..', 'test-results', 'screenshots', 'mapping-list.png'), fullPage: true });
});

test('duplicates a mapping and deletes the never-published copy', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '复制 travel-reimbursement.feishu-kingdee' }).click();
  await page.getByRole('textbox', { name: '副本名称' }).fill('travel-reimbursement.feishu-kingdee.trial');
  await page.getByRole('dialog').getByRole('button', { name: /^复\s*制$/ }).click();
  const copy = page.getByRole('row').filter({ hasText: 'travel-reimbursement.feishu-kingdee.trial' });
  await expect(copy).toBeVisible();

  await page.getByRole('button', { name: '删除 travel-reimbursement.feishu-kingdee.trial' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: /^删\s*除$/ }).click();
  await expect(copy).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'travel-reimbursement.feishu-kingdee' })).toHaveCount(1);
});

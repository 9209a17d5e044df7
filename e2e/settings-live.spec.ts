import { expect, test } from './console-guard';
import { pickOption } from './support/pick-option';
import { demoClaim, sendSigned, trpcMutation, uniqueReference } from './support/live-claims';
import { signedIn } from './support/sessions';

/**
 * Settings for live execution: a webhook connector made on the page shows its generated secret once (and it
 * works: a claim signed with it is accepted), never again; a finance system is made with its connection, and a
 * mapping is pointed at it and back. A viewer sees both lists and no way to change them.
 */
const FEISHU_MAPPING = 'travel-reimbursement.feishu-kingdee';
const unique = (what: string) => `e2e-${what}-${Date.now().toString(36)}`;


test('a webhook connector made on the page shows its secret once; the secret signs claims; it can be switched off', async ({ page, request }) => {
  const name = unique('hook');
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: '设置' }).click();
  await expect(page).toHaveURL(/\/settings\/connectors$/);
  await expect(page.getByTestId('connector-row-demo-dingtalk')).toBeVisible();

  await page.getByTestId('connector-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill(name);
  await dialog.getByLabel('表单模板').fill('PROC-TRAVEL-EXPENSE');
  await dialog.getByRole('button', { name: /^创\s?建$/ }).click();

  const shown = page.getByTestId('secret-once');
  await expect(shown).toHaveText(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await expect(page.getByText('之后不会再显示')).toBeVisible();
  const secret = (await shown.textContent())!;
  await page.getByRole('button', { name: '我已复制' }).click();
  await expect(shown).toHaveCount(0);

  const row = page.getByTestId('connectors-table').locator('tbody tr', { has: page.getByTestId(`connector-row-${name}`) });
  await expect(row).toContainText(`/api/hooks/${name}`);
  await expect(row).toContainText('webhookSecrets ✓');
  await expect(row).toContainText('签名 Webhook');
  // Never again: not after a reload, not anywhere in the page or in what the list query returns.
  await page.reload();
  await expect(page.getByTestId(`connector-row-${name}`)).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  const listed = await page.request.get('/api/trpc/connectors.list');
  expect(await listed.text()).not.toContain(secret.slice(6));

  expect(await sendSigned(request, name, secret, demoClaim(uniqueReference()))).toBe(202);

  await page.getByTestId(`connector-edit-${name}`).click();
  await page.getByRole('dialog').getByRole('switch').click();
  await page.getByRole('dialog').getByRole('button', { name: /^确\s?定$|^OK$/ }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('connectors-table').locator('tbody tr', { has: page.getByTestId(`connector-row-${name}`) })).toContainText('停用');
});

test('a finance system is made with its connection; a webhook one shows its secret once; a mapping is assigned to it and back', async ({ page, baseURL }) => {
  await page.goto('/settings/finance-systems');
  await expect(page.getByTestId('target-row-demo-ledger')).toBeVisible();

  const kingdee = unique('k3');
  await page.getByTestId('target-create').click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill(kingdee);
  await dialog.getByLabel('地址').fill('https://erp.example.com/k3cloud/');
  await dialog.getByLabel('账套 ID（acctId）').fill('62f0a1b2c3d4e5');
  await dialog.getByLabel('用户名').fill('ledgerlink');
  await dialog.getByLabel('密码').fill('k3-password');
  await dialog.getByRole('button', { name: /^创\s?建$/ }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const kRow = page.getByTestId('targets-table').locator('tbody tr', { has: page.getByTestId(`target-row-${kingdee}`) });
  await expect(kRow).toContainText('金蝶 K/3 Cloud');
  await expect(kRow).toContainText('password ✓');
  expect(await page.content()).not.toContain('k3-password');

  const hook = unique('ledger');
  await page.getByTestId('target-create').click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill(hook);
  await dialog.getByRole('combobox').first().click();
  await pickOption(page.locator('.ant-select-item-option', { hasText: '签名 Webhook' }));
  await dialog.getByLabel('地址').fill('https://ledger.example.com/vouchers');
  await dialog.getByRole('button', { name: /^创\s?建$/ }).click();
  await expect(page.getByTestId('secret-once')).toHaveText(/^whsec_/);
  await page.getByRole('button', { name: '我已复制' }).click();

  // The Feishu mapping goes to the new system, then back to the demo ledger (other specs deliver there).
  const assign = async (target: string) => {
    await page.getByTestId(`target-assign-${target}`).click();
    const d = page.getByRole('dialog');
    await d.getByTestId('assign-mapping').click();
    await pickOption(page.locator('.ant-select-item-option', { hasText: '飞书' }));
    await d.getByRole('button', { name: /^确\s?定$/ }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  };
  await assign(hook);
  const hRow = page.getByTestId('targets-table').locator('tbody tr', { has: page.getByTestId(`target-row-${hook}`) });
  await expect(hRow).toContainText('差旅费报销：飞书 → 金蝶总账凭证');
  await expect(hRow.getByTitle(FEISHU_MAPPING)).toBeVisible();
  await assign('demo-ledger');
  await expect(hRow).toContainText('暂无');
  await expect(page.getByTestId('targets-table').locator('tbody tr', { has: page.getByTestId('target-row-demo-ledger') })).toContainText('飞书');
  // A Kingdee system takes only Kingdee documents: the server refuses the WeCom → U8 mapping with the reason.
  await expect(trpcMutation(page, baseURL!, 'targets.assign', { mapping: 'travel-reimbursement.wecom-u8', target: kingdee })).rejects.toThrow(/answered 400.*u8-voucher-xml/);
});

test('a viewer sees connectors and finance systems but no way to change them', async ({ browser }) => {
  const viewer = await signedIn(browser, 'viewer');
  await viewer.goto('/settings/connectors');
  await expect(viewer.getByTestId('connector-row-demo-dingtalk')).toBeVisible();
  await expect(viewer.getByTestId('connector-create')).toHaveCount(0);
  await expect(viewer.getByTestId('connector-edit-demo-dingtalk')).toHaveCount(0);
  await viewer.getByRole('tab', { name: '财务系统' }).click();
  await expect(viewer).toHaveURL(/\/settings\/finance-systems$/);
  await expect(viewer.getByTestId('target-row-demo-ledger')).toBeVisible();
  await expect(viewer.getByTestId('target-create')).toHaveCount(0);
  await expect(viewer.getByTestId('target-assign-demo-ledger')).toHaveCount(0);
  await viewer.context().close();
});

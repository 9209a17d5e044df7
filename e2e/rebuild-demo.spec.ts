import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test, type Page } from './console-guard';
import { generateClaims } from './fixtures/dingtalk-claims';
import { pickOption } from './support/pick-option';

/**
 * The acceptance test of the mapping studio: the DingTalk → Kingdee demo mapping rebuilt by hand from an empty
 * mapping, with the gestures an analyst uses (wizard, trees, palette, inspector, drags on the canvas), exported
 * from the editor, and run by the CLI beside the shipped spec on the sample and on generated claims. Nothing of
 * the shipped spec is read to build it; every rule below is typed in as the demo company's README states it.
 */

const BASE_NAME = 'travel-reimbursement.dingtalk-kingdee.rebuilt';
const ROOT = path.join(__dirname, '..');
const SHIPPED = path.join(ROOT, 'db', 'seed', 'mappings', 'travel-reimbursement.dingtalk-kingdee.json');
const SAMPLE = path.join(ROOT, 'db', 'seed', 'payloads', 'dingtalk-instance.json');

const T = {
  department: 'DepartmentField_1J3K5L7M9N1P0',
  claimant: 'InnerContactField_1R9B45BYVYE80',
  total: 'MoneyField_18PDM5K773FK0',
  attachments: 'DDAttachment_D37VXHQUCG00',
  type: 'DDSelectField_1QZ7N3K8VEO00',
  desc: 'TextField_2B6R8YJ1L0WG0',
  amount: 'MoneyField_17K3F0ZP9QDC0',
  tax: 'MoneyField_1F8W2U6HJX4G0',
} as const;

/** How the inspector's input pickers and the canvas title the source nodes (the form's own labels). */
const SRC = {
  finishedAt: '审批完成时间',
  oaReference: '审批编号',
  total: '报销总额（元）',
  typeText: '费用类型 · 选项文字',
  desc: '费用说明',
  amount: '金额（元）',
  tax: '税额（元）',
};
/** A money field offers its amount and its currency, so the pickers name the port: "税额（元） · 金额". */
const MONEY_FIELDS = new Set([SRC.total, SRC.amount, SRC.tax]);
const pickerName = (from: string) => (MONEY_FIELDS.has(from) ? `${from} · 金额` : from);

/** The editor as a person works it: trees left and right, palette and inspector below, the canvas between. */
class Studio {
  constructor(readonly page: Page) {}

  get inspector() {
    return this.page.getByTestId('editor-inspector');
  }

  node(id: string) {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  handle(id: string, handleId: string) {
    return this.node(id).locator(`.react-flow__handle[data-handleid="${handleId}"]`);
  }

  /** The id of the node the inspector shows: drags and the checks after a reload name nodes by it. */
  async selectedId(): Promise<string> {
    return (await this.inspector.locator('.mono').first().textContent())!.trim();
  }

  async placeSource(search: string, fieldTestId: string) {
    await this.page.getByRole('searchbox', { name: '搜索字段' }).first().fill(search);
    await this.page.getByTestId(`source-field-${fieldTestId}`).click();
    await this.page.getByRole('button', { name: /放到画布上 · / }).first().click();
  }

  async addFunction(fnId: string, name: string, params: (s: Studio) => Promise<void> = async () => {}) {
    await this.page.getByRole('searchbox', { name: '搜索函数' }).fill(fnId);
    await this.page.getByRole('button', { name: /^添加 / }).click();
    await this.rename(name);
    await params(this);
  }

  async rename(name: string) {
    await this.inspector.getByLabel('名称', { exact: true }).fill(name);
  }

  async chooseParam(label: string, option: string) {
    await this.choose(this.inspector.getByLabel(label, { exact: true }), option);
  }

  async fillParam(label: string, value: string) {
    await this.inspector.getByLabel(label, { exact: true }).fill(value);
  }

  /** Opens an antd select and clicks the option with exactly this title (typing first narrows long lists). */
  async choose(select: Locator, option: string, search?: string) {
    await select.click();
    if (search) await this.page.keyboard.insertText(search);
    await pickOption(this.openList().getByTitle(option, { exact: true }));
  }

  /** The list that is open now, not one still fading out from the previous pick. */
  openList() {
    return this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])');
  }

  /**
   * Feeds an input of the selected node from another node's output: type its name in the input's picker and press
   * Enter (the exact name is listed first).
   */
  async feed(port: string, from: string) {
    const picker = this.inspector.getByTestId(`inspector-input-${port}`);
    await picker.click();
    const shown = pickerName(from);
    await this.page.keyboard.insertText(shown);
    await expect(this.openList().getByTitle(shown, { exact: true })).toBeVisible();
    await this.page.keyboard.press('Enter');
    await expect(picker).toHaveText(shown);
  }

  async addConstant(name: string, type: 'text' | 'number' | 'money', value: string) {
    await this.page.getByRole('button', { name: /常量$/ }).click();
    await expect(this.inspector).toContainText('常量');
    if (type !== 'text') await this.chooseParam('值类型', type);
    await this.fillParam('值', value);
    await this.rename(name);
  }

  async addCheck(zh: string, en: string, field: string | null, ok: string) {
    await this.page.getByRole('button', { name: /校验$/ }).click();
    await expect(this.inspector).toContainText('校验');
    await this.fillParam('提示（中文）', zh);
    await this.fillParam('提示（英文）', en);
    if (field) await this.choose(this.inspector.getByLabel('报错时指向的表单字段'), field, field);
    await this.feed('ok', ok);
    await expect(this.page.getByTestId(`canvas-node-${await this.selectedId()}`)).toContainText(zh);
  }

  /** Adds a lookup and makes it return exactly `columns`, whatever the new node started with. */
  async addLookup(name: string, table: string, key: string, columns: string[]) {
    await this.page.getByRole('button', { name: /对照表$/ }).click();
    await expect(this.inspector).toContainText('对照表');
    await this.rename(name);
    await this.choose(this.inspector.getByLabel('对照表', { exact: true }), table);
    await this.choose(this.inspector.getByLabel('键列'), key);
    const returned = this.inspector.locator('.ant-select', { has: this.page.getByLabel('返回列') });
    const shown = () => returned.locator('.ant-select-selection-item').evaluateAll((tags) => tags.map((t) => t.getAttribute('title') ?? ''));
    // The tags follow the table and key just picked a moment later: add and remove until they are the wanted ones.
    await expect(async () => {
      const have = await shown();
      const add = columns.filter((c) => !have.includes(c));
      if (add.length) {
        // The column list stays open while columns are picked.
        await this.inspector.getByLabel('返回列').click();
        for (const c of add) await pickOption(this.openList().getByTitle(c, { exact: true }));
        await this.page.keyboard.press('Escape');
      }
      // A column the new node returned on its own (its table's default) goes with its tag's ×.
      for (const c of (await shown()).filter((t) => !columns.includes(t)))
        await returned.locator(`.ant-select-selection-item[title="${c}"] .ant-select-selection-item-remove`).click();
      expect([...(await shown())].sort()).toEqual([...columns].sort());
    }).toPass({ timeout: 30_000 });
    await expect(this.node(await this.selectedId())).toContainText(columns[columns.length - 1]);
  }

  async targetSearch(q: string) {
    await this.page.getByRole('searchbox', { name: '搜索字段' }).nth(1).fill(q);
  }

  /** Puts a voucher field on the canvas (selected) and feeds it from a node picked by name. */
  async target(line: string, field: string, from: string) {
    await this.targetSearch(field.replace(/^\$/, ''));
    await this.page.getByTestId(`target-field-${line}-${field}`).click();
    await this.page.getByTestId('editor-place-target').click();
    await this.feed('value', from);
  }

  /** React Flow connects on pointer events: hover the output handle, press, hover the input handle, release. */
  async drag(from: Locator, to: Locator) {
    // Let the canvas finish bringing the node just added into view, then show everything so both ends are on screen.
    await this.page.waitForTimeout(400);
    // The whole canvas in the window first: the page must not scroll between pressing and releasing, or the
    // release lands where the handle was before the scroll (CI lost two links that way).
    await this.page.getByTestId('editor-canvas').scrollIntoViewIfNeeded();
    await this.page.locator('.react-flow__controls-fitview').click();
    await this.viewportSettled();
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Waits until the canvas stops moving (fit-view and bring-into-view animate the viewport). */
  async viewportSettled() {
    const transform = () => this.page.locator('.react-flow__viewport').first().evaluate((el) => getComputedStyle(el).transform);
    let before = await transform();
    await expect(async () => {
      await this.page.waitForTimeout(80);
      const now = await transform();
      const still = now === before;
      before = now;
      expect(still).toBe(true);
    }).toPass({ timeout: 5_000 });
  }

  /** Adds a line template, names it, says how often it repeats, and finds it open in the voucher tree. */
  async addLine(id: string, label: string, en: string, repeat: string) {
    await this.page.getByRole('button', { name: /添加分录行/ }).click();
    const line = this.page.getByTestId('editor-line-inspector');
    await line.getByLabel('分录名称（中文）').fill(label);
    await line.getByLabel('分录名称（英文）').fill(en);
    await this.choose(line.getByLabel('生成方式'), repeat);
    // The tree is searched down to one field per line, so every line fits in view while it is unfolded.
    await this.targetSearch('summary');
    await expect(this.page.getByTestId(`target-field-${id}-summary`)).toBeVisible();
  }
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(db: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ledgerlink.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, LEDGERLINK_DB: db },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What must be identical between the two specs: the exit code, the voucher, and the error list (stderr's last line). */
function outcome(r: CliResult) {
  const lines = r.stderr.trim().split('\n');
  return { code: r.code, stdout: r.stdout, errors: r.code === 1 ? JSON.parse(lines[lines.length - 1]) : null };
}

test.use({ actionTimeout: 15_000 });

test('the DingTalk demo mapping rebuilt by hand in the studio makes exactly the shipped vouchers and errors', async ({ page }, testInfo) => {
  // A retry builds its own mapping: the name of an earlier attempt's is taken.
  const NAME = testInfo.retry ? `${BASE_NAME}-${testInfo.retry}` : BASE_NAME;
  // About three hundred gestures; on a busy two-core machine each takes a good part of a second.
  test.setTimeout(900_000);
  const s = new Studio(page);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-rebuild-'));

  // 1. An empty mapping from the wizard: DingTalk → the demo form → Kingdee → a new name.
  await page.goto('/');
  await page.getByRole('button', { name: '新建映射' }).click();
  const wizard = page.getByRole('dialog', { name: '新建映射' });
  await wizard.getByRole('radio', { name: '钉钉' }).check();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('combobox', { name: '表单' }).click();
  await page.getByTitle(/差旅费报销 \(DingTalk\)/).click();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('radio', { name: '金蝶云星空 总账凭证' }).check();
  await wizard.getByRole('button', { name: '下一步' }).click();
  await wizard.getByRole('textbox').first().fill(NAME);
  await wizard.getByRole('textbox').nth(1).fill('差旅费报销：钉钉 → 金蝶（手工重建）');
  await wizard.getByRole('button', { name: '创建并打开' }).click();
  await expect(page).toHaveURL(new RegExp(`/mappings/${NAME.replace(/\./g, '\\.')}/edit$`));
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // 2. The form fields the rules read: the record's finish time and approval number, then the form's own fields.
  await s.placeSource('审批完成时间', 'meta:finishedAt');
  await s.placeSource('审批编号', 'meta:oaReference');
  await s.placeSource('费用承担部门', T.department);
  await s.placeSource('报销人', T.claimant);
  await s.placeSource('报销总额', T.total);
  await s.placeSource('发票', T.attachments);
  await s.placeSource('费用类型', T.type);
  await s.placeSource('费用说明', T.desc);
  await s.placeSource('金额', T.amount);
  await s.placeSource('税额', T.tax);
  await expect(page.locator('.react-flow__node')).toHaveCount(10);

  // 3. Rule 3: department, claimant and expense type through the master data; keys drawn on the canvas.
  await s.addLookup('部门对照', 'departments', 'dept_name', ['dept_code', 'expense_account_prefix']);
  const deptLookup = await s.selectedId();
  await s.drag(s.handle(`src.${T.department}`, 'out:name'), s.handle(deptLookup, 'in:key'));
  await s.addLookup('员工对照', 'employees', 'dingtalk_user_id', ['employee_code', 'name']);
  const empLookup = await s.selectedId();
  await s.drag(s.handle(`src.${T.claimant}`, 'out:id'), s.handle(empLookup, 'in:key'));
  await s.addLookup('费用类型对照', 'expense-types', 'expense_type', ['account_suffix']);
  const typeLookup = await s.selectedId();
  await s.drag(s.handle(`src.${T.type}`, 'out:text'), s.handle(typeLookup, 'in:key'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // 4. Rule 2: the voucher date in Beijing time (fiscal year and period follow from it without nodes).
  await s.addFunction('date.toDate', '凭证日期（北京时间）');
  await expect(s.inspector.getByLabel('时区', { exact: true })).toHaveValue('Asia/Shanghai');
  const voucherDate = await s.selectedId();
  await s.drag(s.handle('src.finishedAt', 'out:value'), s.handle(voucherDate, 'in:value'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // 5. Rule 4: per row, tax (empty counts as 0), net = amount − tax, and whether the row gives an expense line.
  await s.addConstant('零', 'money', '0');
  await s.addFunction('logic.coalesce', '税额（空为 0）', async () => {
    await s.feed('values.0', SRC.tax);
    await s.feed('values.1', '零');
  });
  await s.addFunction('math.subtract', '不含税金额', async () => {
    await s.feed('a', SRC.amount);
    await s.feed('b', '税额（空为 0）');
  });
  const compare = (name: string, op: string, a: string, b: string) =>
    s.addFunction('math.compare', name, async () => {
      await s.chooseParam('比较方式', op);
      // The operator shows as picked before the inputs are fed: those edits build on it.
      await expect(s.inspector.getByLabel('比较方式', { exact: true }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText(op);
      await s.feed('a', a);
      await s.feed('b', b);
    });
  await compare('金额 > 0', '大于 >', SRC.amount, '零');
  await compare('不含税金额 > 0', '大于 >', '不含税金额', '零');
  await s.addFunction('logic.and', '生成费用行', async () => {
    await s.feed('values.0', '金额 > 0');
    await s.feed('values.1', '不含税金额 > 0');
  });
  // Rule 5: T sums the tax of the rows with an amount above zero.
  await s.addFunction('agg.sum', '进项税额合计 T', async () => {
    await s.feed('values', '税额（空为 0）');
    await s.feed('where', '金额 > 0');
  });
  await compare('T > 0', '大于 >', '进项税额合计 T', '零');
  const template = (name: string, text: string, inputs: [string, string][]) =>
    s.addFunction('text.template', name, async () => {
      await s.fillParam('模板', text);
      for (const [port, from] of inputs) await s.feed(port, from);
    });
  await template('费用科目', '{prefix}.{suffix}', [['prefix', '部门对照 · expense_account_prefix'], ['suffix', '费用类型对照']]);
  await template('费用摘要', '{name}报销{type}-{desc}', [['name', '员工对照 · name'], ['type', SRC.typeText], ['desc', SRC.desc]]);
  await s.addFunction('text.truncate', '摘要截至 80 字', async () => {
    await s.fillParam('最大字数', '80');
    await s.feed('text', '费用摘要');
  });
  await template('进项税摘要', '{name}报销进项税额', [['name', '员工对照 · name']]);
  await template('应付摘要', '应付{name}报销款 {ref}', [['name', '员工对照 · name'], ['ref', SRC.oaReference]]);

  // 6. Rule 7's checks, each with the message the claimant reads and the field it points to.
  await s.addFunction('agg.max', '最大行金额', () => s.feed('values', SRC.amount));
  await compare('最大行金额 > 0', '大于 >', '最大行金额', '零');
  await s.addCheck('费用明细至少要有一行金额大于 0', 'the expense detail table needs at least one row with an amount above zero', '费用明细', '最大行金额 > 0');
  await s.addFunction('logic.isEmpty', '金额为空', () => s.feed('value', SRC.amount));
  await s.addFunction('logic.not', '金额已填', () => s.feed('value', '金额为空'));
  await s.addCheck('每一行都必须填写金额', 'every expense row needs an amount', null, '金额已填');
  await s.addFunction('agg.sum', '明细金额合计', () => s.feed('values', SRC.amount));
  await s.addFunction('logic.equals', '总额等于明细合计', async () => {
    await s.feed('a', SRC.total);
    await s.feed('b', '明细金额合计');
  });
  await s.addCheck('报销总额必须等于明细金额之和', 'the claim total must equal the sum of the row amounts', SRC.total, '总额等于明细合计');
  const format = async (what: '金额' | '税额', source: string, zh: string, en: string) => {
    await compare(`${what} ≥ 0`, '大于等于 ≥', source, '零');
    await s.addFunction('math.decimals', `${what}小数位数`, () => s.feed('value', source));
    await s.addConstant(`${what}最多小数位`, 'number', '2');
    await compare(`${what}小数位 ≤ 2`, '小于等于 ≤', `${what}小数位数`, `${what}最多小数位`);
    await s.addFunction('logic.and', `${what}格式正确`, async () => {
      await s.feed('values.0', `${what} ≥ 0`);
      await s.feed('values.1', `${what}小数位 ≤ 2`);
    });
    await s.addFunction('logic.isEmpty', `${what}为空（格式）`, () => s.feed('value', source));
    await s.addFunction('logic.or', `${what}为空或格式正确`, async () => {
      await s.feed('values.0', `${what}为空（格式）`);
      await s.feed('values.1', `${what}格式正确`);
    });
    await s.addCheck(zh, en, null, `${what}为空或格式正确`);
  };
  await format('金额', SRC.amount, '金额必须是不小于 0、最多两位小数的数字', 'the amount must be a non-negative number with at most two decimals');
  await format('税额', SRC.tax, '税额必须是不小于 0、最多两位小数的数字', 'the tax must be a non-negative number with at most two decimals');
  await compare('税额 ≤ 金额', '小于等于 ≤', '税额（空为 0）', SRC.amount);
  await s.addFunction('logic.or', '金额为空或税额 ≤ 金额', async () => {
    await s.feed('values.0', '金额为空');
    await s.feed('values.1', '税额 ≤ 金额');
  });
  await s.addCheck('税额不能大于金额', 'the tax must not exceed the amount', `费用明细 / ${SRC.tax}`, '金额为空或税额 ≤ 金额');
  await s.feed('value', SRC.tax);
  const known = async (what: string, from: string, zh: string, en: string, field: string) => {
    await s.addFunction('logic.isEmpty', `${what}未找到`, () => s.feed('value', from));
    await s.addFunction('logic.not', `${what}已找到`, () => s.feed('value', `${what}未找到`));
    await s.addCheck(zh, en, field, `${what}已找到`);
  };
  await known('部门', '部门对照 · dept_code', '费用承担部门不在部门对照表中', 'the cost-bearing department is not in the departments table', '费用承担部门');
  await known('员工', '员工对照 · employee_code', '报销人不在员工对照表中', 'the claimant is not in the employees table', '报销人');
  await known('费用类型', '费用类型对照', '费用类型不在费用类型对照表中', 'the expense type is not in the expense-types table', '费用明细 / 费用类型');

  // 7. Rules 4–6 and 9: the expense line per detail row, then the input-VAT line, then the payable line.
  await s.addLine('line', '费用（每行明细）', 'Expense (per detail row)', '按 费用明细 每行生成');
  await s.addLine('line-2', '进项税额', 'Input VAT', '生成一次');
  await s.addLine('line-3', '应付报销款', 'Payable to claimant', '生成一次');

  await s.target('line', '$filter', '生成费用行');
  await s.target('line', 'summary', '摘要截至 80 字');
  await s.target('line', 'debit', '不含税金额');
  await s.target('line-2', '$condition', 'T > 0');
  await s.target('line-2', 'summary', '进项税摘要');
  await s.target('line-2', 'debit', '进项税额合计 T');
  await s.target('line-3', 'summary', '应付摘要');
  // The payable is the form's total: dropped straight from the form tree onto the voucher field.
  await s.targetSearch('credit');
  await page.getByRole('searchbox', { name: '搜索字段' }).first().fill('报销总额');
  await page.getByTestId(`source-field-${T.total}`).dragTo(page.getByTestId('target-field-line-3-credit'));
  await expect(page.getByTestId(`rf__edge-e.src.${T.total}.t.line-3.credit`)).toBeAttached();

  await s.target('header', 'date', '凭证日期（北京时间）');
  // Rule 8, linked from the keyboard: pick the form field, pick the voucher field, press Enter.
  await page.getByRole('searchbox', { name: '搜索字段' }).first().fill('发票');
  await page.getByTestId(`source-field-${T.attachments}`).click();
  await s.targetSearch('attachments');
  await page.getByTestId('target-field-header-attachments').click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`rf__edge-e.src.${T.attachments}.t.header.attachments`)).toBeAttached();

  await s.target('line', 'account', '费用科目');
  await s.addConstant('进项税科目', 'text', '2221.01.01');
  await s.target('line-2', 'account', '进项税科目');
  await s.addConstant('应付科目', 'text', '2241');
  await s.target('line-3', 'account', '应付科目');
  await s.target('line', 'department', '部门对照 · dept_code');
  await s.target('line-3', 'employee', '员工对照 · employee_code');
  // Account book, voucher word, currency, rate type and rate come from the ledger settings, unlinked.

  // Rule 7: every account must be postable in the chart of accounts.
  const chart = page.getByTestId('editor-chart-settings');
  await chart.getByRole('switch').click();
  await s.choose(chart.getByLabel('科目表', { exact: true }), 'accounts');
  await s.choose(chart.getByLabel('科目编码列'), 'account_code');
  await s.choose(chart.getByLabel('可记账列'), 'postable');

  // The live preview of the sample claim balances, as the shipped mapping's does.
  const status = page.getByTestId('editor-preview').getByTestId('preview-status');
  await expect(status).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00');
  await expect(page.locator('.react-flow__node')).toHaveCount(81);
  await expect(page.getByTestId('editor-save-status')).toHaveText(/已保存 · 版本 \d+/);

  // 8. Export what the UI built and run it with the CLI beside the shipped spec, on a database of its own.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('editor-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${NAME}.json`);
  const exported = path.join(work, download.suggestedFilename());
  await download.saveAs(exported);
  const spec = JSON.parse(fs.readFileSync(exported, 'utf8'));
  expect(spec.name).toBe(NAME);
  expect(spec.nodes).toHaveLength(81);
  expect(spec.target.chartOfAccounts).toEqual({ table: 'accounts', codeColumn: 'account_code', postableColumn: 'postable' });

  const payloads: { name: string; valid: boolean; file: string }[] = [{ name: 'the DingTalk sample', valid: true, file: SAMPLE }];
  for (const c of generateClaims(20251123, { valid: 8, invalid: 15 })) {
    const file = path.join(work, `${payloads.length}.json`);
    fs.writeFileSync(file, JSON.stringify(c.payload));
    payloads.push({ name: c.name, valid: c.valid, file });
  }
  // Each spec runs against a fresh database of its own (the first run migrates and seeds it), the two side by side.
  const runAll = async (spec: string, db: string) => {
    const out: CliResult[] = [];
    for (const p of payloads) out.push(await cli(db, ['map', '--mapping', spec, p.file]));
    return out;
  };
  const [rebuiltRuns, shippedRuns] = await Promise.all([runAll(exported, path.join(work, 'rebuilt.db')), runAll(SHIPPED, path.join(work, 'shipped.db'))]);
  const results = payloads.map((p, i) => ({ ...p, rebuilt: rebuiltRuns[i], shipped: shippedRuns[i] }));
  for (const r of results) {
    expect(outcome(r.rebuilt), r.name).toEqual(outcome(r.shipped));
    if (r.valid) expect(r.shipped.code, `${r.name}: ${r.shipped.stderr}`).toBe(0);
    else expect(r.shipped.code, r.name).not.toBe(0);
  }
  // The sample gives the demo voucher: three expense lines, input VAT and the payable, dated in Beijing time.
  const sample = JSON.parse(results[0].rebuilt.stdout).Model;
  expect([sample.FDate, sample.FATTACHMENTS, sample.FEntity.length]).toEqual(['2025-03-15', 3, 5]);
  expect(sample.FEntity.map((e: { FACCOUNTID: { FNumber: string } }) => e.FACCOUNTID.FNumber)).toEqual(['6601.02', '6601.02', '6601.02', '2221.01.01', '2241']);
  // The valid claims are really different vouchers, not one voucher nine times.
  expect(new Set(results.filter((r) => r.valid).map((r) => r.rebuilt.stdout)).size).toBe(9);
  // Every rule-7 defect was refused with an error list; the two status variants were skipped (exit 3).
  expect(results.filter((r) => r.rebuilt.code === 1)).toHaveLength(13);
  expect(results.filter((r) => r.rebuilt.code === 3)).toHaveLength(2);

  // 9. After a reload the editor shows it all again.
  await page.reload();
  await expect(status).toContainText('借方合计 2,496.00 = 贷方合计 2,496.00');
  await expect(page.locator('.react-flow__node')).toHaveCount(81);
  await expect(page.getByTestId(`rf__edge-e.src.${T.total}.t.line-3.credit`)).toBeAttached();
  await expect(page.getByTestId(`rf__edge-e.src.finishedAt.${voucherDate}`)).toBeAttached();
  await expect(page.getByTestId('canvas-node-t.line-3.credit')).toBeAttached();
  const lines = page.getByTestId('editor-preview').getByTestId('preview-lines-table').locator('tbody tr.ant-table-row');
  await expect(lines).toHaveCount(5);
  await expect(lines.nth(0)).toContainText('6601.02');
  await expect(lines.nth(3)).toContainText('2221.01.01');
  await expect(lines.nth(4)).toContainText('2241');
  fs.rmSync(work, { recursive: true, force: true });
});

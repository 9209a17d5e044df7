import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Voucher } from '../../server/engine';
import { COLUMNS, FIELDS } from './demo-claims';
import { demoPayload, demoSpec, runDemo, type DemoSystem } from './demo-fixture';

const fixture = (f: string) => fs.readFileSync(path.join(__dirname, '../../server/ledgers/fixtures', f), 'utf8');

/** The voucher the demo rules give for the one claim all three samples describe. */
const EXPECTED_LINES = (reference: string) => [
  { summary: '张伟报销机票-上海虹桥-北京首都 MU5101 经济舱', debit: '1174.31', credit: '0.00', kind: 'expense' },
  { summary: '张伟报销住宿费-北京国贸商务酒店 2晚（3/10-3/12）', debit: '1000.00', credit: '0.00', kind: 'expense' },
  { summary: '张伟报销市内交通-北京市内网约车 3 次', debit: '151.46', credit: '0.00', kind: 'expense' },
  { summary: '张伟报销进项税额', debit: '170.23', credit: '0.00', kind: 'vat' },
  { summary: `应付张伟报销款 ${reference}`, debit: '0.00', credit: '2496.00', kind: 'payable' },
];

const REFERENCES: Record<DemoSystem, string> = { dingtalk: '202503140912000286417', feishu: '202503140007', wecom: '202503140012' };

describe.each(['dingtalk', 'feishu', 'wecom'] as const)('demo mapping for %s', (system) => {
  it('produces exactly the voucher the rules give for its sample', async () => {
    const { result } = await runDemo(system, demoPayload(system));
    expect(result?.errors).toEqual([]);
    const v = result!.output as Voucher;
    expect([v.header.date, v.header.fiscalYear, v.header.period, v.header.attachments]).toEqual(['2025-03-15', 2025, 3, 3]);
    const kingdee = system !== 'wecom';
    const accounts = kingdee ? ['6601.02', '6601.02', '6601.02', '2221.01.01', '2241'] : ['660102', '660102', '660102', '22210101', '2241'];
    const expected = EXPECTED_LINES(REFERENCES[system]);
    expect(v.lines.map((l) => ({ summary: l.summary, debit: l.debit.toFixed(2), credit: l.credit.toFixed(2), account: l.account }))).toEqual(
      expected.map((e, i) => ({ summary: e.summary, debit: e.debit, credit: e.credit, account: accounts[i] })),
    );
    const dims = v.lines.map((l) => l.dimensions);
    if (kingdee) expect(dims).toEqual([{ department: 'BM003' }, { department: 'BM003' }, { department: 'BM003' }, {}, { employee: 'EMP0086' }]);
    else expect(dims).toEqual([{ department: '03' }, { department: '03' }, { department: '03' }, {}, { department: '03', employee: '0086' }]);
  });

  it('rejects an empty expense table with an error on the table field', async () => {
    const { result } = await runDemo(system, withRows(system, demoPayload(system), () => []));
    const err = result!.errors.find((e) => /at least one row/.test(e.message));
    expect(err).toMatchObject({ field: tableField(system), row: null });
  });

  it('rejects an amount with three decimals, naming the row and value', async () => {
    const p = withRows(system, demoPayload(system), (rows) => setCell(system, rows, 1, 'amount', '1060.005'));
    const { result } = await runDemo(system, setTotal(system, p, '2496.005'));
    expect(result!.status).toBe('error');
    expect(result!.errors).toContainEqual(expect.objectContaining({ field: column(system, 'amount'), row: 2, message: expect.stringMatching(/two decimals/) }));
  });
});

describe('DingTalk → Kingdee document', () => {
  it('is the whole GL_VOUCHER Save object of the sample, with the rules’ explanations', async () => {
    const { document } = await runDemo('dingtalk', demoPayload('dingtalk'));
    const expected = JSON.parse(fixture('kingdee-gl-voucher-save.json'));
    EXPECTED_LINES(REFERENCES.dingtalk).forEach((l, i) => (expected.Model.FEntity[i].FEXPLANATION = l.summary));
    // Intended difference from the vendor sample: base data verified (target setting, default true).
    expected.IsVerifyBaseDataField = 'true';
    expect(JSON.parse(document!)).toEqual(expected);
    expect(document).toMatch(/"FDEBIT": 1174\.31/);
  });
});

describe('WeCom → U8 document', () => {
  it('matches the U8 sample’s entries, with U8 account and department codes', async () => {
    const { document } = await runDemo('wecom', demoPayload('wecom'));
    const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);
    const ours = parse(document!).ufinterface.voucher;
    const sample = parse(fixture('yonyou-u8-voucher.xml')).ufinterface.voucher;
    EXPECTED_LINES(REFERENCES.wecom).forEach((l, i) => (sample.voucher_body.entry[i].abstract = l.summary));
    expect(ours.voucher_body).toEqual(sample.voucher_body);
    expect(ours.voucher_head.date).toBe('2025-03-15');
    expect(ours.voucher_head.voucher_type).toBe('记');
    expect(ours['@_id']).toBe(REFERENCES.wecom);
    // From the target settings and the OA reference: the preparer default and the source key for re-sends.
    expect(ours.voucher_head.enter).toBe('王芳');
    expect(ours.voucher_head.reserve2).toBe(REFERENCES.wecom);
  });
});

describe('the demo run is the real pipeline', () => {
  it('writes the mapping’s target settings into the ledger document', async () => {
    const spec = demoSpec('wecom');
    spec.target.options = { ...spec.target.options, sender: 'A001', receiver: 'u8' };
    const { document } = await runDemo('wecom', demoPayload('wecom'), { spec });
    const root = new XMLParser({ ignoreAttributes: false }).parse(document!).ufinterface;
    expect([root['@_sender'], root['@_receiver']]).toEqual(['A001', 'u8']);
  });
});

describe('demo voucher rules on DingTalk variations', () => {
  const run = (mutate: (rows: any[]) => any[], total?: string) => {
    let p = withRows('dingtalk', demoPayload('dingtalk'), mutate);
    if (total) p = setTotal('dingtalk', p, total);
    return runDemo('dingtalk', p);
  };
  const lines = async (r: ReturnType<typeof run>) => ((await r).result!.output as Voucher).lines.map((l) => [l.account, l.debit.toFixed(2), l.credit.toFixed(2)]);

  it('reads tax written as "null", empty or missing as 0', async () => {
    const r = await run((rows) => setCell('dingtalk', setCell('dingtalk', rows, 0, 'tax', 'null'), 2, 'tax', ''), '2496.00');
    expect(r.result!.errors).toEqual([]);
    expect(await lines(run((rows) => setCell('dingtalk', rows, 0, 'tax', 'null'), '2496.00'))).toEqual([
      ['6601.02', '1280.00', '0.00'], ['6601.02', '1000.00', '0.00'], ['6601.02', '151.46', '0.00'],
      ['2221.01.01', '64.54', '0.00'], ['2241', '0.00', '2496.00'],
    ]);
  });

  it('gives no expense line for a row whose tax equals its amount, but still counts its tax', async () => {
    expect(await lines(run((rows) => setCell('dingtalk', rows, 2, 'tax', '156.00')))).toEqual([
      ['6601.02', '1174.31', '0.00'], ['6601.02', '1000.00', '0.00'], ['2221.01.01', '321.69', '0.00'], ['2241', '0.00', '2496.00'],
    ]);
  });

  it('leaves out the VAT line when no row carries tax, and skips zero-amount rows', async () => {
    const noTax = (rows: any[]) => [0, 1, 2].reduce((rs, i) => setCell('dingtalk', rs, i, 'tax', ''), rows);
    expect(await lines(run((rows) => setCell('dingtalk', noTax(rows), 1, 'amount', '0'), '1436.00'))).toEqual([
      ['6601.02', '1280.00', '0.00'], ['6601.02', '156.00', '0.00'], ['2241', '0.00', '1436.00'],
    ]);
  });

  it('accepts 1000, 1234.5 and 1234.50 alike, and 12.340 as two decimals', async () => {
    const r = await run((rows) => setCell('dingtalk', setCell('dingtalk', rows, 0, 'amount', '1000'), 1, 'amount', '1234.5'), '2390.5');
    expect(r.result!.errors).toEqual([]);
    const r2 = await run((rows) => setCell('dingtalk', rows, 2, 'amount', '156.000'), '2496');
    expect(r2.result!.status).toBe('ok');
  });

  it.each([
    ['a row without an amount', (rows: any[]) => setCell('dingtalk', rows, 1, 'amount', ''), undefined, 'amount', 2, /every expense row needs an amount/],
    ['a negative amount', (rows: any[]) => setCell('dingtalk', rows, 1, 'amount', '-1060.00'), '376.00', 'amount', 2, /non-negative/],
    ['a tax with three decimals', (rows: any[]) => setCell('dingtalk', rows, 0, 'tax', '105.695'), undefined, 'tax', 1, /two decimals/],
    ['a tax above its amount', (rows: any[]) => setCell('dingtalk', rows, 2, 'tax', '200.00'), undefined, 'tax', 3, /must not exceed/],
    ['an unknown expense type', (rows: any[]) => setCell('dingtalk', rows, 1, 'type', '游艇租赁'), undefined, 'type', 2, /游艇租赁/],
    ['an amount that is not a number', (rows: any[]) => setCell('dingtalk', rows, 0, 'amount', '一千'), undefined, 'amount', 1, /not a number/],
  ])('refuses %s, naming the field and row', async (_what, mutate, total, col, rowNo, message) => {
    const r = await run(mutate as (rows: any[]) => any[], total as string | undefined);
    expect(r.result!.status).toBe('error');
    expect(r.result!.output).toBeNull();
    expect(r.result!.errors).toContainEqual(expect.objectContaining({ field: column('dingtalk', col as ColumnName), row: rowNo, message: expect.stringMatching(message as RegExp) }));
  });

  it('refuses a total that differs from the sum of the rows, naming the total', async () => {
    const r = await run((rows) => rows, '2500.00');
    expect(r.result!.errors).toContainEqual(expect.objectContaining({ field: 'MoneyField_18PDM5K773FK0', row: null, value: '2500.00', message: expect.stringMatching(/total must equal/) }));
  });

  it('refuses an unknown department or claimant, naming the field and the value', async () => {
    const p = demoPayload('dingtalk');
    field(p, 'DepartmentField_1J3K5L7M9N1P0').value = '火星部';
    field(p, 'InnerContactField_1R9B45BYVYE80').extValue = JSON.stringify([{ emplId: '999', name: '张伟' }]);
    const r = await runDemo('dingtalk', p);
    expect(r.result!.errors).toContainEqual(expect.objectContaining({ field: 'DepartmentField_1J3K5L7M9N1P0', value: '火星部', code: 'lookup_miss' }));
    expect(r.result!.errors).toContainEqual(expect.objectContaining({ field: 'InnerContactField_1R9B45BYVYE80', value: '999', code: 'lookup_miss' }));
  });

  it('takes the claimant’s name from the employee table, not from the form', async () => {
    const p = demoPayload('dingtalk');
    field(p, 'InnerContactField_1R9B45BYVYE80').value = 'Zhang W.';
    const v = (await runDemo('dingtalk', p)).result!.output as Voucher;
    expect(v.lines[0].summary.startsWith('张伟报销')).toBe(true);
  });

  it('cuts explanations to 80 code points and refuses a payable explanation that would lose the OA reference', async () => {
    const long = '𠮷'.repeat(100);
    const v = ((await run((rows) => setCell('dingtalk', rows, 0, 'desc', long))).result!.output as Voucher).lines[0];
    expect(Array.from(v.summary)).toHaveLength(80);
    const p = demoPayload('dingtalk');
    p.result.businessId = '9'.repeat(90);
    const r = await runDemo('dingtalk', p);
    expect(r.result!.errors).toContainEqual(expect.objectContaining({ code: 'too_long', target: 'lines[4].summary' }));
  });

  it('refuses accounts the chart of accounts marks as not postable', async () => {
    const { demoTables } = await import('./demo-fixture');
    const tables = demoTables();
    tables.accounts.rows = tables.accounts.rows.map((r) => (r[0] === '6601.02' ? [r[0], r[1], r[2], 'false'] : r));
    const r = await runDemo('dingtalk', demoPayload('dingtalk'), { tables });
    expect(r.result!.errors).toContainEqual(expect.objectContaining({ code: 'account_not_postable', value: '6601.02', row: 1 }));
  });

  it('never lets an unbalanced voucher out, even when a mapping forgets the total check', async () => {
    const { demoSpec } = await import('./demo-fixture');
    const spec = demoSpec('dingtalk');
    spec.nodes = spec.nodes.filter((n) => n.id !== 'chk.totalMatches');
    spec.edges = spec.edges.filter((e) => e.to.node !== 'chk.totalMatches');
    const p = setTotal('dingtalk', demoPayload('dingtalk'), '2500.00');
    const r = await runDemo('dingtalk', p, { spec });
    expect(r.result!.errors).toEqual([expect.objectContaining({ code: 'unbalanced', message: expect.stringMatching(/2496\.00 ≠ credits 2500\.00/) })]);
    expect(r.document).toBeNull();
  });

  it('skips instances that are not approved, with the status as the reason', async () => {
    for (const [status, result] of [['RUNNING', ''], ['COMPLETED', 'refuse'], ['TERMINATED', '']]) {
      const p = demoPayload('dingtalk');
      p.result.status = status;
      p.result.result = result;
      const r = await runDemo('dingtalk', p);
      // The pipeline decides on the status before the mapping runs: no voucher, no document, the status as reason.
      expect(r.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringContaining(status) });
      expect(r.document).toBeNull();
    }
  });
});

// ---- payload surgery per OA system ----
type ColumnName = keyof (typeof COLUMNS)['dingtalk'];
const TABLES = { dingtalk: FIELDS.dingtalk.table, feishu: FIELDS.feishu.table, wecom: FIELDS.wecom.table };
const TOTALS = { dingtalk: FIELDS.dingtalk.total, feishu: FIELDS.feishu.total, wecom: FIELDS.wecom.total };
const column = (s: DemoSystem, c: ColumnName) => COLUMNS[s][c];
const tableField = (s: DemoSystem) => TABLES[s];

function field(p: any, id: string): any {
  return p.result.formComponentValues.find((f: any) => f.id === id);
}

function withRows(system: DemoSystem, p: any, mutate: (rows: any[]) => any[]): any {
  if (system === 'dingtalk') {
    const f = field(p, TABLES.dingtalk);
    f.value = JSON.stringify(mutate(JSON.parse(f.value)));
  } else if (system === 'feishu') {
    const form = JSON.parse(p.data.form);
    const f = form.find((w: any) => w.id === TABLES.feishu);
    f.value = mutate(f.value);
    p.data.form = JSON.stringify(form);
  } else {
    const f = p.info.apply_data.contents.find((c: any) => c.id === TABLES.wecom);
    f.value.children = mutate(f.value.children);
  }
  return p;
}

function setCell(system: DemoSystem, rows: any[], index: number, col: ColumnName, value: string): any[] {
  const id = COLUMNS[system][col];
  const row = rows[index];
  if (system === 'dingtalk') {
    const c = row.rowValue.find((x: any) => x.key === id);
    c.value = value;
    if (c.extendValue) c.extendValue = { label: value, key: 'x' };
  } else if (system === 'feishu') {
    const w = row.find((x: any) => x.id === id);
    w.value = col === 'amount' || col === 'tax' ? (value === '' ? null : value) : value;
    if (w.option) w.option = { key: 'x', text: value };
  } else {
    const c = row.list.find((x: any) => x.id === id);
    if (col === 'amount' || col === 'tax') c.value = { new_money: value };
    else if (col === 'desc') c.value = { text: value };
    else c.value.selector.options = [{ key: 'x', value: [{ text: value, lang: 'zh_CN' }] }];
  }
  return rows;
}

function setTotal(system: DemoSystem, p: any, total: string): any {
  if (system === 'dingtalk') field(p, TOTALS.dingtalk).value = total;
  else if (system === 'feishu') {
    const form = JSON.parse(p.data.form);
    form.find((w: any) => w.id === TOTALS.feishu).value = total;
    p.data.form = JSON.stringify(form);
  } else p.info.apply_data.contents.find((c: any) => c.id === TOTALS.wecom).value = { new_money: total };
  return p;
}

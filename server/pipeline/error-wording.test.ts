import { describe, expect, it } from 'vitest';
import { createTranslator, MESSAGES, pickLabel } from '../../app/_i18n/messages';
import { problemText } from '../../app/_canvas/problem-text';
import { runErrorText } from '../../app/_lib/run-error-text';
import { demoPayload, demoSpec, demoTables } from '../../db/seed/demo-fixture';
import type { FormCell, LookupTableData, MappingSpec, RunError } from '../engine';
import { compile } from '../engine/compile';
import { claimRecord, claimSpec, TABLES, TEST_CATALOGUE } from '../engine/test-support';
import { getCatalogue } from '../ledgers';
import { errorWording } from './error-wording';
import { previewPayload, type PreviewResult } from './preview';
import { errorView, fieldLabels, type PreviewErrorView } from './preview-view';

const catalogue = getCatalogue('kingdee-gl-voucher')!;
const spec = {
  nodes: [{ id: 'lk.dept', kind: 'lookup', table: 'departments', keyColumn: 'name', columns: ['code'], onMiss: 'error' }],
} as unknown as MappingSpec;
const err = (over: Partial<RunError>): RunError => ({ field: null, row: null, value: null, message: 'engine words', code: 'x', ...over });

describe('the figures and field a run error is worded from', () => {
  it('names the voucher field of a line value by its catalogue label, with the 1-based line', () => {
    const w = errorWording(err({ code: 'too_many_decimals', value: '12.345', target: 'lines[2].debit' }), spec, catalogue);
    expect(w.targetLabel).toEqual(catalogue.fields.find((f) => f.group === 'line' && f.id === 'debit')!.label);
    expect(w.params).toEqual({ value: '12.345', line: '3', scale: String(catalogue.moneyScale) });
  });

  it('gives both sides and the exact difference of an unbalanced voucher, at the ledger scale', () => {
    const w = errorWording(err({ code: 'unbalanced', value: { debit: '100.10', credit: '100.01' }, target: 'voucher' }), spec, catalogue);
    expect(w.params).toMatchObject({ debit: '100.10', credit: '100.01', difference: '0.09' });
    expect(errorWording(err({ code: 'unbalanced', value: { debit: '100.10', credit: '100.00' } }), spec, catalogue).params.difference).toBe('0.10');
    expect(w.targetLabel).toBeNull();
  });

  it('counts characters, not UTF-16 units, for a text that is too long, and names the limit', () => {
    const summary = catalogue.fields.find((f) => f.group === 'line' && f.maxLength !== undefined)!;
    const w = errorWording(err({ code: 'too_long', value: '𠀀'.repeat(3), target: `lines[0].${summary.id}` }), spec, catalogue);
    expect(w.params).toMatchObject({ length: '3', max: String(summary.maxLength) });
  });

  it('numbers the line a voucher check names as a whole, with no field', () => {
    const w = errorWording(err({ code: 'account_not_postable', value: '6601', target: 'lines[1]' }), spec, catalogue);
    expect(w.params).toEqual({ value: '6601', line: '2' });
    expect(w.targetLabel).toBeNull();
  });

  it('names the table a lookup missed in, from the node that raised it', () => {
    const w = errorWording(err({ code: 'lookup_miss', value: '火星部', node: 'lk.dept' }), spec, catalogue);
    expect(w.params).toMatchObject({ value: '火星部', table: 'departments', column: 'name' });
  });

  it('blames a voucher field only for an error raised on its target node', () => {
    const withTarget = { nodes: [...spec.nodes, { id: 't.date', kind: 'target', field: 'date' }, { id: 'fn.year', kind: 'function', fn: 'date.year' }] } as unknown as MappingSpec;
    const onTarget = errorWording(err({ code: 'not_a_date', value: 'x', node: 't.date', target: 'header.date' }), withTarget, catalogue);
    expect(onTarget.targetLabel).not.toBeNull();
    // A function's input that is no date, on its way to the fiscal year: the fiscal year is not what is wrong.
    const onTheWay = errorWording(err({ code: 'not_a_date', value: '2025031409', node: 'fn.year', target: 'header.fiscalYear' }), withTarget, catalogue);
    expect(onTheWay.targetLabel).toBeNull();
  });

  it('quotes a readable piece of a huge value, but counts all of a text that is too long', () => {
    const huge = 'A'.repeat(100_000);
    const w = errorWording(err({ code: 'too_long', value: huge, target: 'lines[0].summary' }), spec, catalogue);
    expect(w.params.value.length).toBeLessThan(100);
    expect(w.params.length).toBe('100000');
  });

  it('survives a value of any shape and an unknown target', () => {
    expect(errorWording(err({ code: 'unbalanced', value: { debit: 'x', credit: '1' } }), spec, catalogue).params.difference).toBeUndefined();
    const codes = ['unbalanced', 'multi_valued', 'currency_mixed', 'currency_mismatch', 'missing_exchange_rate', 'lookup_no_date'];
    for (const code of codes)
      for (const value of [undefined, null, 0, { a: 1 }, [1, 2], 'x'.repeat(10)])
        expect(() => errorWording(err({ code, value, target: 'lines[x].?' }), spec, null)).not.toThrow();
    // Figures of the wrong shape are left out, so the UI keeps the engine's message rather than word nonsense.
    expect(errorWording(err({ code: 'currency_mismatch', value: 'USD' }), spec, null).params).toEqual({ value: 'USD' });
    expect(errorWording(err({ code: 'currency_mixed', value: ['USD'] }), spec, null).params).toEqual({ value: '["USD"]' });
  });
});

/*
 * Real runs of the demo mappings that end in the codes the currency, multi-valued, dated-lookup, expression and
 * serialiser work added, worded in both UI languages from the figures this module gives.
 */
const demoTables_ = demoTables();
const tables = (extra: Record<string, LookupTableData> = {}) => (names: string[]) =>
  Object.fromEntries(names.flatMap((n) => (extra[n] ?? demoTables_[n] ? [[n, extra[n] ?? demoTables_[n]]] : [])));
const say = (locale: 'zh-CN' | 'en') => [createTranslator(MESSAGES[locale]), (l: Parameters<typeof pickLabel>[0]) => pickLabel(l, locale)] as const;
const both = (e: PreviewErrorView) => [runErrorText(e, ...say('zh-CN')), runErrorText(e, ...say('en'))];
const first = (r: PreviewResult, code: string) => {
  const e = r.errors.find((x) => x.code === code);
  if (!e) throw new Error(`no ${code} among ${JSON.stringify(r.errors.map((x) => x.code))} ${JSON.stringify(r.compileErrors)}`);
  return e;
};

/** The demo Feishu claim with its amounts in `currency(row)` (row -1: the form's total and the table's sums). */
function feishuClaim(currency: (row: number) => string, amount?: (v: number) => number, edit?: (form: any[]) => void): string {
  const p = demoPayload('feishu');
  const form = JSON.parse(p.data.form);
  for (const w of form) {
    if (w.type === 'amount' && w.ext) Object.assign(w.ext, { currency: currency(-1), currencyRange: [currency(-1)] });
    if (w.type !== 'fieldList') continue;
    w.ext = w.ext.map((x: any) => ({ ...x, sumItems: JSON.stringify([{ currency: currency(-1), value: x.value }]) }));
    w.value.forEach((row: any[], i: number) => {
      for (const c of row.filter((x) => x.type === 'amount')) {
        Object.assign(c.ext, { currency: currency(i), currencyRange: [currency(i)] });
        if (amount) c.value = amount(c.value);
      }
    });
  }
  edit?.(form);
  p.data.form = JSON.stringify(form);
  return JSON.stringify(p);
}

/**
 * The demo Feishu mapping with its lines' currency linked to a constant (and their rate, when given): the demo
 * itself takes both from the ledger settings, and a link wins over them. Every line gets a rate field to link.
 */
function feishuSpec(currency: string, rate?: string, edit?: (s: MappingSpec) => void): MappingSpec {
  const s = demoSpec('feishu');
  const node = (n: Record<string, unknown>) => s.nodes.push(n as MappingSpec['nodes'][number]);
  node({ id: 'c.currency', kind: 'constant', valueType: 'text', value: currency });
  if (rate !== undefined) node({ id: 'c.rate', kind: 'constant', valueType: 'number', value: rate });
  for (const l of ['expense', 'inputVat', 'payable']) {
    node({ id: `t.${l}.currency`, kind: 'target', line: l, field: 'currency' });
    node({ id: `t.${l}.exchangeRate`, kind: 'target', line: l, field: 'exchangeRate' });
    s.edges.push({ id: `c.${l}.currency`, from: { node: 'c.currency' }, to: { node: `t.${l}.currency`, port: 'value' } });
    if (rate !== undefined) s.edges.push({ id: `c.${l}.rate`, from: { node: 'c.rate' }, to: { node: `t.${l}.exchangeRate`, port: 'value' } });
  }
  edit?.(s);
  return s;
}
const unwire = (s: MappingSpec, targets: string[]) => void (s.edges = s.edges.filter((e) => !targets.includes(e.to.node)));

describe('run errors of the currency and multi-valued work, worded in both languages', () => {
  it('a DingTalk department "市场部,销售部" read as one department names the field and both values', async () => {
    const payload = JSON.stringify(demoPayload('dingtalk')).replace('"value":"市场部"', '"value":"市场部,销售部"');
    const e = first(await previewPayload(demoSpec('dingtalk'), payload, tables()), 'multi_valued');
    expect(e.params).toMatchObject({ count: '2', values: '市场部, 销售部' });
    expect(both(e)).toEqual([
      '「费用承担部门」有 2 个值（市场部, 销售部），这里只能取一个：请接上列表函数「唯一值」「第一个值」或「合并多个值」写明取法',
      '“费用承担部门” holds 2 values (市场部, 销售部) where one is expected: say which with a list function (Only one, First value or Join values)',
    ]);
  });

  it('a Feishu claim with one row in USD: the mixed sum and the CNY line both name the field, row and currencies', async () => {
    const r = await previewPayload(feishuSpec('CNY'), feishuClaim((i) => (i === 0 ? 'USD' : 'CNY')), tables());
    const mixed = first(r, 'currency_mixed');
    expect(mixed.params).toMatchObject({ currency: 'CNY', otherCurrency: 'USD' });
    expect(both(mixed)).toEqual([
      '「金额」第 2 行是 CNY，而与它相加或记在同一条分录的金额是 USD：不同币种的金额不能相加，请先换算或分开记账',
      '“金额” (row 2) is in CNY but the amounts added to it or booked on its line are in USD: amounts in different currencies cannot be added; convert them or book them apart',
    ]);
    const mismatch = first(r, 'currency_mismatch');
    expect(both(mismatch)).toEqual([
      '第 1 条分录：「金额」第 1 行的金额是 USD，分录币种却是 CNY：请让分录币种取自金额的币种，并给出汇率',
      'Line 1: “金额” (row 1) is an amount in USD but the line’s currency is CNY: take the line’s currency from the amount and give an exchange rate',
    ]);
  });

  it('a USD line without a rate names the local currency of the settings', async () => {
    const spec = feishuSpec('USD', undefined, (s) => unwire(s, ['t.expense.exchangeRate', 't.inputVat.exchangeRate', 't.payable.exchangeRate']));
    const e = first(await previewPayload(spec, feishuClaim(() => 'USD'), tables()), 'missing_exchange_rate');
    expect(e.params).toMatchObject({ line: '1', value: 'USD', localCurrency: 'CNY' });
    expect(both(e)).toEqual(['第 1 条分录的币种是 USD，不是本位币 CNY，但没有汇率', 'Line 1 is in USD, not the local currency CNY, but has no exchange rate']);
  });

  it('words the other local-amount refusals with the line and the value', async () => {
    const run = async (spec: MappingSpec, payload: string, code: string) => both(first(await previewPayload(spec, payload, tables()), code));
    expect(await run(feishuSpec('XYZ'), feishuClaim(() => 'XYZ'), 'unknown_currency')).toEqual([
      '第 1 条分录：「XYZ」不是系统认识的 ISO 4217 币种代码（如 CNY、USD）',
      'Line 1: “XYZ” is not an ISO 4217 currency code the studio knows (such as CNY or USD)',
    ]);
    expect(await run(feishuSpec('JPY', '0.05'), feishuClaim(() => 'JPY'), 'currency_decimals')).toEqual([
      '第 1 条分录：金额 1174.31 的小数位数超过该币种允许的位数（如日元没有小数）',
      'Line 1: amount 1174.31 has more decimals than its currency allows (yen has none)',
    ]);
    expect(await run(feishuSpec('JPY', '0.000001'), feishuClaim(() => 'JPY', (v) => Math.round(v)), 'converted_to_zero')).toEqual([
      '第 1 条分录：外币金额按汇率折算成本位币 CNY 后为零，无法记账：请检查汇率',
      'Line 1: the amount converted at its exchange rate comes to zero in the local currency CNY: check the rate',
    ]);
    expect(await run(feishuSpec('USD', '-1'), feishuClaim(() => 'USD'), 'bad_exchange_rate')).toEqual([
      '第 1 条分录：汇率 -1 必须大于零',
      'Line 1: exchange rate -1 must be above zero',
    ]);
    expect(await run(feishuSpec('CNY', '7.1'), feishuClaim(() => 'CNY'), 'local_rate_not_one')).toEqual([
      '第 1 条分录是本位币，汇率应为 1，而不是 7.1',
      'Line 1 is in the local currency: its exchange rate must be 1, not 7.1',
    ]);
  });

  it('words what the Kingdee serialiser refuses: a currency or a dimension the settings do not map', async () => {
    const usd = await previewPayload(feishuSpec('USD', '7.1234'), feishuClaim(() => 'USD'), tables());
    expect(both(first(usd, 'unmapped_currency'))[0]).toBe('有分录的币种在账套设置的「币别对照」中没有金蝶币别编码：请在账套设置中补上');
    const noDepartment = feishuSpec('CNY', undefined, (s) => delete (s.target.options as any).dimensionMap.department);
    const dim = first(await previewPayload(noDepartment, feishuClaim(() => 'CNY'), tables()), 'unmapped_dimension');
    expect(both(dim)[1]).toBe('A line carries a dimension that the “Dimension fields” ledger setting assigns to no Kingdee field: add it there');
  });
});

describe('dated lookups (exchange rates by currency and date), worded in both languages', () => {
  const rates: LookupTableData = { columns: ['currency', 'effective_from', 'rate'], rows: [['USD', '2025-01-01', '7.1000'], ['USD', '2025-03-01', '7.1234']] };
  /** The Feishu mapping in USD, each line's rate looked up by currency and `date` (the voucher date unless given). */
  const ratedSpec = (date?: { node: MappingSpec['nodes'][number]; lines: string[] }) =>
    feishuSpec('USD', undefined, (s) => {
      const lines = date?.lines ?? ['expense', 'inputVat', 'payable'];
      s.nodes.push(
        { id: 'lk.rate', kind: 'lookup', table: 'rates', keyColumn: 'currency', asOfColumn: 'effective_from', columns: ['rate'], onMiss: 'error', label: '汇率' } as MappingSpec['nodes'][number],
        { id: 'fn.rate', kind: 'function', fn: 'math.toNumber', params: {} } as MappingSpec['nodes'][number],
        ...(date ? [date.node] : []),
      );
      s.edges = s.edges.filter((e) => !(e.from.node === 'c.rate' && lines.some((l) => e.to.node === `t.${l}.exchangeRate`)));
      s.edges.push(
        { id: 'r.key', from: { node: 'c.currency' }, to: { node: 'lk.rate', port: 'key' } },
        { id: 'r.asOf', from: { node: date?.node.id ?? 'fn.voucherDate' }, to: { node: 'lk.rate', port: 'asOf' } },
        { id: 'r.num', from: { node: 'lk.rate', port: 'rate' }, to: { node: 'fn.rate', port: 'text' } },
        ...lines.map((l) => ({ id: `r.${l}`, from: { node: 'fn.rate' }, to: { node: `t.${l}.exchangeRate`, port: 'value' } })),
      );
    });

  it('a claim dated before the first rate names the table, the key and both columns', async () => {
    const early = feishuClaim(() => 'USD').replace('"end_time":"1742028005000"', '"end_time":"1700000000000"');
    const e = first(await previewPayload(ratedSpec(), early, tables({ rates })), 'lookup_miss');
    expect(e.params).toMatchObject({ value: 'USD', table: 'rates', column: 'currency', dateColumn: 'effective_from' });
    expect(both(e)).toEqual([
      '对照表 rates 中没有「USD」在所给日期当天或之前生效的行（按 currency 列和生效日期列 effective_from 查找）',
      'Lookup table rates has no row for “USD” in force on or before the given date (by column currency and effective-date column effective_from)',
    ]);
  });

  it('a detail row without a date cannot pick its rate', async () => {
    const spentOn = { id: 'src.spentOn', kind: 'source', table: 'widget17412238654110001', column: 'widget17412238745630001', fieldType: 'date', label: '发生日期' } as MappingSpec['nodes'][number];
    const blankRow2 = feishuClaim(() => 'USD', undefined, (form) => {
      form.find((w) => w.type === 'fieldList').value[1].find((c: any) => c.name === '发生日期').value = '';
    });
    const e = first(await previewPayload(ratedSpec({ node: spentOn, lines: ['expense'] }), blankRow2, tables({ rates })), 'lookup_no_date');
    expect(e.row).toBe(2);
    expect(both(e)).toEqual([
      '对照表 rates 按 effective_from 列的生效日期取值：「USD」没有日期，无法确定适用的行',
      'Lookup table rates is dated by its effective_from column: “USD” has no date to pick the row in force',
    ]);
  });

  it('a rates table with a date that is no date is a compile problem naming the row and value', async () => {
    const bad = { ...rates, rows: [...rates.rows, ['USD', '2025/04/01', '7.2']] };
    const r = await previewPayload(ratedSpec(), feishuClaim(() => 'USD'), tables({ rates: bad }));
    const p = r.compileErrors.find((x) => x.code === 'bad_table_date')!;
    const context = (locale: 'zh-CN' | 'en') => ({ t: createTranslator(MESSAGES[locale]), label: (l: Parameters<typeof pickLabel>[0]) => pickLabel(l, locale), spec: null, targetFields: [] });
    expect(problemText(p, context('zh-CN'))).toBe('对照表 rates 第 3 行：effective_from 列的「2025/04/01」不是日期（YYYY-MM-DD）');
    expect(problemText(p, context('en'))).toBe('Lookup table rates, row 3: “2025/04/01” in column effective_from is not a date (YYYY-MM-DD)');
  });
});

describe('expression and raw-number refusals, worded in both languages', () => {
  /** The Feishu mapping with the payable line's `field` computed by an expression over the claim total. */
  const withExpression = (expression: string, outputType: string, field: 'credit' | 'summary') =>
    feishuSpec('CNY', undefined, (s) => {
      s.nodes.push({ id: 'x.calc', kind: 'expression', expression, inputs: ['total'], outputType, label: '应付计算' } as MappingSpec['nodes'][number]);
      unwire(s, [`t.payable.${field}`]);
      s.edges.push({ id: 'x.in', from: { node: 'src.total' }, to: { node: 'x.calc', port: 'total' } }, { id: 'x.out', from: { node: 'x.calc' }, to: { node: `t.payable.${field}`, port: 'value' } });
    });

  it('an expression that computes money in floating point names the node and the inexact result', async () => {
    const e = first(await previewPayload(withExpression('$number($total) * 1.1', 'money', 'credit'), feishuClaim(() => 'CNY'), tables()), 'expression_float');
    const float = String(2496 * 1.1);
    expect(both(e)).toEqual([
      `表达式「应付计算」算出了浮点数 ${float}，不是精确的小数：请用 $decAdd、$decSub、$decMul、$decDiv 或 $decRound 计算金额`,
      `Expression “应付计算” returned the floating-point number ${float}, which is not exact: compute amounts with $decAdd, $decSub, $decMul, $decDiv or $decRound`,
    ]);
  });

  it('an expression over its budget, or returning an object, names the node', async () => {
    const budget = first(await previewPayload(withExpression('$pad("x", 2000000)', 'text', 'summary'), feishuClaim(() => 'CNY'), tables()), 'expression_budget');
    expect(both(budget)[0]).toBe('表达式「应付计算」超出了本次运行所有表达式共用的时间或输出长度上限，已停止计算');
    const object = first(await previewPayload(withExpression('{"a": $total}', 'text', 'summary'), feishuClaim(() => 'CNY'), tables()), 'expression_object');
    expect(both(object)[1]).toBe('Expression “应付计算” returned an object: a result is text, a number, yes/no or a list');
  });

  it('a floating-point number in a record (never from a lossless connector) names the field and row', async () => {
    const spec = claimSpec();
    const compiled = compile(spec, { catalogue: TEST_CATALOGUE, tables: TABLES });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const record = claimRecord(['10', '20'], '30');
    const rows = record.fields.rows.value as Record<string, FormCell>[];
    // Labels as a connector gives them on every row; the second row's text came through as a JS number.
    for (const r of rows) r.desc.label = { zh: '费用说明', en: 'Description' };
    rows[1].desc.value = 1280.1 as unknown as string;
    const run = await compiled.executor.execute(record);
    const raw = run.errors.find((x) => x.code === 'inexact_number')!;
    const ctx = { spec: spec as MappingSpec, catalogue: TEST_CATALOGUE, accountNames: new Map<string, string>() };
    expect(both(errorView(raw, fieldLabels(record), new Map(), ctx))).toEqual([
      '「费用说明」第 2 行的值 1280.1 是浮点数，可能已不是 OA 系统发来的原始数字：连接器应按文本传递数字，请联系管理员',
      '“Description” (row 2) holds 1280.1, a floating-point number that may have lost the digits the OA system sent: the connector must pass numbers as text (tell your administrator)',
    ]);
  });
});

describe('a missing input worded where it enters', () => {
  it('a DingTalk claim without its total: “报销总额为空” on that field, not the failed total rule', async () => {
    const p = demoPayload('dingtalk');
    const form = p.result.formComponentValues as { id: string }[];
    p.result.formComponentValues = form.filter((f) => f.id !== 'MoneyField_18PDM5K773FK0');
    const r = await previewPayload(demoSpec('dingtalk'), JSON.stringify(p), tables());
    expect(r.errors.map((e) => e.code)).toEqual(['empty_input']);
    const e = first(r, 'empty_input');
    expect(e).toMatchObject({ field: 'MoneyField_18PDM5K773FK0', row: null });
    expect(both(e)).toEqual(['报销总额为空', '报销总额 is empty']);
  });
});

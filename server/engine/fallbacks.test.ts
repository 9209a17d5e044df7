import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { MappingSpecInput } from './spec';
import { TABLES, claimRecord, claimSpec, money, record, withNodes } from './test-support';
import type { CompileContext, TargetDocument } from './types';
import { Decimal } from './values';
import type { TargetCatalogue, TargetField } from './voucher';

/**
 * A catalogue like the Kingdee one: book and voucher word from the settings, each line's currency and rate type
 * from the settings, rate 1 on a base-currency line, fiscal year and period from the voucher date.
 */
const field = (f: Omit<TargetField, 'label'>): TargetField => ({ label: { en: f.id }, ...f });
const CATALOGUE: TargetCatalogue = {
  format: 'test-voucher',
  label: { en: 'test' },
  kind: 'voucher',
  moneyScale: 2,
  localCurrency: 'CNY',
  fields: [
    field({ id: 'book', group: 'header', type: 'text', required: false, fallback: { setting: 'accountBook' } }),
    field({ id: 'date', group: 'header', type: 'date', required: true }),
    field({ id: 'fiscalYear', group: 'header', type: 'number', required: true, fallback: { voucherDate: 'year' } }),
    field({ id: 'period', group: 'header', type: 'number', required: true, fallback: { voucherDate: 'month' } }),
    field({ id: 'voucherWord', group: 'header', type: 'text', required: false, fallback: { setting: 'voucherGroup' } }),
    field({ id: 'summary', group: 'line', type: 'text', required: true }),
    field({ id: 'account', group: 'line', type: 'text', required: true }),
    field({ id: 'debit', group: 'line', type: 'money', required: false }),
    field({ id: 'credit', group: 'line', type: 'money', required: false }),
    field({ id: 'currency', group: 'line', type: 'text', required: true, fallback: { setting: 'localCurrency' } }),
    field({ id: 'exchangeRateType', group: 'line', type: 'text', required: false, fallback: { setting: 'exchangeRateType' } }),
    field({ id: 'exchangeRate', group: 'line', type: 'number', required: false, fallback: { baseRate: true } }),
    field({ id: 'department', group: 'line', type: 'text', required: false }),
  ],
};
const SETTINGS = { accountBook: '001', voucherGroup: 'PRE001', localCurrency: 'CNY', exchangeRateType: 'HLTX01_SYS' };
const ctx = (over: Partial<CompileContext> = {}): CompileContext => ({ catalogue: CATALOGUE, tables: TABLES, settings: SETTINGS, ...over });

async function run(spec: MappingSpecInput, c = ctx(), rec = claimRecord(['100', '200'], '300')) {
  const compiled = compile(spec, c);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return { compiled, result: await compiled.executor.execute(rec) };
}
const text = (doc: TargetDocument | null | undefined, line: number | null, f: string) => {
  const v = line === null ? doc?.header[f] : doc?.lines[line]?.[f];
  return Decimal.isDecimal(v) ? (v as Decimal).toFixed() : v;
};
/** claimSpec with one header or line field linked to a text constant. */
const linked = (line: string | null, f: string, value: string, valueType: 'text' | 'number' = 'text') =>
  withNodes(
    claimSpec(),
    [{ id: 'c.link', kind: 'constant', valueType, value }, { id: 't.link', kind: 'target', line, field: f }],
    [{ id: 'e.link', from: { node: 'c.link' }, to: { node: 't.link', port: 'value' } }],
  );

describe('fields a finance system fixes', () => {
  it('come from the ledger settings when nothing links them, and say so in the trace', async () => {
    const { result } = await run(claimSpec());
    expect(result.status).toBe('ok');
    expect([text(result.draft, null, 'book'), text(result.draft, null, 'voucherWord')]).toEqual(['001', 'PRE001']);
    for (const line of [0, 1, 2]) {
      expect([text(result.draft, line, 'currency'), text(result.draft, line, 'exchangeRateType'), text(result.draft, line, 'exchangeRate')]).toEqual(['CNY', 'HLTX01_SYS', '1']);
    }
    expect(result.trace.find((t) => t.target === 'header.book')).toEqual({ target: 'header.book', sources: [], nodes: [], from: { origin: 'settings', setting: 'accountBook' } });
    expect(result.trace.find((t) => t.target === 'lines[1].exchangeRate')?.from).toEqual({ origin: 'baseRate' });
  });

  it('take the fiscal year and period from the voucher date (China time)', async () => {
    // Finished 2025-03-15T17:30Z: the 16th of March in Beijing, so period 3 of 2025.
    const { result } = await run(claimSpec());
    expect([text(result.draft, null, 'fiscalYear'), text(result.draft, null, 'period')]).toEqual(['2025', '3']);
    expect(result.trace.find((t) => t.target === 'header.period')?.from).toEqual({ origin: 'voucherDate' });
    const newYear = await run(claimSpec(), ctx(), { ...claimRecord(['100'], '100'), finishedAt: '2025-12-31T16:30:00Z' });
    expect([text(newYear.result.draft, null, 'fiscalYear'), text(newYear.result.draft, null, 'period')]).toEqual(['2026', '1']);
  });

  it('give way to a link, header and line alike', async () => {
    expect(text((await run(linked(null, 'book', '002'))).result.draft, null, 'book')).toBe('002');
    expect(text((await run(linked(null, 'period', '13', 'number'))).result.draft, null, 'period')).toBe('13');
    const rateType = (await run(linked('pay', 'exchangeRateType', 'HLTX02_SYS'))).result.draft;
    expect([text(rateType, 0, 'exchangeRateType'), text(rateType, 2, 'exchangeRateType')]).toEqual(['HLTX01_SYS', 'HLTX02_SYS']);
    // A linked field's trace is the link's, not the fallback's.
    const { result } = await run(linked(null, 'book', '002'));
    expect(result.trace.find((t) => t.target === 'header.book')?.nodes).toContain('c.link');
    expect(result.trace.find((t) => t.target === 'header.book')?.from).toBeUndefined();
  });

  it('fill a linked field whose value is empty, as the settings always did', async () => {
    const { result } = await run(linked(null, 'voucherWord', ''));
    expect(text(result.draft, null, 'voucherWord')).toBe('PRE001');
    const currency = await run(linked('pay', 'currency', ''));
    expect(currency.result.status).toBe('ok');
    expect(text(currency.result.draft, 1, 'currency')).toBe('CNY');
  });

  it('leave a setting with no value empty, and the voucher date field unfilled without a date', async () => {
    const { result } = await run(claimSpec(), ctx({ settings: { localCurrency: 'CNY' } }));
    expect(text(result.draft, null, 'book')).toBeUndefined();
    expect(text(result.draft, 0, 'exchangeRateType')).toBeUndefined();
    const noDate = await run(claimSpec(), ctx(), { ...claimRecord(['100'], '100'), finishedAt: null });
    expect(text(noDate.result.draft, null, 'fiscalYear')).toBeUndefined();
  });

  it('give rate 1 only to a base-currency line: a foreign line without a rate is still refused', async () => {
    const usd = await run(claimSpec(), ctx(), claimRecord(['100'], '100', 'Sales', ['USD', 'USD']));
    // The line takes its amounts' currency; with no rate the balance check refuses it, naming the currency.
    expect(text(usd.result.draft, 0, 'currency')).toBe('USD');
    expect(text(usd.result.draft, 0, 'exchangeRate')).toBeUndefined();
    expect(usd.result.errors).toContainEqual(expect.objectContaining({ code: 'missing_exchange_rate', value: 'USD' }));
    const rated = await run(linked('expense', 'exchangeRate', '7.1', 'number'), ctx(), claimRecord(['100'], '710', 'Sales', ['USD', 'CNY']));
    expect(text(rated.result.draft, 0, 'exchangeRate')).toBe('7.1');
    expect(text(rated.result.draft, 1, 'exchangeRate')).toBe('1');
  });

  it('are not reported unmapped, while a required field without one still is', () => {
    const compiled = compile(claimSpec(), ctx());
    expect(compiled.ok && compiled.warnings).toEqual([]);
    const noDate = claimSpec();
    noDate.edges = noDate.edges.filter((e) => e.id !== 'e6');
    const r = compile(noDate, ctx());
    expect(r.ok ? [] : r.errors.map((e) => `${e.code}:${e.params?.field}`)).toEqual(['unmapped_required:date']);
  });
});

describe('a partial compile (the studio preview of a mapping being built)', () => {
  const unlinked = (...edges: string[]) => {
    const s = claimSpec();
    s.edges = s.edges.filter((e) => !edges.includes(e.id));
    return s;
  };

  it('runs a spec whose only problems are unmapped required fields and lists them', async () => {
    const spec = unlinked('e8', 'e12');
    const full = compile(spec, ctx());
    expect(full.ok).toBe(false);
    const { compiled, result } = await run(spec, ctx({ partial: true }));
    expect(compiled.ok && compiled.missing.map((e) => `${e.line}.${e.params?.field}`).sort()).toEqual(['expense.account', 'pay.summary']);
    expect(result).toMatchObject({ status: 'error', output: null, incomplete: true });
    // As far as it is mapped: the rows' summaries and amounts, the payable account, the settings' values.
    expect(result.draft?.lines.map((l) => [l.summary ?? null, l.account ?? null, l.currency])).toEqual([
      ['row 1', null, 'CNY'],
      ['row 2', null, 'CNY'],
      [null, '2241', 'CNY'],
    ]);
    expect(result.errors).toEqual([]);
  });

  it('runs a line template with no fields yet, and a voucher with no line template', async () => {
    const spec = claimSpec();
    spec.lines.push({ id: 'blank', repeat: 'once' });
    const { compiled, result } = await run(spec, ctx({ partial: true }));
    expect(compiled.ok && compiled.missing.filter((e) => e.line === 'blank').map((e) => e.params?.field)).toEqual(['summary', 'account']);
    expect(result.draft?.origins.at(-1)).toEqual({ template: 'blank', row: null });
    const empty: MappingSpecInput = { ...claimSpec(), nodes: [], edges: [], lines: [] };
    const bare = await run(empty, ctx({ partial: true }), record({ x: money('1', 'CNY') }));
    expect(bare.compiled.ok && bare.compiled.missing.map((e) => e.code)).toEqual(['unmapped_required', 'no_lines']);
    expect(bare.result.draft?.header).toMatchObject({ book: '001', voucherWord: 'PRE001' });
  });

  it('still blocks on every other compile problem', () => {
    const spec = unlinked('e8');
    spec.edges.find((e) => e.id === 'e14')!.from = { node: 'date' };
    const r = compile(spec, ctx({ partial: true }));
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['type_mismatch']);
  });

  it('reports run errors of what is mapped, but not the voucher checks of an incomplete draft', async () => {
    const { result } = await run(unlinked('e8'), ctx({ partial: true }), claimRecord(['100'], '100', 'Nowhere'));
    expect(result.errors.map((e) => e.code)).toEqual(['lookup_miss']);
  });
});

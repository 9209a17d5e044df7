import { describe, expect, it } from 'vitest';
import type { MappingSpec } from '../engine/spec';
import { fieldSources, settingValues } from './field-sources';

const spec = (format: string, options: Record<string, unknown> = {}, linked: Array<[string | null, string]> = []): Pick<MappingSpec, 'target' | 'nodes' | 'edges' | 'lines'> => ({
  target: { format, options },
  nodes: [
    { id: 'c', kind: 'constant', valueType: 'text', value: 'x' },
    ...linked.map(([line, field], i) => ({ id: `t${i}`, kind: 'target' as const, line, field })),
  ],
  edges: linked.map((_, i) => ({ id: `e${i}`, from: { node: 'c' }, to: { node: `t${i}`, port: 'value' } })),
  lines: [{ id: 'expense', repeat: 'once' }],
});

describe('where each voucher field gets its value, from the spec alone', () => {
  it('an empty Kingdee mapping: book and word from the settings, year and period from the voucher date, rate 1', () => {
    const s = fieldSources(spec('kingdee-gl-voucher'));
    expect(s.header).toMatchObject({
      book: { kind: 'settings', setting: 'accountBook', value: '001' },
      voucherWord: { kind: 'settings', setting: 'voucherGroup', value: 'PRE001' },
      fiscalYear: { kind: 'voucherDate', part: 'year' },
      period: { kind: 'voucherDate', part: 'month' },
      date: { kind: 'unmapped' },
    });
    expect(s.lines.expense).toMatchObject({
      currency: { kind: 'settings', setting: 'localCurrency', value: 'CNY' },
      exchangeRateType: { kind: 'settings', setting: 'exchangeRateType', value: 'HLTX01_SYS' },
      exchangeRate: { kind: 'baseRate' },
      account: { kind: 'unmapped' },
    });
  });

  it("the mapping's own setting values, and a link over any fallback", () => {
    const s = fieldSources(spec('kingdee-gl-voucher', { accountBook: ' 002 ', localCurrency: 'USD' }, [[null, 'voucherWord'], ['expense', 'exchangeRate']]));
    expect(s.header.book).toEqual({ kind: 'settings', setting: 'accountBook', value: '002' });
    expect(s.header.voucherWord).toEqual({ kind: 'linked' });
    expect(s.lines.expense.currency).toMatchObject({ value: 'USD' });
    expect(s.lines.expense.exchangeRate).toEqual({ kind: 'linked' });
  });

  it('U8: voucher type and preparer from the settings, even while another setting is missing', () => {
    const s = fieldSources(spec('u8-voucher-xml', { preparer: '王芳' }));
    expect(s.header.voucherWord).toEqual({ kind: 'settings', setting: 'voucherType', value: '记' });
    expect(s.header.preparer).toEqual({ kind: 'settings', setting: 'preparer', value: '王芳' });
    expect(fieldSources(spec('u8-voucher-xml')).header.preparer).toEqual({ kind: 'settings', setting: 'preparer', value: null });
  });

  it('journal and CSV derive fiscal year and period only; an unknown format has no fields', () => {
    expect(fieldSources(spec('csv')).header.period).toEqual({ kind: 'voucherDate', part: 'month' });
    expect(fieldSources(spec('csv')).lines.expense.currency).toEqual({ kind: 'unmapped' });
    expect(fieldSources(spec('sap-fi'))).toEqual({ header: {}, lines: {} });
    expect(settingValues('sap-fi', { a: 'b' })).toEqual({});
  });
});

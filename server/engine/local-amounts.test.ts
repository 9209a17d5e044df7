import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { LedgerDecimal, localAmounts, rememberLocalAmounts, type AmountLine } from './local-amounts';

const d = (s: string) => new Decimal(s);
const dr = (amount: string, currency: string | null, rate: string | null = null): AmountLine =>
  ({ debit: d(amount), credit: d('0'), currency, exchangeRate: rate === null ? null : d(rate) });
const cr = (amount: string, currency: string | null, rate: string | null = null): AmountLine =>
  ({ debit: d('0'), credit: d(amount), currency, exchangeRate: rate === null ? null : d(rate) });
const cny = { localCurrency: 'CNY', scale: 2 };
const texts = (r: ReturnType<typeof localAmounts>) =>
  r.ok ? r.lines.map((l) => `${l.localDebit.toFixed(2)}/${l.localCredit.toFixed(2)}`) : r.problems.map((p) => p.code);

describe('localAmounts', () => {
  it('converts USD at 7.1234 half up and puts the rounding difference on the largest converted line', () => {
    // 1200.35 × 7.1234 = 8550.573… → 8550.57; 302.46 × 7.1234 = 2154.543… → 2154.54; together 10705.11,
    // but 1502.81 × 7.1234 = 10705.116… → 10705.12: one fen too many on the credit side.
    const r = localAmounts([dr('1200.35', 'USD', '7.1234'), dr('302.46', 'USD', '7.1234'), cr('1502.81', 'USD', '7.1234')], cny);
    expect(texts(r)).toEqual(['8550.57/0.00', '2154.54/0.00', '0.00/10705.11']);
    if (!r.ok) throw new Error('expected ok');
    expect(r.debit.toFixed(2)).toBe('10705.11');
    expect(r.credit.toFixed(2)).toBe('10705.11');
    expect(r.adjustment).toEqual({ line: 2, amount: expect.anything() });
    expect(r.adjustment?.amount.toFixed()).toBe('-0.01');
    expect(r.lines[0].rate.toFixed()).toBe('7.1234');
    expect(r.lines[0].debit.toFixed()).toBe('1200.35');
  });

  it('converts JPY (no decimals) beside a local CNY line, absorbing the difference on the other side', () => {
    // 12001 × 0.0482 = 578.4482 → 578.45; 3802 × 0.0482 = 183.2564 → 183.26 (761.71); 15803 × 0.0482 = 761.7046 → 761.70.
    const r = localAmounts([dr('12001', 'JPY', '0.0482'), dr('3802', 'JPY', '0.0482'), dr('100.00', 'CNY'), cr('15803', 'JPY', '0.0482'), cr('100.00', null)], cny);
    expect(texts(r)).toEqual(['578.45/0.00', '183.26/0.00', '100.00/0.00', '0.00/761.71', '0.00/100.00']);
    if (!r.ok) throw new Error('expected ok');
    expect(r.lines[2]).toMatchObject({ currency: 'CNY', foreign: false });
    expect(r.lines[2].rate.toFixed()).toBe('1');
    expect(r.lines[4].currency).toBe('CNY');
    expect(r.adjustment?.line).toBe(3);
  });

  it('refuses a difference larger than rounding can explain (the originals did not balance)', () => {
    const r = localAmounts([dr('100.00', 'USD', '7.1234'), cr('100.01', 'USD', '7.1234')], cny);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([expect.objectContaining({ code: 'unbalanced', line: null })]);
    expect(r.problems[0].message).toContain('712.34');
    // Local lines are never adjusted: one fen off is unbalanced.
    expect(texts(localAmounts([dr('100.00', 'CNY'), cr('100.01', 'CNY')], cny))).toEqual(['unbalanced']);
  });

  it('names the line and currency of a foreign line without a rate, and an unknown currency', () => {
    const missing = localAmounts([dr('10.00', 'USD'), cr('71.23', 'CNY')], cny);
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.problems[0]).toMatchObject({ code: 'missing_exchange_rate', line: 0, field: 'exchangeRate' });
      expect(missing.problems[0].message).toMatch(/line 1.*USD/);
    }
    const unknown = localAmounts([dr('10.00', 'PRE001'), cr('10.00', 'CNY')], cny);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problems[0]).toMatchObject({ code: 'unknown_currency', line: 0, value: 'PRE001' });
  });

  it('refuses a rate other than 1 on a local line, a non-positive rate and more decimals than the currency has', () => {
    expect(texts(localAmounts([dr('10.00', 'CNY', '7.1'), cr('10.00', 'CNY')], cny))).toEqual(['local_rate_not_one']);
    expect(texts(localAmounts([dr('10.00', 'CNY', '1.000'), cr('10.00', 'CNY')], cny))).toEqual(['10.00/0.00', '0.00/10.00']);
    expect(texts(localAmounts([dr('10.00', 'USD', '0'), cr('10.00', 'CNY')], cny))).toEqual(['bad_exchange_rate']);
    expect(texts(localAmounts([dr('1200.5', 'JPY', '0.0482'), cr('57.86', 'CNY')], cny))).toEqual(['currency_decimals']);
    expect(texts(localAmounts([dr('10.005', 'USD', '7'), cr('70.04', 'CNY')], cny))).toEqual(['currency_decimals']);
  });

  it('computes with its own precision, whatever the global Decimal configuration', () => {
    const before = Decimal.precision;
    Decimal.set({ precision: 5 });
    try {
      const r = localAmounts([dr('12345678901234.56', 'USD', '7.1234'), cr('87943209085054.26', 'CNY')], cny);
      expect(texts(r)).toEqual(['87943209085054.26/0.00', '0.00/87943209085054.26']);
    } finally {
      Decimal.set({ precision: before });
    }
    expect(LedgerDecimal.precision).toBe(1000);
    expect(LedgerDecimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  });

  it('a local line keeps its amounts as local amounts, and a rate given as 1.000 counts as 1', () => {
    const r = localAmounts([dr('1280.00', 'CNY', '1.000'), cr('1280.00', null)], cny);
    if (!r.ok) throw new Error('expected ok');
    expect(r.lines.map((l) => [l.foreign, l.rate.toFixed(), l.localDebit.toFixed(2), l.localCredit.toFixed(2)])).toEqual([
      [false, '1', '1280.00', '0.00'],
      [false, '1', '0.00', '1280.00'],
    ]);
    expect(r.debit.toFixed(2)).toBe('1280.00');
    // A local line at another rate is still refused, and too many decimals for the currency too.
    expect(texts(localAmounts([dr('10.00', 'CNY', '1.5'), cr('10.00', null)], cny))).toEqual(['local_rate_not_one']);
    expect(texts(localAmounts([dr('10.001', 'CNY'), cr('10.001', null)], cny))).toEqual(['currency_decimals', 'currency_decimals']);
  });

  it('reuses a remembered result only while every line reads the same amounts, currency and rate', () => {
    const computedFrom = [dr('100.00', 'USD', '7.1234'), cr('712.34', 'CNY')];
    const first = localAmounts(computedFrom, cny);
    // The voucher's own lines: other objects reading the same amount objects (as toVoucher makes them).
    const lines = computedFrom.map((l) => ({ ...l }));
    rememberLocalAmounts(lines, computedFrom, cny, first);
    expect(localAmounts(lines, cny)).toBe(first);
    expect(localAmounts(lines, { localCurrency: 'CNY', scale: 0 })).not.toBe(first);
    // Any change after the check is computed afresh: here the credit no longer balances.
    lines[1] = { ...lines[1], credit: d('700.00') };
    expect(texts(localAmounts(lines, cny))).toEqual(['unbalanced']);
    // Lines that already differ from what was computed are not remembered at all.
    const other = [dr('1.00', 'CNY'), cr('1.00', 'CNY')];
    rememberLocalAmounts(other, computedFrom, cny, first);
    expect(localAmounts(other, cny)).not.toBe(first);
  });
});

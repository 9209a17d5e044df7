import Decimal from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { EntryLine, Voucher } from '../engine/voucher';
import { demoKingdeeVoucher, demoU8Voucher } from './fixtures/demo-vouchers';
import { serialiseJournal } from './journal';
import { serialiseKingdee } from './kingdee';
import { KingdeeOptionsSchema, U8OptionsSchema } from './options';
import { serialiseU8 } from './u8';

/**
 * Foreign-currency lines in the ledger documents: amounts in the line's currency, local amounts computed by
 * engine/local-amounts.ts (original × rate, half up, rounding difference absorbed) — USD at 7.1234 and JPY.
 */

const kingdee = KingdeeOptionsSchema.parse({ currencyMap: { CNY: 'PRE001', USD: 'PRE007', JPY: 'PRE005' } });
const u8 = U8OptionsSchema.parse({ sender: 'oa2gl', receiver: '996', currencyMap: { USD: '美元' } });

function foreign(v: Voucher, amounts: Array<[side: 'debit' | 'credit', amount: string, currency: string, rate: string | null]>): Voucher {
  const template = v.lines[0];
  v.lines = amounts.map(([side, amount, currency, rate]): EntryLine => ({
    ...template,
    dimensions: { ...template.dimensions },
    debit: new Decimal(side === 'debit' ? amount : '0'),
    credit: new Decimal(side === 'credit' ? amount : '0'),
    currency,
    exchangeRate: rate === null ? null : new Decimal(rate),
  }));
  return v;
}

// 1200.35 + 302.46 = 1502.81 USD; at 7.1234 the debits round to 8550.57 + 2154.54 = 10705.11 and the credit to
// 10705.12: the credit line (the largest converted line) absorbs the fen.
const usd = (v: Voucher) =>
  foreign(v, [['debit', '1200.35', 'USD', '7.1234'], ['debit', '302.46', 'USD', '7.1234'], ['credit', '1502.81', 'USD', '7.1234']]);
// 12001 + 3802 = 15803 JPY at 0.0482: 578.45 + 183.26 = 761.71 against 761.70; plus a local CNY pair.
const jpy = (v: Voucher) =>
  foreign(v, [['debit', '12001', 'JPY', '0.0482'], ['debit', '3802', 'JPY', '0.0482'], ['debit', '100.00', 'CNY', null], ['credit', '15803', 'JPY', '0.0482'], ['credit', '100.00', 'CNY', '1']]);

type Entry = Record<string, unknown>;
const entries = (text: string) => (JSON.parse(text) as { Model: { FEntity: Entry[] } }).Model.FEntity;
const pick = (e: Entry) => [e.FCURRENCYID, e.FEXCHANGERATE, e.FAMOUNTFOR, e.FDEBIT, e.FCREDIT];

describe('Kingdee foreign currency', () => {
  it('writes FAMOUNTFOR in USD, FDEBIT/FCREDIT in local currency at 7.1234, balanced after rounding', () => {
    const text = serialiseKingdee(usd(demoKingdeeVoucher()), kingdee);
    expect(entries(text).map(pick)).toEqual([
      [{ FNumber: 'PRE007' }, 7.1234, 1200.35, 8550.57, 0],
      [{ FNumber: 'PRE007' }, 7.1234, 302.46, 2154.54, 0],
      [{ FNumber: 'PRE007' }, 7.1234, 1502.81, 0, 10705.11],
    ]);
    expect(text).toContain('"FDEBIT": 8550.57');
    expect(text).toContain('"FCREDIT": 10705.11');
  });

  it('writes yen without decimals in FAMOUNTFOR and a local CNY line at rate 1', () => {
    const text = serialiseKingdee(jpy(demoKingdeeVoucher()), kingdee);
    expect(entries(text).map(pick)).toEqual([
      [{ FNumber: 'PRE005' }, 0.0482, 12001, 578.45, 0],
      [{ FNumber: 'PRE005' }, 0.0482, 3802, 183.26, 0],
      [{ FNumber: 'PRE001' }, 1, 100, 100, 0],
      [{ FNumber: 'PRE005' }, 0.0482, 15803, 0, 761.71],
      [{ FNumber: 'PRE001' }, 1, 100, 0, 100],
    ]);
    expect(text).toContain('"FAMOUNTFOR": 12001,');
    expect(text).toContain('"FAMOUNTFOR": 100.00,');
  });

  it('refuses a currency the map has no number for, naming it', () => {
    expect(() => serialiseKingdee(usd(demoKingdeeVoucher()))).toThrow(/line 1: currency USD has no Kingdee currency number/);
  });

  it('refuses a foreign line without a rate, naming line and currency', () => {
    const v = usd(demoKingdeeVoucher());
    v.lines[1].exchangeRate = null;
    expect(() => serialiseKingdee(v, kingdee)).toThrow(/line 2: .*USD.*no exchange rate/);
  });

  it('refuses yen with decimals and a local line at a rate other than 1', () => {
    const v = jpy(demoKingdeeVoucher());
    v.lines[0].debit = new Decimal('12001.5');
    expect(() => serialiseKingdee(v, kingdee)).toThrow(/12001.5 JPY has more than the 0 decimals/);
    const w = jpy(demoKingdeeVoucher());
    w.lines[2].exchangeRate = new Decimal('7.1234');
    expect(() => serialiseKingdee(w, kingdee)).toThrow(/local currency CNY has rate 1/);
  });
});

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'entry' });
type U8Entry = Record<string, string>;
const u8Entries = (text: string) =>
  (parser.parse(text) as { ufinterface: { voucher: { voucher_body: { entry: U8Entry[] } } } }).ufinterface.voucher.voucher_body.entry;
const u8Pick = (e: U8Entry) =>
  [e.currency, e.exchange_rate1, e.primary_debit_amount, e.natural_debit_currency, e.primary_credit_amount, e.natural_credit_currency];

describe('U8 foreign currency', () => {
  it('fills currency, exchange_rate1 and primary_* on foreign lines with natural_* local', () => {
    expect(u8Entries(serialiseU8(usd(demoU8Voucher()), u8)).map(u8Pick)).toEqual([
      ['美元', '7.1234', '1200.35', '8550.57', '0', '0'],
      ['美元', '7.1234', '302.46', '2154.54', '0', '0'],
      ['美元', '7.1234', '0', '0', '1502.81', '10705.11'],
    ]);
  });

  it('leaves local lines as before and writes yen without decimals', () => {
    expect(u8Entries(serialiseU8(jpy(demoU8Voucher()), u8)).map(u8Pick)).toEqual([
      ['JPY', '0.0482', '12001', '578.45', '0', '0'],
      ['JPY', '0.0482', '3802', '183.26', '0', '0'],
      ['', '0', '0', '100.00', '0', '0'],
      ['JPY', '0.0482', '0', '0', '15803', '761.71'],
      ['', '0', '0', '0', '0', '100.00'],
    ]);
  });

  it('refuses a foreign line without a rate', () => {
    const v = jpy(demoU8Voucher());
    v.lines[3].exchangeRate = null;
    expect(() => serialiseU8(v, u8)).toThrow(/line 4: .*JPY.*no exchange rate/);
  });
});

describe('journal foreign currency', () => {
  it('keeps the original amount beside the local one and totals in local currency', () => {
    const j = JSON.parse(serialiseJournal(usd(demoKingdeeVoucher()))) as {
      lines: Array<Record<string, unknown>>;
      totals: { debit: string; credit: string };
    };
    expect(j.lines[2]).toMatchObject({ credit: '1502.81', currency: 'USD', exchangeRate: '7.1234', localCredit: '10705.11' });
    expect(j.totals).toEqual({ debit: '10705.11', credit: '10705.11' });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { demoKingdeeVoucher } from './fixtures/demo-vouchers';
import { serialiseJournal, type JournalJson } from './journal';

describe('serialiseJournal', () => {
  const out = serialiseJournal(demoKingdeeVoucher());
  const j = JSON.parse(out) as JournalJson;

  it('writes header, lines and balanced totals with amounts as decimal strings', () => {
    expect(Object.keys(j)).toEqual([
      'book', 'date', 'fiscalYear', 'period', 'voucherWord', 'reference', 'summary', 'attachments', 'preparer',
      'lines', 'totals',
    ]);
    expect(j.fiscalYear).toBe(2025);
    expect(j.period).toBe(3);
    expect(j.attachments).toBe(3);
    expect(j.lines).toHaveLength(5);
    expect(j.lines[0]).toEqual({
      lineNo: 1,
      account: '6601.02',
      summary: '报销张伟北京展会差旅费-机票',
      debit: '1174.31',
      credit: '0.00',
      currency: 'CNY',
      exchangeRate: '1',
      localDebit: '1174.31',
      localCredit: '0.00',
      dimensions: { department: 'BM003' },
    });
    expect(j.lines[3].dimensions).toEqual({});
    expect(j.lines[4]).toMatchObject({ debit: '0.00', credit: '2496.00', dimensions: { employee: 'EMP0086' } });
    expect(j.totals).toEqual({ debit: '2496.00', credit: '2496.00' });
  });

  it('adds totals exactly (no float drift) and keeps amounts as strings', () => {
    const v = demoKingdeeVoucher();
    v.lines = [0, 1, 2].map((i) => ({ ...v.lines[i], debit: new Decimal(i === 0 ? '0.1' : i === 1 ? '0.2' : '0.01') }));
    v.lines.push({ ...v.lines[0], debit: new Decimal(0), credit: new Decimal('0.31') });
    const t = JSON.parse(serialiseJournal(v)) as JournalJson;
    expect(t.totals).toEqual({ debit: '0.31', credit: '0.31' });
    expect(t.lines[0].debit).toBe('0.10');
  });

  it('carries the same facts an ERPNext Journal Entry needs', () => {
    const erp = JSON.parse(
      readFileSync(path.join(__dirname, 'fixtures/erpnext-journal-entry.json'), 'utf8'),
    ) as { posting_date: string; accounts: Array<{ debit_in_account_currency: number; credit_in_account_currency: number }> };
    expect(j.date).toBe(erp.posting_date);
    // Same amounts line by line, compared as 2-decimal text.
    expect(j.lines.map((l) => [l.debit, l.credit])).toEqual(
      [...erp.accounts.slice(0, 4), { debit_in_account_currency: 0, credit_in_account_currency: 2496 }].map((a) => [
        new Decimal(a.debit_in_account_currency).toFixed(2),
        new Decimal(a.credit_in_account_currency).toFixed(2),
      ]),
    );
  });
});

describe('shared guards', () => {
  it('refuse a malformed date and a non-integer period', () => {
    const v = demoKingdeeVoucher();
    v.header.date = '2025/03/15';
    expect(() => serialiseJournal(v)).toThrow(/YYYY-MM-DD/);
    const w = demoKingdeeVoucher();
    w.header.period = 3.5;
    expect(() => serialiseJournal(w)).toThrow(/period/);
  });
});

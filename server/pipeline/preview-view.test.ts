import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../ledgers';
import type { MappingSpec } from '../engine';
import { voucherView } from './preview-view';

const spec = { lines: [] } as unknown as MappingSpec;
const ctx = { spec, catalogue: getCatalogue('kingdee-gl-voucher') ?? null, accountNames: new Map<string, string>() };

describe('the preview shows amounts exactly as the engine produced them', () => {
  it('a refused draft with 12.345 shows 12.345, not a rounded 12.35, and totals are exact sums', () => {
    const draft = {
      header: {},
      lines: [
        { account: '6601.02', debit: new Decimal('12.345'), credit: new Decimal(0) },
        { account: '2241', debit: new Decimal(0), credit: new Decimal('12.35') },
      ],
      origins: [{ template: 'expense', row: 1 }, { template: 'payable', row: null }],
    };
    const view = voucherView(draft, ctx as never);
    expect(view.lines.map((l) => [l.debit, l.credit])).toEqual([['12.345', null], [null, '12.35']]);
    expect(view.totals).toEqual({ debit: '12.345', credit: '12.35', difference: '-0.005' });
  });

  it('pads whole and one-decimal amounts to the ledger scale and keeps every digit of a large one', () => {
    const draft = {
      header: {},
      lines: [
        { account: '6601.02', debit: new Decimal('12345678901234567.8'), credit: new Decimal(0) },
        { account: '2241', debit: new Decimal(0), credit: new Decimal('1000') },
      ],
      origins: [{ template: 'expense', row: 1 }, { template: 'payable', row: null }],
    };
    const view = voucherView(draft, ctx as never);
    expect(view.lines.map((l) => l.debit ?? l.credit)).toEqual(['12345678901234567.80', '1000.00']);
  });
});

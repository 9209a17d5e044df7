import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { MappingSpecInput } from './spec';
import { TABLES, TEST_CATALOGUE, claimRecord, claimSpec, withNodes } from './test-support';
import type { Voucher } from './voucher';

/** The voucher check balances in the ledger's local currency, with foreign lines converted (local-amounts.ts). */

const CNY_LEDGER = { ...TEST_CATALOGUE, localCurrency: 'CNY' };

/** claimSpec with each line's currency from its amount and, when given, a constant exchange rate on every line. */
function foreignClaim(rate: string | null): MappingSpecInput {
  const spec = withNodes(
    claimSpec(),
    [
      { id: 't.e.ccy', kind: 'target', line: 'expense', field: 'currency' },
      { id: 't.p.ccy', kind: 'target', line: 'pay', field: 'currency' },
    ],
    [
      { id: 'ccy1', from: { node: 'amount', port: 'currency' }, to: { node: 't.e.ccy', port: 'value' } },
      { id: 'ccy2', from: { node: 'total', port: 'currency' }, to: { node: 't.p.ccy', port: 'value' } },
    ],
  );
  if (rate === null) return spec;
  return withNodes(
    spec,
    [
      { id: 'rate', kind: 'constant', valueType: 'number', value: rate },
      { id: 't.e.rate', kind: 'target', line: 'expense', field: 'exchangeRate' },
      { id: 't.p.rate', kind: 'target', line: 'pay', field: 'exchangeRate' },
    ],
    [
      { id: 'r1', from: { node: 'rate' }, to: { node: 't.e.rate', port: 'value' } },
      { id: 'r2', from: { node: 'rate' }, to: { node: 't.p.rate', port: 'value' } },
    ],
  );
}

async function run(spec: MappingSpecInput, amounts: string[], total: string, currency: string) {
  const compiled = compile(spec, { catalogue: CNY_LEDGER, tables: TABLES });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.executor.execute(claimRecord(amounts, total, 'Sales', [...amounts, total].map(() => currency)));
}

describe('voucher check in local currency', () => {
  it('accepts USD lines at 7.1234 whose local amounts differ by rounding only', async () => {
    // 1200.35 → 8550.57 and 302.46 → 2154.54 (10705.11) against 1502.81 → 10705.12: within rounding, absorbed.
    const res = await run(foreignClaim('7.1234'), ['1200.35', '302.46'], '1502.81', 'USD');
    expect(res.errors).toEqual([]);
    const v = res.output as Voucher;
    expect(v.lines.map((l) => [l.currency, l.exchangeRate?.toFixed(), l.debit.toFixed(2), l.credit.toFixed(2)])).toEqual([
      ['USD', '7.1234', '1200.35', '0.00'],
      ['USD', '7.1234', '302.46', '0.00'],
      ['USD', '7.1234', '0.00', '1502.81'],
    ]);
  });

  it('refuses USD lines whose originals do not balance, in local amounts', async () => {
    const res = await run(foreignClaim('7.1234'), ['1200.35', '302.46'], '1502.82', 'USD');
    expect(res.status).toBe('error');
    expect(res.errors).toEqual([expect.objectContaining({ code: 'unbalanced', value: { debit: '10705.11', credit: '10705.19' } })]);
  });

  it('refuses a foreign line without a rate, naming the line, its currency and the field it came from', async () => {
    const res = await run(foreignClaim(null), ['1200.35'], '1200.35', 'USD');
    expect(res.status).toBe('error');
    expect(res.errors[0]).toMatchObject({ code: 'missing_exchange_rate', target: 'lines[0]', field: 'amount', row: 1, value: 'USD' });
    expect(res.errors[0].message).toMatch(/line 1: the line is in USD, not the local CNY, and has no exchange rate/);
  });

  it('refuses yen with decimals and accepts whole yen', async () => {
    const bad = await run(foreignClaim('0.0482'), ['12001.50'], '12001.50', 'JPY');
    expect(bad.errors.map((e) => e.code)).toContain('currency_decimals');
    const good = await run(foreignClaim('0.0482'), ['12001', '3802'], '15803', 'JPY');
    expect(good.errors).toEqual([]);
  });
});

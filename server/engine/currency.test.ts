import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { MappingSpecInput } from './spec';
import { TABLES, TEST_CATALOGUE, cell, claimRecord, claimSpec, money, record, rewire, row, withNodes } from './test-support';
import type { Executor } from './types';

function executor(spec: MappingSpecInput): Executor {
  const r = compile(spec, { catalogue: TEST_CATALOGUE, tables: TABLES });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.executor;
}

/** claimSpec with both lines' currency set to a constant. */
function constantCurrency(code: string): MappingSpecInput {
  return withNodes(
    claimSpec(),
    [
      { id: 'ccy', kind: 'constant', valueType: 'text', value: code },
      { id: 't.e.ccy', kind: 'target', line: 'expense', field: 'currency' },
      { id: 't.p.ccy', kind: 'target', line: 'pay', field: 'currency' },
    ],
    [
      { id: 'c1', from: { node: 'ccy' }, to: { node: 't.e.ccy', port: 'value' } },
      { id: 'c2', from: { node: 'ccy' }, to: { node: 't.p.ccy', port: 'value' } },
    ],
  );
}

/** claimSpec with each line's currency taken from its amount's currency port, at a constant rate. */
function currencyFromAmounts(): MappingSpecInput {
  return withNodes(
    claimSpec(),
    [
      { id: 'rate', kind: 'constant', valueType: 'number', value: '7.1234' },
      { id: 't.e.ccy', kind: 'target', line: 'expense', field: 'currency' },
      { id: 't.p.ccy', kind: 'target', line: 'pay', field: 'currency' },
      { id: 't.e.rate', kind: 'target', line: 'expense', field: 'exchangeRate' },
      { id: 't.p.rate', kind: 'target', line: 'pay', field: 'exchangeRate' },
    ],
    [
      { id: 'c1', from: { node: 'amount', port: 'currency' }, to: { node: 't.e.ccy', port: 'value' } },
      { id: 'c2', from: { node: 'total', port: 'currency' }, to: { node: 't.p.ccy', port: 'value' } },
      { id: 'c3', from: { node: 'rate' }, to: { node: 't.e.rate', port: 'value' } },
      { id: 'c4', from: { node: 'rate' }, to: { node: 't.p.rate', port: 'value' } },
    ],
  );
}

const currencyErrors = (errors: { code: string }[]) => errors.filter((e) => e.code.startsWith('currency_'));

describe('currency travels with amounts', () => {
  it('refuses a USD amount booked on a line whose currency is CNY, naming the field, the row and both currencies', async () => {
    const res = await executor(constantCurrency('CNY')).execute(claimRecord(['1280.00'], '1280.00', 'Sales', ['USD', 'USD']));
    expect(res.status).toBe('error');
    expect(currencyErrors(res.errors)).toEqual([
      expect.objectContaining({
        code: 'currency_mismatch',
        field: 'amount',
        row: 1,
        target: 'lines[0].currency',
        value: { amountCurrency: 'USD', lineCurrency: 'CNY' },
        message: expect.stringMatching(/amount of amount \(row 1\) is in USD but the line's currency is CNY/),
      }),
      expect.objectContaining({ code: 'currency_mismatch', field: 'total', row: null, value: { amountCurrency: 'USD', lineCurrency: 'CNY' } }),
    ]);
  });

  it('accepts a constant currency that matches the amounts', async () => {
    const res = await executor(constantCurrency('CNY')).execute(claimRecord(['1280.00'], '1280.00', 'Sales', ['CNY', 'CNY']));
    expect(res.errors).toEqual([]);
  });

  it('gives a line whose currency is unmapped the currency of its amounts', async () => {
    const res = await executor(claimSpec()).execute(claimRecord(['1280.00', '20'], '1300.00', 'Sales', ['USD', 'USD', 'USD']));
    expect(currencyErrors(res.errors)).toEqual([]);
    expect(res.draft?.lines.map((l) => l.currency)).toEqual(['USD', 'USD', 'USD']);
  });

  it('maps a line’s currency from the amount’s currency port', async () => {
    const res = await executor(currencyFromAmounts()).execute(claimRecord(['1280.00'], '1280.00', 'Sales', ['usd', 'USD']));
    expect(res.errors).toEqual([]);
    expect(res.draft?.lines.map((l) => [l.currency, String(l.exchangeRate)])).toEqual([['USD', '7.1234'], ['USD', '7.1234']]);
  });

  it('refuses amounts in two currencies combined on one line, naming both', async () => {
    const spec = withNodes(
      claimSpec(),
      [
        { id: 'fee', kind: 'source', table: 'rows', column: 'fee', fieldType: 'money', label: '手续费' },
        { id: 'gross', kind: 'function', fn: 'math.add', params: {} },
      ],
      [
        { id: 'g1', from: { node: 'amount' }, to: { node: 'gross', port: 'values.0' } },
        { id: 'g2', from: { node: 'fee' }, to: { node: 'gross', port: 'values.1' } },
      ],
    );
    rewire(spec, 'e9', { node: 'gross' });
    const rec = record({
      dept: cell('text', 'Sales'),
      total: money('105', 'USD'),
      rows: cell('table', [row({ amount: money('100', 'USD'), fee: money('5', 'CNY'), desc: cell('text', 'x') })]),
    });
    const res = await executor(spec).execute(rec);
    expect(currencyErrors(res.errors)).toEqual([
      expect.objectContaining({
        code: 'currency_mixed',
        field: 'fee',
        row: 1,
        value: ['USD', 'CNY'],
        message: expect.stringMatching(/amount \(row 1\) is in USD but 手续费 \(row 1\) is in CNY/),
      }),
    ]);
  });

  it('refuses a sum over rows in different currencies, naming the field and the currencies', async () => {
    const spec = withNodes(claimSpec(), [{ id: 'sum', kind: 'function', fn: 'agg.sum', params: {} }], [
      { id: 's1', from: { node: 'amount' }, to: { node: 'sum', port: 'values' } },
    ]);
    rewire(spec, 'e14', { node: 'sum' });
    const res = await executor(spec).execute(claimRecord(['100', '200'], '300', 'Sales', ['USD', 'CNY', 'CNY']));
    expect(res.status).toBe('error');
    expect(currencyErrors(res.errors)).toEqual([
      expect.objectContaining({
        code: 'currency_mixed',
        field: 'amount',
        row: 2,
        node: 'sum',
        message: expect.stringMatching(/amount \(row 1\) is in USD but amount \(row 2\) is in CNY; amounts in different currencies cannot be added/),
      }),
    ]);
    // One currency throughout: the sum books in it.
    const same = await executor(spec).execute(claimRecord(['100', '200'], '300', 'Sales', ['USD', 'USD', 'USD']));
    expect(currencyErrors(same.errors)).toEqual([]);
    expect(same.draft?.lines.map((l) => l.currency)).toEqual(['USD', 'USD', 'USD']);
  });

  it('counting rows in different currencies is fine: a count is not an amount', async () => {
    const spec = withNodes(claimSpec(), [
      { id: 'n', kind: 'function', fn: 'agg.count', params: {} },
      { id: 't.att', kind: 'target', line: null, field: 'attachments' },
    ], [
      { id: 'n1', from: { node: 'amount' }, to: { node: 'n', port: 'values' } },
      { id: 'n2', from: { node: 'n' }, to: { node: 't.att', port: 'value' } },
    ]);
    const res = await executor(spec).execute(claimRecord(['100', '200'], '300', 'Sales', ['USD', 'CNY', 'CNY']));
    expect(currencyErrors(res.errors)).toEqual([]);
    expect(res.draft?.header.attachments?.toString()).toBe('2');
  });

  it('never merges grouped lines in different currencies', async () => {
    const spec = currencyFromAmounts();
    spec.lines[0] = { id: 'expense', repeat: { table: 'rows' }, groupBy: ['account'] };
    const res = await executor(spec).execute(claimRecord(['1', '2', '4'], '7', 'Sales', ['USD', 'EUR', 'USD', 'USD']));
    expect(res.draft?.lines.map((l) => [l.currency, String(l.debit ?? '')])).toEqual([
      ['USD', '5'],
      ['EUR', '2'],
      ['USD', ''],
    ]);
  });
});

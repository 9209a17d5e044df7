import { describe, expect, it } from 'vitest';
import { previewPayload } from '#server/pipeline/preview';
import { demoPayload, demoSpec, demoTables } from '../../../../../../db/seed/demo-fixture';
import { formatAmount } from '../../../../../_lib/amount';
import { voucherVerdict } from './voucher-verdict';

type Input = Parameters<typeof voucherVerdict>[0];
type ErrorView = Input['errors'][number];

const error = (code: string, params: Record<string, string> = {}): ErrorView => ({
  field: null, fieldLabel: null, row: null, value: null, message: code, labels: null, code, node: null, nodeLabel: null, targetLabel: null, params, target: 'voucher',
});
// The totals the preview view adds up from the lines: they may agree on a draft the engine refused.
const agreeing = { debit: '2496.00', credit: '2496.00', difference: '0.00' };

describe('whether the preview shows a voucher as balanced', () => {
  it('repeats the engine: a produced voucher is balanced, with its exact totals', () => {
    const totals = { debit: '12345678901234567.89', credit: '12345678901234567.89', difference: '0.00' };
    const v = voucherVerdict({ kind: 'ok', errors: [], totals });
    expect(v).toEqual({ kind: 'balanced', debit: '12345678901234567.89', credit: '12345678901234567.89' });
    // 17 digits before the point: every one of them reaches the screen (a float would show …568).
    if (v.kind === 'balanced') expect(formatAmount(v.debit)).toBe('12,345,678,901,234,567.89');
  });

  it('never calls a refused draft balanced, even when its totals happen to agree', () => {
    const v = voucherVerdict({ kind: 'error', errors: [error('unknown_account', { line: '2', value: '9999' })], totals: agreeing });
    expect(v).toEqual({ kind: 'refused', problems: 1 });
  });

  it("shows the engine's unbalanced figures, not the draft's re-added totals", () => {
    // The engine compares the exact sums; the totals shown beside the lines may round to the same figures.
    const engine = error('unbalanced', { debit: '2496.00', credit: '2495.99', difference: '0.01' });
    expect(voucherVerdict({ kind: 'error', errors: [engine], totals: agreeing })).toEqual({
      kind: 'unbalanced',
      figures: { debit: '2496.00', credit: '2495.99', difference: '0.01' },
    });
  });

  it('has no verdict where nothing was assembled', () => {
    expect(voucherVerdict({ kind: 'skipped', errors: [], totals: null })).toEqual({ kind: 'none' });
    expect(voucherVerdict({ kind: 'compile', errors: [], totals: null })).toEqual({ kind: 'none' });
  });

  it('on a real run: the demo claim booked to an account missing from the chart is refused, though its sides agree', async () => {
    const spec = demoSpec('dingtalk');
    const tables = demoTables();
    const chart = spec.target.chartOfAccounts!;
    const accounts = tables[chart.table];
    const code = accounts.columns.indexOf(chart.codeColumn);
    // Drop the payable account (2241) from the chart: every line still has its amount, so debits still equal credits.
    const withoutPayable = { ...accounts, rows: accounts.rows.filter((r) => r[code] !== '2241') };
    const r = await previewPayload(spec, JSON.stringify(demoPayload('dingtalk')), (names) =>
      Object.fromEntries(names.map((n) => [n, n === chart.table ? withoutPayable : tables[n]])),
    );
    expect(r.kind).toBe('error');
    expect(r.errors.map((e) => e.code)).toContain('unknown_account');
    expect(r.totals?.debit).toBe(r.totals?.credit);
    expect(voucherVerdict(r).kind).toBe('refused');
  });
});

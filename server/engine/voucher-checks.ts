import type { RunContext } from './runtime';
import type { TargetDocument, TraceEntry } from './types';
import { Decimal, toText, type Value } from './values';
import { localAmounts, rememberLocalAmounts, type AmountLine, type LocalAmounts, type LocalAmountsOptions } from './local-amounts';
import { DIMENSIONS, type EntryLine, type Voucher } from './voucher';

/** One voucher line's trace entries by target field id (catalogue ids, never data). */
export type LineTraces = Record<string, TraceEntry>;

export interface ChartIndex {
  table: string;
  /** account code → postable */
  postable: Map<string, boolean>;
}

const ZERO = new Decimal(0);
const dec = (v: Value | undefined): Decimal => (Decimal.isDecimal(v) ? (v as Decimal) : ZERO);

/**
 * The rules every voucher obeys before it may leave, whatever the mapping says: at least two lines, each line
 * exactly one side above zero, local debits equal local credits (foreign lines converted at their rate), and (with a
 * chart attached) postable accounts only.
 */
export function checkVoucher(
  ctx: RunContext,
  doc: TargetDocument,
  chart: ChartIndex | null,
  lineTraces: LineTraces[],
  scale: number,
  localCurrency?: string,
): CheckedAmounts | null {
  const fail = (code: string, message: string, value: unknown, line: number | null, via?: string) => {
    const src = line === null ? undefined : lineTraces[line]?.[via ?? 'account']?.sources[0];
    ctx.errors.push({ field: src?.field ?? null, row: src?.row ?? null, value, message, code, target: line === null ? 'voucher' : `lines[${line}]` });
  };
  if (ctx.errors.length) return null; // a line with missing values would only repeat the errors already reported
  if (doc.lines.length < 2) fail('too_few_lines', `a voucher needs at least two entry lines; this one has ${doc.lines.length}`, doc.lines.length, null);
  doc.lines.forEach((line, i) => {
    const d = dec(line.debit);
    const c = dec(line.credit);
    const which = d.isZero() ? 'credit' : 'debit';
    if (d.isNegative() || c.isNegative())
      fail('negative_amount', `line ${i + 1}: amounts must not be negative (debit ${d.toFixed(scale)}, credit ${c.toFixed(scale)})`, (d.isNegative() ? d : c).toFixed(), i, which);
    else if (d.isZero() === c.isZero())
      fail('one_side', `line ${i + 1}: exactly one of debit or credit must be above zero (debit ${d.toFixed(scale)}, credit ${c.toFixed(scale)})`, { debit: d.toFixed(scale), credit: c.toFixed(scale) }, i, which);
    if (chart) {
      const account = toText(line.account ?? null);
      const postable = chart.postable.get(account);
      if (postable === undefined) fail('unknown_account', `account ${account} is not in the chart of accounts (${chart.table})`, account, i);
      else if (!postable) fail('account_not_postable', `account ${account} is a summary account and cannot be posted to`, account, i);
    }
  });
  // Balanced means balanced in the ledger's local currency, computed exactly as the serialisers will write it.
  const lines = doc.lines.map(amountLine);
  const options = { localCurrency: localCurrency ?? 'CNY', scale };
  const converted = localAmounts(lines, options);
  if (converted.ok) return { lines, options, result: converted };
  for (const p of converted.problems) {
    const which = p.field === 'debit' || p.field === 'credit' ? p.field : p.field ?? undefined;
    // A missing rate has no source of its own: the line's currency names where the foreign amount came from, or,
    // when the line took its currency from its amounts, the amount itself.
    const amountSide = p.line !== null && dec(doc.lines[p.line]?.debit).isZero() ? 'credit' : 'debit';
    const via = p.code === 'missing_exchange_rate' ? (p.line !== null && lineTraces[p.line]?.currency ? 'currency' : amountSide) : which;
    fail(p.code, p.message, p.value, p.line, via && p.line !== null && lineTraces[p.line]?.[via] ? via : undefined);
  }
  return null;
}

/** The balance check's local amounts and what they were computed from, for the voucher `toVoucher` makes. */
export interface CheckedAmounts {
  lines: AmountLine[];
  options: LocalAmountsOptions;
  result: LocalAmounts;
}

function amountLine(line: TargetDocument['lines'][number]): AmountLine {
  return {
    debit: dec(line.debit),
    credit: dec(line.credit),
    currency: text(line.currency),
    exchangeRate: Decimal.isDecimal(line.exchangeRate) ? (line.exchangeRate as Decimal) : null,
  };
}

const text = (v: Value | undefined): string | null => (v === undefined || v === null ? null : toText(v));
const int = (v: Value | undefined): number => (Decimal.isDecimal(v) ? (v as Decimal).toNumber() : 0);

/** The typed voucher a ledger adapter formats; only called for documents that passed every check. */
export function toVoucher(doc: TargetDocument, checked: CheckedAmounts | null = null): Voucher {
  const h = doc.header;
  const voucher: Voucher = {
    header: {
      book: text(h.book),
      date: text(h.date) ?? '',
      fiscalYear: int(h.fiscalYear),
      period: int(h.period),
      voucherWord: text(h.voucherWord),
      summary: text(h.summary),
      attachments: int(h.attachments),
      reference: text(h.reference),
      preparer: text(h.preparer),
    },
    lines: doc.lines.map((l): EntryLine => {
      const dimensions: EntryLine['dimensions'] = {};
      for (const d of DIMENSIONS) {
        const v = text(l[d]);
        if (v) dimensions[d] = v;
      }
      return {
        summary: text(l.summary) ?? '',
        account: text(l.account) ?? '',
        debit: dec(l.debit),
        credit: dec(l.credit),
        currency: text(l.currency),
        exchangeRateType: text(l.exchangeRateType),
        exchangeRate: Decimal.isDecimal(l.exchangeRate) ? (l.exchangeRate as Decimal) : null,
        dimensions,
      };
    }),
  };
  // The serialiser needs the same local amounts the check computed: they are handed on with the voucher's lines
  // (engine/local-amounts.ts reuses them only while every line still reads the same amounts, currency and rate).
  if (checked) rememberLocalAmounts(voucher.lines, checked.lines, checked.options, checked.result);
  return voucher;
}

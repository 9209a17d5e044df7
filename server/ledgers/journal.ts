import { DIMENSIONS, type Dimension, type Voucher } from '../engine/voucher';
import { rawNumber, dateText, integerText, lineSide, moneyText, voucherTotals, writeJson, type JsonOut } from './common';

const raw = rawNumber;

/**
 * A generic journal JSON for finance systems without a native adapter (ERPNext, in-house GLs, webhooks).
 *
 * Amounts are JSON *strings* with exactly two decimals ("1174.31", "0.00"), not JSON numbers: most consumers
 * (JavaScript's JSON.parse, many JSON libraries) read numbers as binary floats, which cannot hold every decimal
 * amount exactly and lose digits beyond 2^53. Decimal text survives any parser; the receiver converts it with
 * its own decimal type. The empty side is "0.00" so every line has both keys.
 */

export interface JournalOptions {
  /** Pretty-print indent (default 2); the output is meant to be readable in logs and previews. */
  indent?: 2 | 4;
}

export interface JournalLineJson {
  lineNo: number;
  account: string;
  summary: string;
  debit: string;
  credit: string;
  currency: string | null;
  dimensions: Partial<Record<Dimension, string>>;
}

export interface JournalJson {
  book: string | null;
  date: string;
  fiscalYear: number;
  period: number;
  voucherWord: string | null;
  reference: string | null;
  summary: string | null;
  attachments: number;
  preparer: string | null;
  lines: JournalLineJson[];
  totals: { debit: string; credit: string };
}

export function serialiseJournal(voucher: Voucher, options: JournalOptions = {}): string {
  const h = voucher.header;
  const lines: JsonOut[] = voucher.lines.map((l, i) => {
    lineSide(l, i);
    const dimensions: Record<string, JsonOut> = {};
    // Fixed dimension order, only those present: consumers diffing two exports see stable output.
    for (const d of DIMENSIONS) {
      const v = l.dimensions[d];
      if (v !== undefined && v !== null && v !== '') dimensions[d] = v;
    }
    return {
      lineNo: raw(String(i + 1)),
      account: l.account,
      summary: l.summary,
      debit: moneyText(l.debit, i + 1),
      credit: moneyText(l.credit, i + 1),
      currency: l.currency,
      dimensions,
    };
  });
  const totals = voucherTotals(voucher);
  const out: JsonOut = {
    book: h.book,
    date: dateText(h.date),
    fiscalYear: raw(integerText(h.fiscalYear, 'fiscal year')),
    period: raw(integerText(h.period, 'period')),
    voucherWord: h.voucherWord,
    reference: h.reference,
    summary: h.summary,
    attachments: raw(integerText(h.attachments, 'attachments')),
    preparer: h.preparer,
    lines,
    totals: { debit: moneyText(totals.debit), credit: moneyText(totals.credit) },
  };
  return writeJson(out, options.indent ?? 2);
}

import { DIMENSIONS, type Dimension, type Voucher } from '../engine/voucher';
import { CATALOGUES } from './catalogues';
import {
  rawNumber, currencyAmountText, dateText, decimalText, integerText, lineSide, localLines, moneyText, writeJson, type JsonOut,
} from './common';
import { defaultTargetOptions, type JournalOptions } from './options-schemas';

const raw = rawNumber;

/**
 * A generic journal JSON for finance systems without a native adapter (ERPNext, in-house GLs, webhooks).
 *
 * Amounts are JSON *strings* with exactly two decimals ("1174.31", "0.00"), not JSON numbers: most consumers
 * (JavaScript's JSON.parse, many JSON libraries) read numbers as binary floats, which cannot hold every decimal
 * amount exactly and lose digits beyond 2^53. Decimal text survives any parser; the receiver converts it with
 * its own decimal type. The empty side is "0.00" so every line has both keys.
 *
 * `debit`/`credit` are in the line's currency (with its decimals: yen has none), `localDebit`/`localCredit` in the
 * ledger's local currency at its scale (original × exchangeRate, rounded half up, the rounding difference absorbed
 * as engine/local-amounts.ts says), and the totals are local: they are what balances.
 */

const SCALE = CATALOGUES['journal-json'].moneyScale;
const DEFAULT_OPTIONS = defaultTargetOptions('journal-json');

export interface JournalLineJson {
  lineNo: number;
  account: string;
  summary: string;
  debit: string;
  credit: string;
  /** ISO code of the line's currency (the local currency when the mapping gave none). */
  currency: string;
  exchangeRate: string;
  localDebit: string;
  localCredit: string;
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

export function serialiseJournal(voucher: Voucher, options: JournalOptions = DEFAULT_OPTIONS): string {
  const h = voucher.header;
  const local = localLines(voucher, options.localCurrency, SCALE);
  const lines: JsonOut[] = voucher.lines.map((l, i) => {
    lineSide(l, i);
    const ll = local.lines[i];
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
      debit: currencyAmountText(ll.debit, ll.currency, i + 1),
      credit: currencyAmountText(ll.credit, ll.currency, i + 1),
      currency: ll.currency,
      exchangeRate: decimalText(ll.rate, i + 1),
      localDebit: moneyText(ll.localDebit, SCALE, i + 1),
      localCredit: moneyText(ll.localCredit, SCALE, i + 1),
      dimensions,
    };
  });
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
    totals: { debit: moneyText(local.debit, SCALE), credit: moneyText(local.credit, SCALE) },
  };
  return writeJson(out, options.indent);
}

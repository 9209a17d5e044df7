import Decimal from 'decimal.js';
import { currencyMinorUnits, localAmounts, type LocalLine } from '../engine/local-amounts';
import type { EntryLine, Voucher } from '../engine/voucher';

/**
 * Shared rules every ledger encoding obeys. Money leaves Ledgerlink only as decimal text written from Decimal at the
 * ledger's scale (the catalogue's moneyScale): a JS float never touches an amount, so 0.1 + 0.2 is written "0.30".
 * A serialiser refuses (throws) rather than silently rounding, dropping or guessing anything finance would post.
 */
export class LedgerFormatError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** 1-based entry line the problem is on, when it concerns one line. */
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'LedgerFormatError';
  }
}

/**
 * Amount as exact decimal text with `scale` decimals ("1174.31", "1000.00", "12000" for yen at scale 0). More
 * decimals than `scale` are refused: rounding is a posting decision the mapping must make explicitly.
 */
export function moneyText(d: Decimal, scale: number, line: number | null = null): string {
  if (!Decimal.isDecimal(d) || !d.isFinite()) {
    throw new LedgerFormatError('bad_amount', 'amount is not a finite decimal', line);
  }
  const places = d.decimalPlaces();
  if (places > scale) {
    throw new LedgerFormatError('amount_scale', `amount ${d.toFixed()} has more than ${scale} decimals`, line);
  }
  // Normalise negative zero so an empty side never reads "-0.00".
  if (d.isZero()) return scale === 0 ? '0' : `0.${'0'.repeat(scale)}`;
  // toFixed() writes the exact digits (as many decimals as `places`); padding them is what toFixed(scale) would
  // give, without the rounded copy it makes first, which cost ten times as much.
  const text = d.toFixed();
  return places === scale ? text : `${text}${places === 0 ? '.' : ''}${'0'.repeat(scale - places)}`;
}

/** An amount in a line's own currency, with that currency's decimals (USD "12.50", JPY "12000"). */
export function currencyAmountText(d: Decimal, currency: string, line: number | null = null): string {
  const units = currencyMinorUnits(currency);
  if (units === undefined) throw new LedgerFormatError('unknown_currency', `"${currency}" is not an ISO 4217 currency code Ledgerlink knows`, line);
  return moneyText(d, units, line);
}

/**
 * Every line's local amounts (engine/local-amounts.ts: the same function the engine's balance check uses), or the
 * first problem as a LedgerFormatError naming its line. Serialisers write these, never a sum of their own.
 */
export function localLines(voucher: Voucher, localCurrency: string, scale: number): { lines: LocalLine[]; debit: Decimal; credit: Decimal } {
  // One side per line is checked first: a line with both sides would otherwise read as a balance problem.
  voucher.lines.forEach(lineSide);
  const result = localAmounts(voucher.lines, { localCurrency, scale });
  if (!result.ok) {
    const p = result.problems[0];
    throw new LedgerFormatError(p.code, p.message.replace(/^line \d+: /, ''), p.line === null ? null : p.line + 1);
  }
  return result;
}

/** A rate or other non-money decimal as plain text without exponent ("1", "7.1234"). */
export function decimalText(d: Decimal, line: number | null = null): string {
  if (!Decimal.isDecimal(d) || !d.isFinite()) {
    throw new LedgerFormatError('bad_number', 'value is not a finite decimal', line);
  }
  return d.isZero() ? '0' : d.toFixed();
}

/** Year, period and attachment count are whole numbers in every ledger. */
export function integerText(n: number, what: string): string {
  if (!Number.isSafeInteger(n)) throw new LedgerFormatError('bad_integer', `${what} must be a whole number`);
  return String(n);
}

/** Voucher dates travel as `YYYY-MM-DD` in every target (Kingdee FDate, U8 date, CSV, journal). */
export function dateText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const valid = m !== null && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= 31;
  if (!valid) throw new LedgerFormatError('bad_date', `voucher date "${date}" is not YYYY-MM-DD`);
  return date;
}

export type Side = 'debit' | 'credit' | 'none';

/**
 * Which side a line posts to. A voucher line is either a debit or a credit (有借必有贷, one side per line):
 * both sides filled is refused here as well as by the engine's checks, because Kingdee's FAMOUNTFOR and
 * U8's single-sided entry cannot represent it.
 */
export function lineSide(line: EntryLine, index: number): Side {
  const debitZero = line.debit.isZero();
  const creditZero = line.credit.isZero();
  if (!debitZero && !creditZero) {
    throw new LedgerFormatError('both_sides', 'a line cannot carry both a debit and a credit amount', index + 1);
  }
  return !debitZero ? 'debit' : !creditZero ? 'credit' : 'none';
}

/**
 * Marks raw numbers inside native JSON output. A private-use character that JSON.stringify writes as it is (a
 * control character would be escaped, which takes V8 off its fast string path) plus a nonce drawn once per
 * process, so no user text can know the marker and pose as a number.
 */
const RAW_MARK = `\uE000${Math.random().toString(36).slice(2, 12)}:`;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
/** The marked string as JSON writes it: quote, marker, number text, quote. One pass strips quotes and marker. */
const MARKED_NUMBER = new RegExp(`"${RAW_MARK}(-?\\d+(?:\\.\\d+)?)"`, 'g');

/** A JSON number whose exact text we already have (from Decimal), so JSON output never goes through Number(). */
export type RawJsonNumber = string & { readonly __rawJsonNumber: true };

/**
 * Wraps number text for writeJson. It travels as a marked plain string, which keeps the native serialiser on its
 * fast path (no toJSON or replacer), and loses its quotes and marker at the end.
 */
export function rawNumber(text: string): RawJsonNumber {
  return (RAW_MARK + numberText(text)) as RawJsonNumber;
}

/** Number text checked to be a plain JSON number before it is written into JSON verbatim. */
export function numberText(text: string): string {
  if (!JSON_NUMBER.test(text)) throw new LedgerFormatError('bad_number', `"${text}" is not a JSON number`);
  return text;
}

export type JsonOut = null | boolean | string | JsonOut[] | { [key: string]: JsonOut | undefined };

/**
 * Pretty-prints exactly like `JSON.stringify(v, null, indent)` (same layout, key order kept, `undefined` keys left
 * out) but writes rawNumber text verbatim.
 */
export function writeJson(value: JsonOut, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(MARKED_NUMBER, '$1');
}

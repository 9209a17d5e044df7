import Decimal from 'decimal.js';

/**
 * Foreign-currency conversion of voucher lines into the ledger's local (base) currency. One pure function, used by
 * the engine's voucher check (Σ local debit = Σ local credit) and by every ledger serialiser (Kingdee FDEBIT/FCREDIT,
 * U8 natural_*), so what the studio calls balanced is exactly what the ledger receives.
 *
 * It computes with its own Decimal configuration, never the one the engine sets globally as a side effect: half-up
 * rounding and a precision far above any product of an amount and a rate, so `original × rate` is exact before it
 * is rounded to the ledger's scale.
 */
export const LedgerDecimal = Decimal.clone({ defaults: true, precision: 1000, rounding: Decimal.ROUND_HALF_UP });

/**
 * ISO 4217 minor units of the currencies a voucher line may carry. A code not listed is refused rather than
 * guessed at (a Kingdee number such as PRE001 in a currency field is the usual mistake).
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  CNY: 2, HKD: 2, MOP: 2, TWD: 2, USD: 2, EUR: 2, GBP: 2, CHF: 2, CAD: 2, AUD: 2, NZD: 2, SGD: 2, MYR: 2, THB: 2,
  PHP: 2, INR: 2, IDR: 2, VND: 0, JPY: 0, KRW: 0, RUB: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2, TRY: 2,
  AED: 2, SAR: 2, QAR: 2, ILS: 2, ZAR: 2, BRL: 2, MXN: 2, CLP: 0, ARS: 2, EGP: 2, PKR: 2, BDT: 2, LKR: 2, KZT: 2,
  MNT: 2, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3,
});

export function currencyMinorUnits(currency: string): number | undefined {
  return Object.hasOwn(CURRENCY_MINOR_UNITS, currency) ? CURRENCY_MINOR_UNITS[currency] : undefined;
}

/** What the conversion reads of a line: amounts in the line's currency, its ISO code (null = local) and rate. */
export interface AmountLine {
  debit: Decimal;
  credit: Decimal;
  currency: string | null;
  exchangeRate: Decimal | null;
}

export interface LocalLine {
  /** ISO code of the line's currency (the local currency when the line had none). */
  currency: string;
  foreign: boolean;
  /** 1 for a local line. */
  rate: Decimal;
  /** Amounts in the line's currency, as the mapping produced them. */
  debit: Decimal;
  credit: Decimal;
  /** Amounts in the local currency at the ledger's scale, rounding difference included. */
  localDebit: Decimal;
  localCredit: Decimal;
}

export interface LocalAmountsProblem {
  code:
    | 'unknown_currency'
    | 'currency_decimals'
    | 'local_rate_not_one'
    | 'missing_exchange_rate'
    | 'bad_exchange_rate'
    | 'converted_to_zero'
    | 'unbalanced';
  message: string;
  /** 0-based line the problem is on; null for the voucher as a whole. */
  line: number | null;
  /** Which line field is at fault, for naming its source. */
  field: 'currency' | 'exchangeRate' | 'debit' | 'credit' | null;
  value: unknown;
}

export type LocalAmounts =
  | {
      ok: true;
      lines: LocalLine[];
      debit: Decimal;
      credit: Decimal;
      /** The line (0-based) that absorbed the conversion's rounding difference, and by how much its local amount moved. */
      adjustment: { line: number; amount: Decimal } | null;
    }
  | { ok: false; problems: LocalAmountsProblem[]; debit: Decimal | null; credit: Decimal | null };

export interface LocalAmountsOptions {
  /** ISO code of the ledger's base currency. */
  localCurrency: string;
  /** Decimals of a local amount (the catalogue's moneyScale). */
  scale: number;
}

/**
 * Local amounts of every line: `original × rate`, rounded half up to `scale`. A local line has rate 1 (another rate
 * is an error); a foreign line without a rate is an error naming the line and currency; an amount with more decimals
 * than its currency has (JPY 0, USD 2) is an error.
 *
 * Rounding each converted line on its own can leave local debits a few minor units off local credits although the
 * originals balance. That difference goes onto the converted line with the largest local amount (on whichever side
 * it is): only converted lines were rounded, and the largest one changes relatively least. It is refused as
 * unbalanced if it exceeds (converted lines × half a minor unit), the most that rounding alone can produce: more
 * means the originals did not balance.
 */
export function localAmounts(lines: readonly AmountLine[], options: LocalAmountsOptions): LocalAmounts {
  const known = recalled(lines, options);
  if (known !== null) return known;
  const { localCurrency, scale } = options;
  const problems: LocalAmountsProblem[] = [];
  const out: LocalLine[] = [];
  let debit = LEDGER_ZERO;
  let credit = LEDGER_ZERO;
  let converted = 0;
  lines.forEach((l, i) => {
    const n = i + 1;
    const currency = l.currency === null || l.currency === '' ? localCurrency : l.currency;
    const units = currencyMinorUnits(currency);
    if (units === undefined) {
      problems.push({ code: 'unknown_currency', message: `line ${n}: "${currency}" is not an ISO 4217 currency code Ledgerlink knows`, line: i, field: 'currency', value: currency });
      return;
    }
    if (currency === localCurrency && (l.exchangeRate === null || isOne(l.exchangeRate))) {
      // A local line (every line of a one-currency voucher): its amounts are its local amounts, rate 1. Nothing is
      // multiplied or rounded, so they are read as they are — only the sums are made in the ledger's configuration.
      if (decimalsWithin(l, units, currency, n, i, problems)) {
        if (!l.debit.isZero()) debit = debit.plus(l.debit);
        if (!l.credit.isZero()) credit = credit.plus(l.credit);
        out.push({ currency, foreign: false, rate: LEDGER_ONE, debit: l.debit, credit: l.credit, localDebit: l.debit, localCredit: l.credit });
      }
      return;
    }
    const d = new LedgerDecimal(l.debit);
    const c = new LedgerDecimal(l.credit);
    decimalsWithin(l, units, currency, n, i, problems);
    const foreign = currency !== localCurrency;
    let rate = l.exchangeRate === null ? null : new LedgerDecimal(l.exchangeRate);
    if (!foreign) {
      if (rate !== null && !rate.equals(1)) {
        problems.push({ code: 'local_rate_not_one', message: `line ${n}: a line in the local currency ${currency} has rate 1, not ${rate.toFixed()}`, line: i, field: 'exchangeRate', value: rate.toFixed() });
        return;
      }
      rate = new LedgerDecimal(1);
    } else if (rate === null) {
      problems.push({ code: 'missing_exchange_rate', message: `line ${n}: the line is in ${currency}, not the local ${localCurrency}, and has no exchange rate`, line: i, field: 'exchangeRate', value: currency });
      return;
    } else if (!rate.isFinite() || rate.lte(0)) {
      problems.push({ code: 'bad_exchange_rate', message: `line ${n}: exchange rate ${rate.toFixed()} for ${currency} must be above zero`, line: i, field: 'exchangeRate', value: rate.toFixed() });
      return;
    }
    const localDebit = foreign ? d.times(rate).toDecimalPlaces(scale, LedgerDecimal.ROUND_HALF_UP) : d;
    const localCredit = foreign ? c.times(rate).toDecimalPlaces(scale, LedgerDecimal.ROUND_HALF_UP) : c;
    if (foreign) {
      converted++;
      if ((!d.isZero() && localDebit.isZero()) || (!c.isZero() && localCredit.isZero()))
        problems.push({ code: 'converted_to_zero', message: `line ${n}: ${(d.isZero() ? c : d).toFixed()} ${currency} at rate ${rate.toFixed()} is 0 in ${localCurrency} at ${scale} decimals`, line: i, field: d.isZero() ? 'credit' : 'debit', value: (d.isZero() ? c : d).toFixed() });
    }
    debit = debit.plus(localDebit);
    credit = credit.plus(localCredit);
    out.push({ currency, foreign, rate, debit: d, credit: c, localDebit, localCredit });
  });
  if (problems.length) return { ok: false, problems, debit: null, credit: null };

  const difference = debit.minus(credit);
  if (difference.isZero()) return { ok: true, lines: out, debit, credit, adjustment: null };
  const tolerance = new LedgerDecimal(10).pow(-scale).times(0.5).times(converted);
  if (difference.abs().gt(tolerance)) {
    const unbalanced: LocalAmountsProblem = {
      code: 'unbalanced',
      message: `debits ${debit.toFixed(scale)} ≠ credits ${credit.toFixed(scale)} (difference ${difference.toFixed(scale)})${converted ? ` in ${localCurrency}` : ''}`,
      line: null, field: null, value: { debit: debit.toFixed(scale), credit: credit.toFixed(scale) },
    };
    return { ok: false, problems: [unbalanced], debit, credit };
  }
  // Within rounding: the largest converted line takes the difference (the first of equals, so the result is stable).
  let target = -1;
  out.forEach((l, i) => {
    if (l.foreign && (target < 0 || l.localDebit.plus(l.localCredit).gt(out[target].localDebit.plus(out[target].localCredit)))) target = i;
  });
  const line = out[target];
  // Debits too high: lower a debit line or raise a credit line; credits too high: the reverse.
  const onDebit = !line.localDebit.isZero();
  const amount = onDebit ? difference.negated() : difference;
  const adjusted = (onDebit ? line.localDebit : line.localCredit).plus(amount);
  if (adjusted.lte(0)) {
    return {
      ok: false,
      problems: [{ code: 'converted_to_zero', message: `line ${target + 1}: absorbing the rounding difference ${difference.toFixed(scale)} leaves no local amount`, line: target, field: null, value: adjusted.toFixed(scale) }],
      debit, credit,
    };
  }
  if (onDebit) line.localDebit = adjusted;
  else line.localCredit = adjusted;
  // Both sides now equal the side that was not adjusted.
  const total = onDebit ? credit : debit;
  return { ok: true, lines: out, debit: total, credit: total, adjustment: { line: target, amount } };
}

const LEDGER_ZERO = new LedgerDecimal(0);
const LEDGER_ONE = new LedgerDecimal(1);

/** Exactly 1, read from decimal.js's documented digits (`d`, base 1e7), without making a Decimal to compare with. */
function isOne(rate: Decimal): boolean {
  return rate.s === 1 && rate.e === 0 && rate.d !== null && rate.d.length === 1 && rate.d[0] === 1;
}

/** An amount with more decimals than its currency has (JPY 0, USD 2) is an error; false when one was found. */
function decimalsWithin(l: AmountLine, units: number, currency: string, n: number, i: number, problems: LocalAmountsProblem[]): boolean {
  let ok = true;
  for (const side of ['debit', 'credit'] as const) {
    const amount = l[side];
    if (amount.decimalPlaces() <= units) continue;
    ok = false;
    problems.push({
      code: 'currency_decimals',
      message: `line ${n}: ${side} ${amount.toFixed()} ${currency} has more than the ${units} decimals ${currency} allows`,
      line: i, field: side, value: amount.toFixed(),
    });
  }
  return ok;
}

/**
 * The engine's balance check and the ledger serialiser compute the same local amounts of the same voucher: the
 * check's result is remembered for the lines it was computed from (the voucher the engine hands on carries the
 * check's own amount objects) and reused when the serialiser asks for the same lines, currency and scale. What
 * proves "the same" is identity of every amount, rate and currency read, so a voucher built or changed elsewhere
 * is computed afresh. It is held by the lines array itself (a hidden property), so it goes with the voucher: nothing
 * outlives the payload it came from.
 */
interface Remembered {
  options: LocalAmountsOptions;
  inputs: AmountLine[];
  result: LocalAmounts;
}
const REMEMBERED = Symbol('local amounts');
type Remembering = readonly AmountLine[] & { [REMEMBERED]?: Remembered };

const sameInputs = (a: AmountLine, b: AmountLine): boolean =>
  a.debit === b.debit && a.credit === b.credit && a.currency === b.currency && a.exchangeRate === b.exchangeRate;

/**
 * Lets `localAmounts(lines, options)` answer with `result`, computed by `localAmounts(computedFrom, options)`, as long
 * as every line still reads the same amounts, currency and rate. Nothing is remembered if `lines` already differ.
 */
export function rememberLocalAmounts(
  lines: readonly AmountLine[],
  computedFrom: readonly AmountLine[],
  options: LocalAmountsOptions,
  result: LocalAmounts,
): void {
  if (!result.ok || lines.length !== computedFrom.length) return;
  for (let i = 0; i < lines.length; i++) if (!sameInputs(lines[i], computedFrom[i])) return;
  // The lines it was computed from are the check's own objects, which nobody else holds: they stay as they were.
  // Non-enumerable: the voucher reads, compares, clones and serialises as before.
  Object.defineProperty(lines, REMEMBERED, { value: { options: { ...options }, inputs: computedFrom as AmountLine[], result }, configurable: true });
}

function recalled(lines: readonly AmountLine[], options: LocalAmountsOptions): LocalAmounts | null {
  const known = (lines as Remembering)[REMEMBERED];
  if (known === undefined || known.options.localCurrency !== options.localCurrency || known.options.scale !== options.scale) return null;
  if (known.inputs.length !== lines.length) return null;
  for (let i = 0; i < lines.length; i++) if (!sameInputs(lines[i], known.inputs[i])) return null;
  return known.result;
}


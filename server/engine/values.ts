import Decimal from 'decimal.js';

/**
 * Runtime values flowing along edges. Money and numbers are always Decimal (never a JS float);
 * dates are `YYYY-MM-DD`, datetimes ISO 8601 strings with an offset; `null` is "empty".
 */
export type Value = string | Decimal | boolean | null | Value[];

/** The port types a mapping connects. `money` and `number` share the Decimal representation. */
export const VALUE_TYPES = ['text', 'number', 'money', 'boolean', 'date', 'datetime', 'any'] as const;
/**
 * `list`: the values of a field that may hold several (departments, people, chosen options). Only the ports that
 * take a list (`list.only`, `list.first`, `list.join`) see all of them; any other port takes exactly one value, and a
 * list of two or more reaching it is refused, never cut. A list is held as its single item when it has one (and
 * null when it has none), so one-value fields, by far the most common, cost nothing extra.
 */
export type ValueType = (typeof VALUE_TYPES)[number] | 'list';

// Sums and products of amounts must never lose a digit (decimal.js keeps only 20 significant digits by default).
// Precision only bounds results; additions and comparisons cost the same whatever it is. Division has its own
// bounded clone in the function library.
Decimal.set({ precision: 1000, rounding: Decimal.ROUND_HALF_UP });

export { Decimal };

/**
 * A failed computation travels along edges like a spreadsheet's #N/A: functions pass it on, and it only
 * becomes a reported error when it reaches a target field, a line filter or a check. The engine fills in
 * which OA field and row it came from.
 */
export class Fault {
  constructor(
    readonly code: string,
    readonly message: string,
    /** The offending value as the user would recognise it (the key that missed, the amount with 3 decimals…). */
    readonly value: unknown,
    /** Set by the engine: OA field id and 1-based detail row the bad value came from. */
    public field: string | null = null,
    public row: number | null = null,
    public node: string | null = null,
  ) {}
}

export function fault(code: string, message: string, value: unknown): Fault {
  return new Fault(code, message, value);
}

export function isFault(v: unknown): v is Fault {
  return v instanceof Fault;
}

export function isEmpty(v: Value): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** The usual shape of an amount ("1280.00"): parsed without any clean-up. */
const PLAIN_AMOUNT = /^-?\d{1,20}(\.\d{1,20})?$/;

/** Parses decimal text exactly ("1234.50", "1,234.5", "1e3"); anything else is null. Never goes through a JS float. */
export function parseDecimal(text: string): Decimal | null {
  if (PLAIN_AMOUNT.test(text)) return new Decimal(text);
  const t = text.trim().replace(/,/g, '');
  if (!DECIMAL_TEXT.test(t) || t.length > 60) return null;
  return new Decimal(t);
}

/** Coerces a runtime value to Decimal for numeric ports: Decimal passes, decimal text parses, else Fault. */
export function toDecimal(v: Value): Decimal | Fault | null {
  if (v === null || v === '') return null;
  if (v instanceof Decimal) return v; // the common case, before the general test that also knows clones
  if (Decimal.isDecimal(v)) return v as Decimal;
  if (typeof v === 'string') {
    const d = parseDecimal(v);
    return d ?? fault('not_a_number', `"${truncateForMessage(v)}" is not a number`, v);
  }
  if (typeof v === 'boolean') return fault('not_a_number', `${v} is not a number`, v);
  return fault('not_a_number', 'a list is not a number', v);
}

/** Renders any runtime value as text (for text ports and messages). Decimals keep their exact digits. */
export function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.map(toText).join(',');
  return (v as Decimal).toFixed();
}

/** Plain-JSON view of a runtime value, for previews and traces (decimals as strings). */
export function toPlain(v: Value | Fault): unknown {
  if (v instanceof Fault) return { error: v.message };
  if (Decimal.isDecimal(v)) return (v as Decimal).toFixed();
  if (Array.isArray(v)) return v.map(toPlain);
  return v;
}

export function truncateForMessage(s: string, max = 60): string {
  const cps = Array.from(s);
  return cps.length > max ? cps.slice(0, max).join('') + '…' : s;
}

/**
 * `a.cmp(b)` without the copy of `b` that decimal.js makes first (comparisons are most of a mapping's checks).
 * The same steps as decimal.js's comparedTo, on the documented d (digits, base 1e7), e (exponent) and s (sign)
 * of two finite values of this Decimal; anything else is left to decimal.js.
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const ad = a.d, bd = b.d;
  if (!ad || !bd || !(a instanceof Decimal) || !(b instanceof Decimal)) return a.cmp(b);
  const as = a.s;
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -b.s : 0;
  if (as !== b.s) return as;
  const flip = as < 0;
  if (a.e !== b.e) return a.e > b.e !== flip ? 1 : -1;
  const n = ad.length < bd.length ? ad.length : bd.length;
  for (let i = 0; i < n; i++) if (ad[i] !== bd[i]) return ad[i] > bd[i] !== flip ? 1 : -1;
  return ad.length === bd.length ? 0 : ad.length > bd.length !== flip ? 1 : -1;
}

// Decimals are immutable, so counts, decimal places and periods share one instance per small whole number.
const WHOLE = Array.from({ length: 64 }, (_, i) => new Decimal(i));

/** A non-negative whole number (a count, a month) as a Decimal. */
export function wholeNumber(n: number): Decimal {
  return n >= 0 && n < WHOLE.length && Number.isInteger(n) ? WHOLE[n] : new Decimal(n);
}

/** Number of decimals a value really has: 12.340 → 2, 12.345 → 3, 1000 → 0. */
export function decimalPlaces(d: Decimal): number {
  return d.decimalPlaces();
}

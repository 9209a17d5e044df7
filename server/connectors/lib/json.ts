/**
 * Defensive access to untrusted, already-parsed JSON. Only own properties are read, so keys such as
 * `__proto__`, `constructor` or `toString` in a payload are plain data and never reach Object.prototype.
 * A JSON number from `parseJson` is a `LosslessNumber`: an object to JavaScript, but a scalar here (never an
 * object with keys), read through `jsonNumberText`.
 */
import { LosslessNumber } from 'lossless-json';

export { parseJson, locateJsonError, type JsonParse } from './json-parse';

export type Obj = Record<string, unknown>;

/** Arrays longer than this are refused: no real approval form has them, and a hostile sparse array could spin us. */
export const MAX_ITEMS = 100_000;

/** A JSON number as `parseJson` reads it. `instanceof` only: an object merely claiming to be one is not. */
export function isJsonNumber(v: unknown): v is LosslessNumber {
  try {
    return v instanceof LosslessNumber;
  } catch {
    return false; // a proxy whose getPrototypeOf trap throws
  }
}

/**
 * The decimal text of a JSON number: the source text of a `LosslessNumber`, or `String(n)` of a finite JS
 * number (a caller that parsed with `JSON.parse` has already lost what a float cannot hold). Else undefined.
 */
export function jsonNumberText(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  return isJsonNumber(v) ? v.value : undefined;
}

/** A small JSON number (status code, offset, epoch) as a JS number; undefined for anything else. */
export function jsonNumberValue(v: unknown): number | undefined {
  const t = jsonNumberText(v);
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isJsonNumber(v);
}

export function own(o: unknown, key: string): unknown {
  if (typeof o !== 'object' || o === null || isJsonNumber(o)) return undefined;
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Obj)[key] : undefined;
}

export function hasOwn(o: unknown, key: string): boolean {
  return typeof o === 'object' && o !== null && !isJsonNumber(o) && Object.prototype.hasOwnProperty.call(o, key);
}

/** First own property among `keys` that is not undefined (camelCase / snake_case dialects). */
export function ownAny(o: unknown, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = own(o, k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * A non-empty string, or a number as its exact text (a user or department id sent as a JSON number such as
 * 24512663938264572123 keeps every digit); anything else is undefined.
 */
export function idText(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'bigint') return v.toString();
  return jsonNumberText(v);
}

/** Stands for a JSON number while JSON.stringify writes the text around it (Node 20 has no JSON.rawJSON). */
const NUMBER_MARK = '\uE000#';
const MARKED = /"\uE000#"/g;

/**
 * JSON text of any value, JSON numbers written with their exact digits; never throws (cycles, 100k-deep
 * nesting, BigInt, hostile toJSON...).
 */
export function safeJson(v: unknown): string {
  try {
    const numbers: string[] = [];
    const s = stringifyWithBudget(v, (n) => {
      numbers.push(n.value);
      return NUMBER_MARK;
    });
    if (typeof s !== 'string') return String(v);
    if (numbers.length === 0) return s;
    // Each number went out as a marked string; put its digits back. If the data itself holds the mark, the
    // marks cannot be told apart: write the numbers as quoted digits instead (still every digit).
    if ((s.match(MARKED)?.length ?? 0) !== numbers.length) return stringifyWithBudget(v, (n) => n.value) ?? String(v);
    let i = 0;
    return s.replace(MARKED, () => numbers[i++]);
  } catch (e) {
    return e instanceof TooLarge ? '[value too large to show]' : '[unserialisable value]';
  }
}

function stringifyWithBudget(v: unknown, numberAs: (n: LosslessNumber) => string): string | undefined {
  // A budget of visited entries: a sparse array claiming 2³¹ slots would otherwise be written out in full.
  let budget = MAX_ITEMS;
  return JSON.stringify(v, (_key, x: unknown) => {
    if (--budget < 0) throw new TooLarge();
    return isJsonNumber(x) ? numberAs(x) : x;
  });
}

class TooLarge extends Error {}

export function jsonPathKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The array itself when `v` is an array of sane length, else null. */
export function items(v: unknown): unknown[] | null {
  return Array.isArray(v) && v.length <= MAX_ITEMS ? v : null;
}

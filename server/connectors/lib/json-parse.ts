/**
 * JSON text → values without losing a digit. Amounts arrive as JSON numbers (Feishu `amount`: 105.69,
 * 1280.00, or a 17+ digit figure) and a binary float cannot hold every decimal, so every number is read by
 * `lossless-json` as a `LosslessNumber` that keeps its source text (`.value`). Nothing here falls back to
 * `JSON.parse`: the text of a number is never lost, whatever else the payload holds.
 *
 * Connectors read numbers through `jsonNumberText` / `idText` / `decimalValue`, which accept a
 * `LosslessNumber` (from this parser) or a plain JS number (a caller that parsed the JSON itself).
 */
import { LosslessNumber, parse } from 'lossless-json';

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string; position: number };

const STARTS_VALUE = /^[ \t\n\r]*[[{"\-0-9tfn]/;

/** A later duplicate key wins, as with `JSON.parse` (lossless-json refuses duplicates by default). */
const lastWins = ({ newValue }: { newValue: unknown }) => newValue;

/**
 * Parses JSON text; numbers become `LosslessNumber`s. A syntax error comes back as a reason and a 0-based
 * position; nothing throws, whatever the text (hostile nesting included).
 */
export function parseJson(text: string): JsonParse {
  // Short lexemes (`0`, `1`, `-480`) are shared within one parse: a 5 MB body of `[1,1,1,…]` would
  // otherwise become 2.5 million objects (~120 MB) instead of one. The map is made on the first short lexeme.
  let shared: Map<string, LosslessNumber> | undefined;
  const parseNumber = (lexeme: string): LosslessNumber => {
    if (lexeme.length > 4) return new LosslessNumber(lexeme);
    shared ??= new Map();
    let n = shared.get(lexeme);
    if (n === undefined) shared.set(lexeme, (n = Object.freeze(new LosslessNumber(lexeme))));
    return n;
  };
  // Text that cannot start a JSON value (a DingTalk department name tried as JSON) is refused without
  // the cost of a thrown SyntaxError.
  if (!STARTS_VALUE.test(text)) return { ok: false, ...locateJsonError(text) };
  const plain = parseWithoutNumbers(text);
  if (plain !== undefined) return plain;
  const first = parseTagged(text, parseNumber, FIRST_TAG, true);
  const fast = first === TAG_IN_TEXT ? parseTagged(text, parseNumber, unusedPrivateUseChar(text), false) : first;
  if (fast !== undefined && fast !== TAG_IN_TEXT) return fast;
  try {
    return { ok: true, value: parse(text, null, { parseNumber, onDuplicateKey: lastWins }) };
  } catch (e) {
    // The parser recurses once per nesting level: thousands of levels exhaust the call stack.
    if (e instanceof RangeError) return { ok: false, ...deepestNesting(text) };
    return { ok: false, ...locateJsonError(text) };
  }
}

/**
 * Outside strings a number always follows the start of the text, `[`, `:` or `,` (and blanks). Text where that
 * never happens — not even inside a string — holds no number at all, so the native parse is exact as it is.
 */
const MAY_HOLD_NUMBER = /(?:^|[,:[])[ \t\n\r]*-?[0-9]/;

/**
 * The cheapest exact case, common for the JSON texts inside a payload (a DingTalk table, contact or option): no
 * number anywhere, found by one native search, so the native parse has nothing to lose and nothing to tag. The
 * nesting guard of the tagged path's walk only matters for text long enough to nest that deep.
 */
function parseWithoutNumbers(text: string): JsonParse | undefined {
  if (MAY_HOLD_NUMBER.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, ...locateJsonError(text) };
  }
  if (text.length >= 2 * MAX_DEPTH && typeof value === 'object' && value !== null && restoreNumbers(value, -1, noNumber, 0) === NESTED_TOO_DEEP) {
    return { ok: false, ...deepestNesting(text) };
  }
  return { ok: true, value };
}
const noNumber = (): LosslessNumber => {
  throw new Error('no number was tagged');
};

/**
 * The fast path, linear in the text: every number lexeme is rewritten as a string `"<tag><lexeme>"`, the result
 * goes through the native `JSON.parse` (no reviver: V8 recurses for a reviver, not for the parse), and an iterative
 * walk turns the tagged strings back into `LosslessNumber`s. `lossless-json` alone builds each string character by
 * character — 2 s for a 5 MB text field, long enough to stall the server — so it only serves the texts this path
 * cannot take. The tag is a private-use character: the first try uses U+E000 without searching the text for it, and
 * the walk counts the strings that start with it — exactly one per tagged number, or the text itself held one (raw
 * or as a `\u` escape) and the parse is done again with a tag the text does not contain (`unusedPrivateUseChar`).
 * `undefined` when that fails too (only a deliberately built text holds all 6,400 candidates).
 */
function parseTagged(
  text: string,
  parseNumber: (lexeme: string) => LosslessNumber,
  tag: string | null,
  /** The tag was not looked for in the text: only exactly one tagged string per tagged number proves it unused. */
  mustCount: boolean,
): JsonParse | typeof TAG_IN_TEXT | undefined {
  if (tag === null) return undefined;
  const tagged = tagNumbers(text, tag);
  if (tagged === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(tagged.text);
  } catch {
    return { ok: false, ...locateJsonError(text) };
  }
  const mark = tag.charCodeAt(0);
  if (typeof value === 'string') {
    if (value.charCodeAt(0) !== mark) return { ok: true, value };
    return !mustCount || tagged.count === 1 ? { ok: true, value: parseNumber(value.slice(1)) } : TAG_IN_TEXT;
  }
  if (typeof value !== 'object' || value === null) return { ok: true, value };
  let found: number;
  try {
    found = restoreNumbers(value, mark, parseNumber, mustCount ? tagged.count : Infinity);
  } catch {
    return TAG_IN_TEXT; // a string of the text that starts with the tag is no number lexeme
  }
  if (found === NESTED_TOO_DEEP) return { ok: false, ...deepestNesting(text) };
  // More tagged strings than tagged numbers: the text held the tag itself. Fewer: a duplicate key dropped one, and
  // a string of the text may have taken its place in the count. Either way the tag was not proven unused.
  return !mustCount || found === tagged.count ? { ok: true, value } : TAG_IN_TEXT;
}
const TAG_IN_TEXT = 'tag in text';

/**
 * Turns the strings that start with `mark` back into numbers, in place, iteratively (no recursion whatever the
 * nesting). Returns how many it turned, NESTED_TOO_DEEP for nesting deeper than MAX_DEPTH, or `limit + 1` as soon
 * as it met more than `limit` such strings.
 */
function restoreNumbers(value: object, mark: number, parseNumber: (lexeme: string) => LosslessNumber, limit: number): number {
  let found = 0;
  const stack: object[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const holder = stack.pop()!;
    const depth = depths.pop()! + 1;
    // Real payloads nest a few levels; every reader after this one walks values recursively.
    if (depth > MAX_DEPTH) return NESTED_TOO_DEEP;
    if (Array.isArray(holder)) {
      for (let i = 0; i < holder.length; i++) {
        const v: unknown = holder[i];
        if (typeof v === 'string') {
          if (v.charCodeAt(0) === mark) {
            if (++found > limit) return found;
            holder[i] = parseNumber(v.slice(1));
          }
        } else if (typeof v === 'object' && v !== null) {
          stack.push(v);
          depths.push(depth);
        }
      }
      continue;
    }
    const obj = holder as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (typeof v === 'string') {
        if (v.charCodeAt(0) !== mark) continue;
        if (++found > limit) return found;
        // A key `__proto__` must stay plain data: define it, never assign it.
        if (key === '__proto__') Object.defineProperty(obj, key, { value: parseNumber(v.slice(1)), writable: true, enumerable: true, configurable: true });
        else obj[key] = parseNumber(v.slice(1));
      } else if (typeof v === 'object' && v !== null) {
        stack.push(v);
        depths.push(depth);
      }
    }
  }
  return found;
}

const NESTED_TOO_DEEP = -1;

/** Deeper than any OA payload (they nest under 20 levels), shallow enough for every recursive reader. */
const MAX_DEPTH = 1000;

const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;
const ESCAPED_PRIVATE_USE = /\\u([eEfF][0-9a-fA-F]{3})/g;

const FIRST_TAG = String.fromCharCode(PRIVATE_USE_FIRST);

/** A private-use character the text holds neither raw nor escaped (the second try, after U+E000 was met). */
function unusedPrivateUseChar(text: string): string | null {
  const escapes = text.includes('\\u');
  const used = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= PRIVATE_USE_FIRST && c <= PRIVATE_USE_LAST) used.add(c);
  }
  if (escapes) {
    for (const m of text.matchAll(ESCAPED_PRIVATE_USE)) used.add(parseInt(m[1], 16));
  }
  for (let c = PRIVATE_USE_FIRST; c <= PRIVATE_USE_LAST; c++) if (!used.has(c)) return String.fromCharCode(c);
  return null;
}

/** Everything up to the next number: text outside strings that starts none, and whole strings (escapes included). */
const NO_NUMBER = /(?:[^"\-0-9]+|"[^"\\]*(?:\\[\s\S][^"\\]*)*")*/y;
const LEXEME = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Rewrites number lexemes outside strings as tagged strings; everything else is copied as it is. The regular
 * expressions step over whole strings natively, so the loop runs once per number. Null for text that is mostly
 * numbers (a 5 MB `[1,1,1,…]`: a native string per number costs more there than `lossless-json`) or too large for
 * the regular expression engine's backtracking stack.
 */
function tagNumbers(text: string, tag: string): { text: string; count: number } | null {
  const maxNumbers = Math.max(1000, text.length >> 5);
  let count = 0;
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  try {
    for (;;) {
      NO_NUMBER.lastIndex = i;
      NO_NUMBER.exec(text);
      i = NO_NUMBER.lastIndex;
      if (i >= text.length) break;
      // What stopped the skip: a number, a stray '-', or a string without its closing quote.
      if (text.charCodeAt(i) === 0x22) return { text, count: 0 }; // unterminated: JSON.parse reports it
      LEXEME.lastIndex = i;
      const lex = LEXEME.exec(text);
      if (lex === null) {
        i++; // a stray '-': JSON.parse reports it
        continue;
      }
      if (++count > maxNumbers) return null;
      parts.push(text.slice(last, i), '"', tag, lex[0], '"');
      i = last = i + lex[0].length;
    }
  } catch {
    return null;
  }
  if (last === 0) return { text, count: 0 };
  parts.push(text.slice(last));
  return { text: parts.join(''), count };
}

/** Where the nesting is deepest (the first bracket at that depth), for text nested beyond the parser's reach. */
function deepestNesting(text: string): { reason: string; position: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip a string, escapes included
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return { reason: `nested ${max} levels deep, more than can be read`, position: at };
}

const WS = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds the first syntax error in text that the parser rejected, with our own wording (the preview shows it).
 * Iterative (an explicit stack), so hostile nesting cannot overflow the call stack.
 */
export function locateJsonError(text: string): { reason: string; position: number } {
  const stack: ('[' | '{')[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  const err = (reason: string) => ({ reason, position: i });
  // expect: 'value' | 'key' | 'colon' | 'next' (after a value: comma or close)
  let expect: 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'next' = 'value';
  for (;;) {
    skip();
    if (i >= text.length) {
      // Only reached when the parser failed on text this scanner accepts (an engine limit).
      if (stack.length === 0 && expect === 'next') return { reason: 'value could not be parsed', position: 0 };
      return err('unexpected end of input');
    }
    const c = text[i];
    if (expect === 'next') {
      if (stack.length === 0) return err(`unexpected character ${JSON.stringify(c)} after the value`);
      const top = stack[stack.length - 1];
      if (c === ',') {
        i++;
        expect = top === '[' ? 'value' : 'key';
      } else if ((c === ']' && top === '[') || (c === '}' && top === '{')) {
        i++;
        stack.pop();
      } else return err(`expected ',' or '${top === '[' ? ']' : '}'}' but found ${JSON.stringify(c)}`);
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return err(`expected ':' but found ${JSON.stringify(c)}`);
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'key' || expect === 'firstKey') {
      if (c === '}' && expect === 'firstKey') {
        i++;
        stack.pop();
        expect = 'next';
        continue;
      }
      if (c !== '"') return err(`expected a property name in double quotes but found ${JSON.stringify(c)}`);
      const e = scanString();
      if (e) return e;
      expect = 'colon';
      continue;
    }
    // a value
    if (c === ']' && expect === 'firstValue') {
      i++;
      stack.pop();
      expect = 'next';
    } else if (c === '[' || c === '{') {
      stack.push(c);
      i++;
      expect = c === '[' ? 'firstValue' : 'firstKey';
    } else if (c === '"') {
      const e = scanString();
      if (e) return e;
      expect = 'next';
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return err('invalid number');
      i += m[0].length;
      expect = 'next';
    } else {
      const lit = LITERALS.find((l) => text.startsWith(l, i));
      if (!lit) return err(`unexpected character ${JSON.stringify(c)}`);
      i += lit.length;
      expect = 'next';
    }
  }

  function scanString(): { reason: string; position: number } | null {
    i++;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return null;
      }
      if (ch === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return err('invalid \\u escape');
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else return err('invalid escape');
        continue;
      }
      if (ch < ' ') return err('control character in string');
      i++;
    }
    return err('unterminated string');
  }
}


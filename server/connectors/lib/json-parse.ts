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
  // otherwise become 2.5 million objects (~120 MB) instead of one.
  const shared = new Map<string, LosslessNumber>();
  const parseNumber = (lexeme: string): LosslessNumber => {
    if (lexeme.length > 4) return new LosslessNumber(lexeme);
    let n = shared.get(lexeme);
    if (n === undefined) shared.set(lexeme, (n = Object.freeze(new LosslessNumber(lexeme))));
    return n;
  };
  // Text that cannot start a JSON value (a DingTalk department name tried as JSON) is refused without
  // the cost of a thrown SyntaxError.
  if (!STARTS_VALUE.test(text)) return { ok: false, ...locateJsonError(text) };
  const fast = parseTagged(text, parseNumber);
  if (fast !== undefined) return fast;
  try {
    return { ok: true, value: parse(text, null, { parseNumber, onDuplicateKey: lastWins }) };
  } catch (e) {
    // The parser recurses once per nesting level: thousands of levels exhaust the call stack.
    if (e instanceof RangeError) return { ok: false, ...deepestNesting(text) };
    return { ok: false, ...locateJsonError(text) };
  }
}

/**
 * The fast path, linear in the text: every number lexeme is rewritten as a string `"<tag><lexeme>"`, the result
 * goes through the native `JSON.parse` (no reviver: V8 recurses for a reviver, not for the parse), and an iterative
 * walk turns the tagged strings back into `LosslessNumber`s. `lossless-json` alone builds each string character by
 * character — 2 s for a 5 MB text field, long enough to stall the server — so it only serves the texts this path
 * cannot take. The tag is a private-use character that occurs nowhere in the text, neither raw nor as a `\u`
 * escape, so no string of the payload can pass for a number; `undefined` when every candidate occurs (only a
 * deliberately built text holds all 6,400 of them).
 */
function parseTagged(text: string, parseNumber: (lexeme: string) => LosslessNumber): JsonParse | undefined {
  const tag = unusedPrivateUseChar(text);
  if (tag === null) return undefined;
  const tagged = tagNumbers(text, tag);
  if (tagged === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(tagged);
  } catch {
    return { ok: false, ...locateJsonError(text) };
  }
  if (typeof value === 'string') return { ok: true, value: value.startsWith(tag) ? parseNumber(value.slice(1)) : value };
  if (typeof value !== 'object' || value === null) return { ok: true, value };
  const mark = tag.charCodeAt(0);
  const stack: object[] = [value as object];
  const depths: number[] = [1];
  while (stack.length) {
    const holder = stack.pop()!;
    const depth = depths.pop()! + 1;
    // Real payloads nest a few levels; every reader after this one walks values recursively.
    if (depth > MAX_DEPTH) return { ok: false, ...deepestNesting(text) };
    if (Array.isArray(holder)) {
      for (let i = 0; i < holder.length; i++) {
        const v: unknown = holder[i];
        if (typeof v === 'string') {
          if (v.charCodeAt(0) === mark) holder[i] = parseNumber(v.slice(1));
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
        // A key `__proto__` must stay plain data: define it, never assign it.
        if (key === '__proto__') Object.defineProperty(obj, key, { value: parseNumber(v.slice(1)), writable: true, enumerable: true, configurable: true });
        else obj[key] = parseNumber(v.slice(1));
      } else if (typeof v === 'object' && v !== null) {
        stack.push(v);
        depths.push(depth);
      }
    }
  }
  return { ok: true, value };
}

/** Deeper than any OA payload (they nest under 20 levels), shallow enough for every recursive reader. */
const MAX_DEPTH = 1000;

const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;
const ESCAPED_PRIVATE_USE = /\\u([eEfF][0-9a-fA-F]{3})/g;

function unusedPrivateUseChar(text: string): string | null {
  // The usual case costs two native searches: the first candidate occurs neither raw nor escaped.
  const escapes = text.includes('\\u');
  const first = String.fromCharCode(PRIVATE_USE_FIRST);
  if (!text.includes(first) && !(escapes && /\\u[eE]000/.test(text))) return first;
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
function tagNumbers(text: string, tag: string): string | null {
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
      if (text.charCodeAt(i) === 0x22) return text; // unterminated: JSON.parse reports it
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
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
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


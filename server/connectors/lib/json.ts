/**
 * Defensive access to untrusted, already-parsed JSON. Only own properties are read, so keys such as
 * `__proto__`, `constructor` or `toString` in a payload are plain data and never reach Object.prototype.
 */

export type Obj = Record<string, unknown>;

/** Arrays longer than this are refused: no real approval form has them, and a hostile sparse array could spin us. */
export const MAX_ITEMS = 100_000;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function own(o: unknown, key: string): unknown {
  if (typeof o !== 'object' || o === null) return undefined;
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Obj)[key] : undefined;
}

export function hasOwn(o: unknown, key: string): boolean {
  return typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, key);
}

/** First own property among `keys` that is not undefined (camelCase / snake_case dialects). */
export function ownAny(o: unknown, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = own(o, k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A non-empty string, or a finite number rendered as text; anything else is undefined. */
export function idText(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

/** JSON text of any value; never throws (cycles, 100k-deep nesting, BigInt, hostile toJSON...). */
export function safeJson(v: unknown): string {
  // A budget of visited entries: a sparse array claiming 2³¹ slots would otherwise be written out in full.
  let budget = MAX_ITEMS;
  try {
    const s = JSON.stringify(v, (_key, x: unknown) => {
      if (--budget < 0) throw new TooLarge();
      return x;
    });
    return typeof s === 'string' ? s : String(v);
  } catch (e) {
    return e instanceof TooLarge ? '[value too large to show]' : '[unserialisable value]';
  }
}

class TooLarge extends Error {}

export function jsonPathKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string; position: number };

/** JSON.parse that reports the failure as a reason and a 0-based position (V8 often omits the position). */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, ...locateJsonError(text) };
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds the first syntax error in text that JSON.parse rejected. Iterative (an explicit stack), so
 * hostile nesting cannot overflow the call stack.
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
      // Only reached when JSON.parse failed on text this scanner accepts (an engine limit).
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

/** The array itself when `v` is an array of sane length, else null. */
export function items(v: unknown): unknown[] | null {
  return Array.isArray(v) && v.length <= MAX_ITEMS ? v : null;
}

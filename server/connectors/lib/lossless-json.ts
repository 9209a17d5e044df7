/**
 * Parses JSON text and remembers the exact source text of every number, so amounts that a vendor sends as
 * JSON numbers (Feishu `amount`: 105.69, 1280.00) are read from their JSON text and never round-trip through
 * a float. Node 20 has no `JSON.parse` source-text access, so numbers are first rewritten as tagged strings,
 * then restored as numbers by a reviver that records their lexeme against (holder object, key).
 */
import { parseJson, type JsonParse } from './json';

/** Private-use character: a tagged number is `"\uE000<lexeme>"`. */
const TAG = '\uE000';
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export interface LosslessJson {
  value: unknown;
  /** The number's text as written in the source, or undefined when it was not a number there. */
  numberText(holder: unknown, key: string | number): string | undefined;
}

export function parseJsonLossless(text: string): ({ ok: true } & LosslessJson) | Extract<JsonParse, { ok: false }> {
  const plain = parseJson(text);
  if (!plain.ok) return plain;
  const lexemes = new WeakMap<object, Map<string, string>>();
  const numberText = (holder: unknown, key: string | number) =>
    typeof holder === 'object' && holder !== null ? lexemes.get(holder)?.get(String(key)) : undefined;
  // If the text already holds our tag (raw or escaped), tagging would be ambiguous: fall back to floats.
  if (text.includes(TAG) || /\\u[eE]000/.test(text)) return { ok: true, value: plain.value, numberText };
  try {
    const tagged = tagNumbers(text);
    const value = JSON.parse(tagged, function (this: unknown, key: string, v: unknown) {
      if (typeof v === 'string' && v.startsWith(TAG)) {
        const lexeme = v.slice(1);
        if (typeof this === 'object' && this !== null) {
          let m = lexemes.get(this);
          if (!m) lexemes.set(this, (m = new Map()));
          m.set(key, lexeme);
        }
        return Number(lexeme);
      }
      return v;
    });
    return { ok: true, value, numberText };
  } catch {
    // e.g. the reviver recursing through hostile nesting: keep the plain parse, numbers via String(n).
    return { ok: true, value: plain.value, numberText };
  }
}

function tagNumbers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const len = m ? m[0].length : 1;
      if (m) {
        out += text.slice(last, i) + `"${TAG}${m[0]}"`;
        last = i + len;
      }
      i += len;
    } else i++;
  }
  return out + text.slice(last);
}

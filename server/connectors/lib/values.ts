/** Value coercions shared by the connectors. None of them throws; problems come back as a message. */
import { isJsonNumber, parseJson, safeJson } from './json';

/** DingTalk writes an empty control as the string "null"; every vendor may send "". */
export function isBlankText(s: string): boolean {
  const t = s.trim();
  return t === '' || t === 'null';
}

/** Text of a scalar; "" / "null" / null / undefined → null; objects and arrays → their JSON text. */
export function textValue(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return isBlankText(raw) ? null : raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  if (typeof raw === 'bigint') return raw.toString();
  if (isJsonNumber(raw)) return raw.value;
  return safeJson(raw);
}

/**
 * Parses a JSON-encoded string value (DingTalk tables, attachments, contacts; losslessly, like the payload);
 * blank or "null" is `{ok: true, value: null}`. Non-strings pass through.
 */
export function jsonStringValue(raw: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw !== 'string') return { ok: true, value: raw };
  if (isBlankText(raw)) return { ok: true, value: null };
  const p = parseJson(raw);
  return p.ok ? p : { ok: false, reason: `not JSON: ${p.reason} at position ${p.position}` };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

export interface DecimalResult {
  /** Decimal text as sent, or the raw text when it is not a number (then `problem` says why), or null. */
  value: string | null;
  problem?: string;
}

/**
 * Number/money as decimal text exactly as sent: "1234.5" stays "1234.5", "1,234.50" → "1234.50", a JSON
 * number keeps its source text (`1280.00`, `12345678901234567.89`). A plain JS number (a caller that parsed
 * with JSON.parse) is written with String(n), the shortest text that round-trips: digits a float cannot
 * hold were lost before it got here.
 */
export function decimalValue(raw: unknown): DecimalResult {
  if (raw === null || raw === undefined) return { value: null };
  if (isJsonNumber(raw)) return raw.value.length <= 60 ? { value: raw.value } : { value: raw.value, problem: `${clip(raw.value)} has more than 60 characters` };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { value: String(raw), problem: `${String(raw)} is not a finite number` };
    return { value: String(raw) };
  }
  if (typeof raw === 'string') {
    if (isBlankText(raw)) return { value: null };
    const t = raw.trim();
    const plain = GROUPED.test(t) ? t.replace(/,/g, '') : t;
    if (DECIMAL.test(plain) && plain.length <= 60) return { value: plain };
    return { value: raw, problem: `"${clip(raw)}" is not a number` };
  }
  const text = textValue(raw) ?? '';
  return { value: text, problem: `${clip(text)} is not a number` };
}

/** Shortens user text for warnings and error messages (code points, not UTF-16 units). */
export function clip(s: string, max = 60): string {
  if (s.length <= max) return s;
  const cps = Array.from(s.slice(0, max * 2));
  return cps.length > max ? cps.slice(0, max).join('') + '…' : cps.join('');
}

/** Strings in a JSON array value, or a single string; null for anything else. */
export function stringList(raw: unknown): string[] | null {
  if (typeof raw === 'string') return isBlankText(raw) ? [] : [raw];
  if (!Array.isArray(raw)) return null;
  const out: string[] = [];
  for (const item of raw) {
    const t = textValue(item);
    if (t !== null) out.push(t);
  }
  return out;
}

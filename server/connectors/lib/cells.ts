/** Entry constructors shared by the vendor converters. */
import type { FieldType, FormCell, Labels } from '../../engine/form-record';
import type { Entry } from './build';
import { dateAtOffset, parseDateOnly, parseInstantText, parseIsoInstant } from './time';
import { clip, decimalValue, textValue } from './values';

export interface Ctx {
  warn(message: string): void;
  /** How warnings name this control. */
  where: string;
}

export function entry(id: string, label: Labels, type: FieldType, value: FormCell['value']): Entry {
  return { id, cell: { label, type, value } };
}

/** Number: decimal text as sent; a non-number keeps its raw text and is reported. */
export function numberEntry(id: string, label: Labels, raw: unknown, ctx: Ctx): Entry {
  const d = decimalValue(raw);
  if (d.problem) ctx.warn(`${ctx.where}: ${d.problem}; kept as text`);
  return entry(id, label, 'number', d.value);
}

/** The currency of OA systems whose money controls carry none (DingTalk, WeCom): the Chinese yuan. */
export const DEFAULT_CURRENCY = 'CNY';

/** An ISO 4217 code (three letters, upper-cased), or undefined for anything else. */
export function currencyCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const t = raw.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(t) ? t : undefined;
}

/** Money: decimal text as sent plus its currency (ISO 4217); a non-number keeps its raw text and is reported. */
export function moneyEntry(id: string, label: Labels, raw: unknown, currency: string | undefined, ctx: Ctx): Entry {
  const d = decimalValue(raw);
  if (d.problem) ctx.warn(`${ctx.where}: ${d.problem}; kept as text`);
  const cell: FormCell = { label, type: 'money', value: d.value };
  if (currency !== undefined) cell.currency = currency;
  return { id, cell };
}

/** A value the connector could not read as its type: kept as text, type `unknown`, reported. */
export function unknownEntry(id: string, label: Labels, raw: unknown, ctx: Ctx, why: string): Entry {
  ctx.warn(`${ctx.where}: ${why}; kept as text`);
  return entry(id, label, 'unknown', textValue(raw));
}

/**
 * A date control's text: `YYYY-MM-DD` → date; a date with a time (with an offset, or local Beijing
 * time without one) → datetime; anything else keeps its raw text under the date type and is reported.
 */
export function dateTextEntry(id: string, label: Labels, raw: unknown, ctx: Ctx): Entry {
  const text = textValue(raw);
  if (text === null) return entry(id, label, 'date', null);
  const d = parseDateOnly(text);
  if (d) return entry(id, label, 'date', d);
  const iso = parseInstantText(text);
  if (iso) return entry(id, label, 'datetime', iso);
  ctx.warn(`${ctx.where}: "${clip(text)}" is not a date; kept as text`);
  return entry(id, label, 'date', text);
}

/** RFC 3339 with an offset → the date as the user saw it (the text's own date part). */
export function rfc3339DateEntry(id: string, label: Labels, raw: unknown, ctx: Ctx, utcOffsetMin?: number): Entry {
  const text = textValue(raw);
  if (text === null) return entry(id, label, 'date', null);
  const only = parseDateOnly(text);
  if (only) return entry(id, label, 'date', only);
  const z = parseIsoInstant(text);
  if (z) {
    // A UTC (`Z`) value with the widget's timezoneOffset (JS sign: -480 = UTC+8) is moved to local time.
    if (z.offsetMin === 0 && utcOffsetMin !== undefined && /Z$/i.test(text.trim())) {
      const local = dateAtOffset(z.ms, -utcOffsetMin);
      if (local) return entry(id, label, 'date', local);
    }
    return entry(id, label, 'date', z.localDate);
  }
  ctx.warn(`${ctx.where}: "${clip(text)}" is not a date; kept as text`);
  return entry(id, label, 'date', text);
}

export function labelsWithSuffix(label: Labels, zh: string, en: string): Labels {
  const out: Labels = {};
  if (label.zh !== undefined) out.zh = `${label.zh}·${zh}`;
  if (label.en !== undefined) out.en = `${label.en} (${en})`;
  if (label.zh === undefined && label.en === undefined) out.zh = zh;
  return out;
}

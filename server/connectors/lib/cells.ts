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

/** Number/money: decimal text as sent; a non-number keeps its raw text and is reported. */
export function decimalEntry(
  id: string,
  label: Labels,
  type: 'number' | 'money',
  raw: unknown,
  ctx: Ctx,
  lexeme?: string,
): Entry {
  const d = decimalValue(raw, lexeme);
  if (d.problem) ctx.warn(`${ctx.where}: ${d.problem}; kept as text`);
  return entry(id, label, type, d.value);
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

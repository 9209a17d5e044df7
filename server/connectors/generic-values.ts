/** Reading arbitrary JSON values as a declared field type (generic connector). */
import type { AttachmentValue, FieldType, InstanceStatus, Labels, OptionValue, PersonValue } from '../engine/form-record';
import type { Entry } from './lib/build';
import { DEFAULT_CURRENCY, entry, moneyEntry, numberEntry, unknownEntry, type Ctx } from './lib/cells';
import { idText, isObj, items, jsonNumberText, ownAny, safeJson } from './lib/json';
import { dateAtOffset, parseDateOnly, parseEpoch, parseInstantText, parseIsoInstant, parseLocalDateTime, type TimeParse } from './lib/time';
import { clip, textValue } from './lib/values';

export type TimeFormat = 'iso' | 'epoch-s' | 'epoch-ms';

/** An instant: ISO text (zone-less text is Beijing time) or epoch numbers; without a format, guessed. */
export function parseTime(value: unknown, format: TimeFormat | undefined): TimeParse {
  // A JSON number is read from its text, as a digit string is.
  const number = jsonNumberText(value);
  const raw = number ?? value;
  if (raw === null || raw === undefined || raw === '') return { ok: true, iso: null };
  const numeric = number !== undefined || (typeof raw === 'string' && /^\s*\d{1,17}\s*$/.test(raw));
  if (format === 'epoch-s' || format === 'epoch-ms') return parseEpoch(raw, format === 'epoch-s' ? 's' : 'ms');
  if (numeric && format !== 'iso') return parseEpoch(raw, Math.abs(Number(raw)) < 1e11 ? 's' : 'ms');
  if (typeof raw !== 'string') return { ok: false };
  const iso = parseInstantText(raw) ?? (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? parseInstantText(`${raw.trim()} 00:00`) : null);
  return iso ? { ok: true, iso } : { ok: false };
}

/** Built-in status words (English and Chinese); a config's statusMap is consulted first. */
const STATUS_WORDS: [InstanceStatus, string[]][] = [
  ['approved', ['approved', 'agree', 'agreed', 'completed', 'complete', 'passed', 'pass', 'done', 'finished', '已通过', '通过', '同意', '已同意', '已完成']],
  ['rejected', ['rejected', 'reject', 'refuse', 'refused', 'denied', 'declined', '已驳回', '驳回', '拒绝', '已拒绝']],
  ['running', ['running', 'pending', 'processing', 'in_progress', 'in-progress', 'new', 'submitted', 'draft', '审批中', '进行中', '待审批']],
  ['withdrawn', ['withdrawn', 'canceled', 'cancelled', 'revoked', 'reverted', 'terminated', 'recalled', '已撤销', '撤销', '已撤回', '撤回']],
  ['deleted', ['deleted', 'removed', '已删除', '删除']],
];
const STATUS_LOOKUP = new Map<string, InstanceStatus>(STATUS_WORDS.flatMap(([s, words]) => words.map((w) => [w, s] as const)));

export function statusOf(raw: string, map: Map<string, InstanceStatus>): InstanceStatus | undefined {
  const t = raw.trim();
  const exact = map.get(t);
  if (exact) return exact;
  for (const [k, v] of map) if (k.toLowerCase() === t.toLowerCase()) return v;
  return STATUS_LOOKUP.get(t.toLowerCase());
}

function optionOf(v: unknown): OptionValue | null {
  if (isObj(v)) {
    const text = textValue(ownAny(v, ['text', 'label', 'name', 'value']));
    if (text === null) return null;
    const key = idText(ownAny(v, ['key', 'id', 'code']));
    return key === undefined || key === text ? { text, ...(key !== undefined ? { key } : {}) } : { key, text };
  }
  const text = textValue(v);
  return text === null ? null : { text };
}

function personOf(v: unknown): PersonValue | null {
  if (!isObj(v)) {
    const id = idText(v);
    return id === undefined ? null : { id };
  }
  const id = idText(ownAny(v, ['id', 'userId', 'userid', 'user_id', 'emplId', 'openId', 'open_id']));
  if (id === undefined) return null;
  const name = textValue(ownAny(v, ['name', 'displayName']));
  return name === null ? { id } : { id, name };
}

function departmentOf(v: unknown): { id?: string; name?: string } | null {
  if (!isObj(v)) {
    const id = idText(v);
    return id === undefined ? null : { id };
  }
  const id = idText(ownAny(v, ['id', 'deptId', 'departmentId', 'dept_id', 'department_id', 'openapi_id', 'open_id']));
  const name = textValue(ownAny(v, ['name', 'deptName', 'departmentName']));
  if (id === undefined && name === null) return null;
  return { ...(id !== undefined ? { id } : {}), ...(name !== null ? { name } : {}) };
}

function attachmentOf(v: unknown): AttachmentValue | null {
  if (!isObj(v)) {
    const t = textValue(v);
    if (t === null) return null;
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? { url: t } : { name: t };
  }
  const out: AttachmentValue = {};
  const id = idText(ownAny(v, ['id', 'fileId', 'file_id']));
  const name = textValue(ownAny(v, ['name', 'fileName', 'file_name', 'filename']));
  const url = textValue(ownAny(v, ['url', 'href', 'link']));
  if (id !== undefined) out.id = id;
  if (name !== null) out.name = name;
  if (url !== null) out.url = url;
  return id === undefined && name === null && url === null ? null : out;
}

/** A list-valued type: each item read on its own; items that say nothing are reported, not invented. */
function listEntry<T>(id: string, label: Labels, type: FieldType, raw: unknown, read: (v: unknown) => T | null, ctx: Ctx): Entry {
  if (raw === null || raw === undefined) return entry(id, label, type, null);
  const list = Array.isArray(raw) ? items(raw) : [raw];
  if (!list) return unknownEntry(id, label, safeJson(raw), ctx, `too many items for ${type}`);
  const out: T[] = [];
  for (const v of list) {
    const r = read(v);
    if (r !== null) out.push(r);
    else if (v !== null && v !== '') ctx.warn(`${ctx.where}: ${clip(safeJson(v))} is not a ${type}; ignored`);
  }
  return entry(id, label, type, (out.length ? out : null) as never);
}

/**
 * `raw` is the selected value (or the list of values a wildcard path selected). `currency` is the money
 * field's ISO code from the config (CNY when the config says none).
 */
export function valueEntry(
  id: string,
  label: Labels,
  type: Exclude<FieldType, 'table'>,
  raw: unknown,
  fmt: TimeFormat | undefined,
  ctx: Ctx,
  currency?: string,
): Entry {
  switch (type) {
    case 'text':
      return entry(id, label, 'text', textValue(raw));
    case 'unknown':
      return entry(id, label, 'unknown', textValue(raw));
    case 'number':
      return numberEntry(id, label, raw, ctx);
    case 'money':
      return moneyEntry(id, label, raw, currency ?? DEFAULT_CURRENCY, ctx);
    case 'date': {
      const digits = jsonNumberText(raw) ?? raw;
      if (typeof digits === 'string' && /^\s*\d{9,17}\s*$/.test(digits)) {
        const t = parseTime(raw, fmt === 'iso' ? undefined : fmt);
        const d = t.ok && t.iso ? dateAtOffset(Date.parse(t.iso)) : null;
        if (d) return entry(id, label, 'date', d);
      }
      const text = textValue(raw);
      if (text === null) return entry(id, label, 'date', null);
      // Date part as the writer saw it: from an ISO instant's own offset, or a zone-less local time.
      const local = parseDateOnly(text) ?? parseIsoInstant(text)?.localDate ?? (parseLocalDateTime(text) !== null ? text.trim().slice(0, 10) : null);
      if (local) return entry(id, label, 'date', local);
      ctx.warn(`${ctx.where}: "${clip(text)}" is not a date; kept as text`);
      return entry(id, label, 'date', text);
    }
    case 'datetime': {
      const t = parseTime(raw, fmt);
      if (t.ok) return entry(id, label, 'datetime', t.iso);
      ctx.warn(`${ctx.where}: ${clip(safeJson(raw))} is not a time; kept as text`);
      return entry(id, label, 'datetime', textValue(raw));
    }
    case 'option': {
      // Several values for a single option are never cut to the first: all are kept, as options.
      const all = Array.isArray(raw) ? items(raw) : [raw];
      if (!all) return unknownEntry(id, label, safeJson(raw), ctx, 'too many items for option');
      const list = all.filter((v) => v !== null && v !== undefined && v !== '');
      if (list.length > 1) {
        ctx.warn(`${ctx.where}: ${list.length} values for a single option; all kept as options`);
        return listEntry(id, label, 'options', list, optionOf, ctx);
      }
      return entry(id, label, 'option', optionOf(list[0]));
    }
    case 'options':
      return listEntry(id, label, 'options', raw, optionOf, ctx);
    case 'person':
      return listEntry(id, label, 'person', raw, personOf, ctx);
    case 'department':
      return listEntry(id, label, 'department', raw, departmentOf, ctx);
    case 'attachment':
      return listEntry(id, label, 'attachment', raw, attachmentOf, ctx);
  }
}

/**
 * WeCom (企业微信) approval controls → entries. Each control is `{control, id, title:[{text,lang}], value,
 * hidden?}`; titles and option texts are multilingual lists in no fixed order. Timestamps are seconds,
 * `s_timestamp` as a string. The Money control is `{new_money}` with no currency: its amounts are CNY.
 */
import type { DepartmentValue, Labels, OptionValue, PersonValue } from '../engine/form-record';
import { describe, TableBuilder, type Entry } from './lib/build';
import { DEFAULT_CURRENCY, entry, labelsWithSuffix, moneyEntry, numberEntry, unknownEntry, type Ctx } from './lib/cells';
import { idText, isObj, items, jsonNumberValue, own, ownAny, safeJson, type Obj } from './lib/json';
import { CHINA_OFFSET_MIN, dateAtOffset, parseEpoch } from './lib/time';
import { clip, textValue } from './lib/values';

export interface WcControl {
  control: string;
  id: string;
  label: Labels;
  value: unknown;
}

/** `[{text, lang:"zh_CN"}, {text, lang:"en"}]` in any order → {zh, en}; a plain string is the zh label. */
export function labelsOf(title: unknown): Labels {
  if (typeof title === 'string') return title ? { zh: title } : {};
  const out: Labels = {};
  let first: string | undefined;
  for (const t of items(title) ?? []) {
    const text = textValue(own(t, 'text'));
    if (text === null) continue;
    first ??= text;
    const lang = String(textValue(own(t, 'lang')) ?? '').toLowerCase();
    if (lang.startsWith('zh')) out.zh ??= text;
    else if (lang.startsWith('en')) out.en ??= text;
  }
  if (out.zh === undefined && out.en === undefined && first !== undefined) out.zh = first;
  return out;
}

export function readControl(raw: Obj, fallbackId: string): WcControl {
  const control = own(raw, 'control');
  const label = labelsOf(own(raw, 'title'));
  return {
    control: typeof control === 'string' ? control : '',
    id: idText(own(raw, 'id')) ?? label.zh ?? label.en ?? fallbackId,
    label,
    value: own(raw, 'value'),
  };
}

export function convertControl(c: WcControl, ctx: Ctx, inTable: boolean): Entry[] {
  const { id, label, value } = c;
  switch (c.control) {
    case 'Text':
    case 'Textarea':
      return [entry(id, label, 'text', textValue(own(value, 'text')))];
    case 'Number':
      return [numberEntry(id, label, own(value, 'new_number'), ctx)];
    case 'Money':
      return [moneyEntry(id, label, own(value, 'new_money'), DEFAULT_CURRENCY, ctx)];
    case 'Formula':
      return [numberEntry(id, label, own(own(value, 'formula'), 'value'), ctx)];
    case 'Date':
      return [dateEntry(id, label, own(value, 'date'), value, ctx)];
    case 'DateRange':
      return dateRange(c, ctx);
    case 'Selector':
      return [selectorEntry(c, ctx)];
    case 'Contact':
      return [contactEntry(c)];
    case 'File':
      return [fileEntry(c)];
    case 'Location': {
      const loc = own(value, 'location');
      return [entry(id, label, 'text', textValue(own(loc, 'address')) ?? textValue(own(loc, 'title')))];
    }
    case 'RelatedApproval': {
      const nos = (items(own(value, 'related_approval')) ?? []).map((r) => idText(own(r, 'sp_no'))).filter(Boolean);
      return [entry(id, label, 'text', nos.length ? nos.join(',') : null)];
    }
    case 'Tips':
      // Static explanatory text of the template: no user input.
      return [entry(id, label, 'text', null)];
    case 'Table':
      if (inTable) return [unknownEntry(id, label, safeJson(value), ctx, 'a table inside a table')];
      return [tableEntry(c, ctx)];
    default:
      return [unknownEntry(id, label, value === undefined ? null : safeJson(value), ctx, `unknown control "${clip(c.control || '(none)')}"`)];
  }
}

/** `timezone_info` only comes when the user is not on UTC+8 (shape not verified: `zone_offset` in hours). */
function offsetOf(date: unknown, value: unknown): number {
  const tz = ownAny(date, ['timezone_info']) ?? own(value, 'timezone_info');
  const raw = own(tz, 'zone_offset');
  const n = jsonNumberValue(raw) ?? (typeof raw === 'string' && /^[+-]?\d{1,2}(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN);
  return Number.isFinite(n) && Math.abs(n) <= 18 ? Math.round(n * 60) : CHINA_OFFSET_MIN;
}

/** `{type:"day"|"hour", s_timestamp:"1741536000"}`: a day is the date in the user's zone, an hour an instant. */
function dateEntry(id: string, label: Labels, date: unknown, value: unknown, ctx: Ctx): Entry {
  const kind = own(date, 'type') === 'hour' ? 'datetime' : 'date';
  const raw = own(date, 's_timestamp');
  const t = parseEpoch(raw, 's');
  if (!t.ok) {
    ctx.warn(`${ctx.where}: s_timestamp ${clip(safeJson(raw))} is not epoch seconds; kept as text`);
    return entry(id, label, kind, textValue(raw));
  }
  if (t.iso === null || kind === 'datetime') return entry(id, label, kind, t.iso);
  return entry(id, label, 'date', dateAtOffset(Date.parse(t.iso), offsetOf(date, value)));
}

/** `{date_range:{type, new_begin, new_end, new_duration}}` → `<id>.start`, `<id>.end`, `<id>.duration` (s). */
function dateRange(c: WcControl, ctx: Ctx): Entry[] {
  const r = own(c.value, 'date_range');
  const kind = own(r, 'type') === 'hour' ? 'hour' : 'day';
  const end = (key: string, suffix: string, zh: string, en: string) =>
    dateEntry(`${c.id}.${suffix}`, labelsWithSuffix(c.label, zh, en), { type: kind, s_timestamp: own(r, key) }, c.value, ctx);
  return [
    end('new_begin', 'start', '开始', 'start'),
    end('new_end', 'end', '结束', 'end'),
    numberEntry(`${c.id}.duration`, labelsWithSuffix(c.label, '时长(秒)', 'duration (s)'), own(r, 'new_duration'), ctx),
  ];
}

/** Option text: the zh_CN text (the en text only when there is no zh). */
function optionOf(o: unknown): OptionValue | null {
  const l = labelsOf(own(o, 'value'));
  const text = l.zh ?? l.en;
  if (text === undefined) return null;
  const key = idText(own(o, 'key'));
  return key === undefined ? { text } : { key, text };
}

/** A selector with several chosen options keeps them all (as options), even one that says `single`. */
function selectorEntry(c: WcControl, ctx: Ctx): Entry {
  const sel = own(c.value, 'selector');
  const opts = (items(own(sel, 'options')) ?? []).map(optionOf).filter((o): o is OptionValue => o !== null);
  const t = own(sel, 'type');
  if (t === 'single' && opts.length > 1) ctx.warn(`${ctx.where}: a single selector with ${opts.length} options chosen; all kept`);
  if (t === 'multi' || opts.length > 1) return entry(c.id, c.label, 'options', opts.length ? opts : null);
  return entry(c.id, c.label, 'option', opts[0] ?? null);
}

/** A Contact control holds either members (people) or departments, never both. */
function contactEntry(c: WcControl): Entry {
  const members = items(own(c.value, 'members'));
  const departments = items(own(c.value, 'departments'));
  if (departments && (departments.length > 0 || !members)) {
    const out: DepartmentValue[] = [];
    for (const d of departments) {
      const id = idText(own(d, 'openapi_id'));
      const name = textValue(own(d, 'name'));
      if (id !== undefined || name !== null) out.push({ ...(id !== undefined ? { id } : {}), ...(name !== null ? { name } : {}) });
    }
    return entry(c.id, c.label, 'department', out.length ? out : null);
  }
  const people: PersonValue[] = [];
  for (const m of members ?? []) {
    const id = idText(own(m, 'userid'));
    if (id === undefined) continue;
    const name = textValue(own(m, 'name'));
    people.push(name === null ? { id } : { id, name });
  }
  return entry(c.id, c.label, 'person', people.length ? people : null);
}

function fileEntry(c: WcControl): Entry {
  const files = (items(own(c.value, 'files')) ?? []).flatMap((f) => {
    const id = idText(own(f, 'file_id'));
    return id === undefined ? [] : [{ id }];
  });
  return entry(c.id, c.label, 'attachment', files.length ? files : null);
}

/** `value.children[].list[]`: each row repeats the full controls (titles included). */
function tableEntry(c: WcControl, ctx: Ctx): Entry {
  const table = new TableBuilder();
  (items(own(c.value, 'children')) ?? []).forEach((child, r) => {
    const where = `${ctx.where} row ${r + 1}`;
    const list = items(own(child, 'list'));
    if (!list) {
      ctx.warn(`${where}: no control list; ignored`);
      return;
    }
    const entries = list.flatMap((raw, i) => {
      if (!isObj(raw)) return [];
      const col = readControl(raw, `col${i + 1}`);
      return convertControl(col, { warn: ctx.warn, where: `${where}, ${describe(col.label, col.id)}` }, true);
    });
    table.addRow(entries, ctx.warn, where);
  });
  return { id: c.id, cell: { label: c.label, type: 'table', value: table.rows }, columns: table.columns };
}

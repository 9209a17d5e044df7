/**
 * Feishu (飞书) approval widgets → entries. Unlike DingTalk, values are real JSON: numbers are JSON
 * numbers (parsed losslessly: every digit of their source text), lists are arrays, and `ext` is `null` for
 * plain widgets. Amounts carry their currency (`ext.currency`, or `currency` beside the value as the
 * create-instance doc writes it).
 */
import type { DepartmentValue, Labels, OptionValue } from '../engine/form-record';
import { describe, TableBuilder, type Entry } from './lib/build';
import { DEFAULT_CURRENCY, entry, labelsWithSuffix, moneyEntry, numberEntry, rfc3339DateEntry, unknownEntry, type Ctx } from './lib/cells';
import { hasOwn, idText, isObj, items, jsonNumberValue, own, type Obj } from './lib/json';
import { dateAtOffset } from './lib/time';
import { clip, stringList, textValue } from './lib/values';
import { amountCurrencyOf, amountCurrencyText, sumEntries, type FormCurrency } from './feishu-sums';

export interface FsCtx extends Ctx {
  /** The currencies of the form's amount widgets: a formula over them is in theirs. */
  formCurrency: FormCurrency;
}

export interface FsWidget {
  raw: Obj;
  type: string;
  id: string;
  label: Labels;
  value: unknown;
}

export function readWidget(raw: Obj, fallbackId: string): FsWidget {
  const name = textValue(own(raw, 'name'));
  const type = own(raw, 'type');
  return {
    raw,
    type: typeof type === 'string' ? type : '',
    id: idText(own(raw, 'id')) ?? idText(own(raw, 'custom_id')) ?? name ?? fallbackId,
    // Feishu returns `name` in the instance's locale (zh by default); the English label is not known here.
    label: name === null ? {} : { zh: name },
    value: own(raw, 'value'),
  };
}

export function convertWidget(w: FsWidget, ctx: FsCtx, inTable: boolean): Entry[] {
  const { id, label, value, raw } = w;
  switch (w.type) {
    case 'input':
    case 'textarea':
      return [entry(id, label, 'text', textValue(value))];
    case 'number':
      return [numberEntry(id, label, value, ctx)];
    case 'amount':
      return [moneyEntry(id, label, value, amountCurrency(raw, ctx), ctx)];
    case 'formula': {
      // A formula over amounts carries its 大写 (capitalValue): treat it as money, otherwise a plain number.
      if (!hasOwn(own(raw, 'ext'), 'capitalValue')) return [numberEntry(id, label, value, ctx)];
      return [formulaMoney(w, ctx)];
    }
    case 'date':
      return [dateEntry(id, label, value, raw, ctx)];
    case 'dateInterval':
      return dateInterval(w, ctx);
    case 'radio':
    case 'radioV2':
      return [entry(id, label, 'option', optionOf(own(raw, 'option'), textValue(value)))];
    case 'checkbox':
    case 'checkboxV2':
      return [checkboxEntry(w)];
    case 'contact':
      return [contactEntry(w)];
    case 'department':
      return [departmentEntry(w)];
    case 'attachment':
    case 'attachmentV2':
    case 'image':
    case 'imageV2':
      return [attachmentEntry(w)];
    case 'fieldList':
      if (inTable) return [unknownEntry(id, label, value, ctx, 'a table inside a table')];
      return tableEntries(w, ctx);
    default:
      return [unknownEntry(id, label, value, ctx, `unknown widget type "${clip(w.type || '(none)')}"`)];
  }
}

/** `timezoneOffset` uses the JS sign convention: -480 is UTC+8. */
function tzOffset(raw: Obj): number | undefined {
  const t = jsonNumberValue(own(raw, 'timezoneOffset'));
  return t !== undefined && Number.isInteger(t) && Math.abs(t) <= 1080 ? t : undefined;
}

function amountCurrency(raw: Obj, ctx: Ctx): string | undefined {
  const code = amountCurrencyOf(raw);
  if (code === undefined) {
    ctx.warn(`${ctx.where}: currency ${clip(textValue(amountCurrencyText(raw)) ?? '')} is not an ISO 4217 code; the amount has no currency`);
  }
  return code;
}

/** Feishu's formula has no currency of its own: it is in the currency of the amounts it is computed from. */
function formulaMoney(w: FsWidget, ctx: FsCtx): Entry {
  const { codes } = ctx.formCurrency;
  if (codes.length > 1) {
    ctx.warn(`${ctx.where}: a formula over amounts in ${codes.join(' and ')}; the total has no single currency`);
    return moneyEntry(w.id, w.label, w.value, undefined, ctx);
  }
  return moneyEntry(w.id, w.label, w.value, codes[0] ?? DEFAULT_CURRENCY, ctx);
}

function dateEntry(id: string, label: Labels, value: unknown, raw: Obj, ctx: Ctx): Entry {
  const tzo = tzOffset(raw);
  const epochMs = jsonNumberValue(value);
  if (epochMs !== undefined) {
    // Older widgets sent epoch milliseconds.
    const d = dateAtOffset(epochMs, tzo === undefined ? 480 : -tzo);
    if (d) return entry(id, label, 'date', d);
  }
  return rfc3339DateEntry(id, label, value, ctx, tzo);
}

/** `{start, end, interval}` → `<id>.start`, `<id>.end` (dates) and `<id>.interval` (days, a number). */
function dateInterval(w: FsWidget, ctx: FsCtx): Entry[] {
  const v = w.value;
  if (v !== null && v !== undefined && v !== '' && !isObj(v)) {
    return [unknownEntry(w.id, w.label, v, ctx, 'date interval is not an object')];
  }
  const tzo = tzOffset(w.raw);
  const out = [
    rfc3339DateEntry(`${w.id}.start`, labelsWithSuffix(w.label, '开始', 'start'), own(v, 'start'), ctx, tzo),
    rfc3339DateEntry(`${w.id}.end`, labelsWithSuffix(w.label, '结束', 'end'), own(v, 'end'), ctx, tzo),
  ];
  const label = labelsWithSuffix(w.label, '时长', 'interval');
  out.push(numberEntry(`${w.id}.interval`, label, own(v, 'interval'), ctx));
  return out;
}

function optionOf(option: unknown, valueText: string | null): OptionValue | null {
  const text = textValue(own(option, 'text')) ?? valueText;
  if (text === null) return null;
  const key = idText(own(option, 'key'));
  return key === undefined ? { text } : { key, text };
}

function checkboxEntry(w: FsWidget): Entry {
  const opts = items(own(w.raw, 'option'));
  const texts = stringList(w.value) ?? [];
  const out: OptionValue[] = [];
  if (opts && opts.length) opts.forEach((o, i) => {
    const v = optionOf(o, texts[i] ?? null);
    if (v) out.push(v);
  });
  else for (const text of texts) out.push({ text });
  return entry(w.id, w.label, 'options', out.length ? out : null);
}

/** `value` holds user ids, `open_ids` the same people as open ids. */
function contactEntry(w: FsWidget): Entry {
  const ids = stringList(w.value) ?? [];
  const people = (ids.length ? ids : (stringList(own(w.raw, 'open_ids')) ?? [])).map((id) => ({ id }));
  return entry(w.id, w.label, 'person', people.length ? people : null);
}

/** `value` is `[{open_id}]`, without names (resolving them needs the contact API). */
function departmentEntry(w: FsWidget): Entry {
  const out: DepartmentValue[] = [];
  for (const d of items(w.value) ?? []) {
    const id = typeof d === 'string' ? idText(d) : idText(own(d, 'open_id'));
    const name = textValue(own(d, 'name'));
    if (id === undefined && name === null) continue;
    out.push({ ...(id !== undefined ? { id } : {}), ...(name !== null ? { name } : {}) });
  }
  return entry(w.id, w.label, 'department', out.length ? out : null);
}

/** `value` lists URLs; `ext` joins the file names with commas (only zipped when the counts agree). */
function attachmentEntry(w: FsWidget): Entry {
  const urls = stringList(w.value) ?? [];
  const ext = own(w.raw, 'ext');
  const names = typeof ext === 'string' && ext !== '' ? ext.split(',') : [];
  const zip = names.length === urls.length;
  const files = urls.map((url, i) => (zip ? { name: names[i], url } : { url }));
  return entry(w.id, w.label, 'attachment', files.length ? files : null);
}

/**
 * `value` is a 2-D array: rows of widgets. The `ext` column sums (`[{id, type, value, sumItems}]`) become
 * `<table>.<column>.sum` money fields after the table.
 */
function tableEntries(w: FsWidget, ctx: FsCtx): Entry[] {
  const table = tableEntry(w, ctx);
  if (table.cell.type !== 'table') return [table];
  return [table, ...sumEntries(w, table.columns ?? [], ctx)];
}

function tableEntry(w: FsWidget, ctx: FsCtx): Entry {
  const v = w.value;
  const rows = v === null || v === undefined || v === '' ? [] : items(v);
  if (!rows) return unknownEntry(w.id, w.label, v, ctx, 'table value is not an array of rows');
  const table = new TableBuilder();
  rows.forEach((row, r) => {
    const where = `${ctx.where} row ${r + 1}`;
    const cells = items(row);
    if (!cells) {
      ctx.warn(`${where}: not an array of widgets; ignored`);
      return;
    }
    const entries = cells.flatMap((raw, i) => {
      if (!isObj(raw)) return [];
      const cw = readWidget(raw, `col${i + 1}`);
      return convertWidget(cw, { ...ctx, where: `${where}, ${describe(cw.label, cw.id)}` }, true);
    });
    table.addRow(entries, ctx.warn, where);
  });
  return { id: w.id, cell: { label: w.label, type: 'table', value: table.rows }, columns: table.columns };
}

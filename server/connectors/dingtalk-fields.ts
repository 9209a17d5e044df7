/**
 * DingTalk form components → entries. Top-level components are `{componentType|component_type, id, name,
 * value, extValue|ext_value}`; table cells are `{componentType, key, label, value, extendValue}`. Every value
 * is a string, structured ones JSON-encoded (parsed losslessly), and an empty control is the string "null".
 * A MoneyField carries no currency (its extValue holds only the 大写 `upper`): its amounts are CNY.
 * Several values in one control are all kept: departments and multi-select options written as
 * comma-separated text are split (ids or option objects in extValue win over the text when sent).
 */
import type { AttachmentValue, DepartmentValue, Labels, OptionValue, PersonValue, TemplateField } from '../engine/form-record';
import { columnOf, describe, TableBuilder, type Entry } from './lib/build';
import { dateTextEntry, DEFAULT_CURRENCY, entry, labelsWithSuffix, moneyEntry, numberEntry, unknownEntry, type Ctx } from './lib/cells';
import { idText, isObj, items, own, ownAny, type Obj } from './lib/json';
import { clip, jsonStringValue, stringList, textValue } from './lib/values';

export interface DtComponent {
  type: string;
  id: string;
  label: Labels;
  value: unknown;
  /** The component as sent: extValue/extendValue is read from it only by the controls that use it. */
  raw: Obj;
}

const TEXT_TYPES = new Set(['TextField', 'TextareaField', 'PhoneField', 'IdCardField']);

// Each dialect's spellings of a key, tried in order (module constants: a literal would be a new array per read).
const NAME = ['name', 'label'];
const ID = ['id', 'key'];
const ALIAS = ['bizAlias', 'biz_alias'];
const TYPE = ['componentType', 'component_type'];
const EXT = ['extValue', 'ext_value', 'extendValue', 'extend_value'];
const OPTION_KEY = ['key', 'value'];
const OPTION_TEXT = ['label', 'text'];
const USER_ID = ['emplId', 'userId', 'userid', 'id'];
const DEPT_ID = ['id', 'deptId', 'dept_id', 'departmentId'];
const DEPT_NAME = ['name', 'deptName', 'dept_name'];
const FILE_ID = ['fileId', 'file_id', 'id'];
const FILE_NAME = ['fileName', 'file_name', 'name'];
const FILE_URL = ['url', 'downloadUrl', 'previewUrl'];
/** A column schema has no value and no extValue. */
const NO_EXT: Obj = Object.freeze({});

/** A component without id, alias or name is known by its position: `<prefix><n>` (built only then). */
export function readComponent(raw: Obj, fallbackPrefix: string, fallbackNumber: number): DtComponent {
  const name = textValue(ownAny(raw, NAME));
  const id = idText(ownAny(raw, ID)) ?? idText(ownAny(raw, ALIAS)) ?? name ?? `${fallbackPrefix}${fallbackNumber}`;
  const type = ownAny(raw, TYPE);
  return {
    type: typeof type === 'string' ? type : '',
    id,
    label: name === null ? {} : { zh: name },
    value: own(raw, 'value'),
    raw,
  };
}

/** extValue is usually a JSON string, extendValue in table rows an object already. */
function extOf(c: DtComponent): unknown {
  const p = jsonStringValue(ownAny(c.raw, EXT));
  return p.ok ? p.value : null;
}

export function convertComponent(c: DtComponent, ctx: Ctx, inTable: boolean): Entry[] {
  const { id, label, value } = c;
  if (TEXT_TYPES.has(c.type)) return [entry(id, label, 'text', textValue(value))];
  switch (c.type) {
    case 'NumberField':
    case 'CalculateField':
      return [numberEntry(id, label, value, ctx)];
    case 'MoneyField':
      return [moneyEntry(id, label, value, DEFAULT_CURRENCY, ctx)];
    case 'DDDateField':
      return [dateTextEntry(id, label, value, ctx)];
    case 'DDDateRangeField':
      return dateRange(c, ctx);
    case 'DDSelectField':
      return [selectEntry(c)];
    case 'DDMultiSelectField':
      return [multiSelectEntry(c)];
    case 'InnerContactField':
      return [contactEntry(c, ctx)];
    case 'DepartmentField':
      return [departmentEntry(c)];
    case 'DDAttachment':
    case 'DDPhotoField':
      return [attachmentEntry(c, ctx)];
    case 'TableField':
      if (inTable) return [unknownEntry(id, label, value, ctx, 'a table inside a table')];
      return [tableEntry(c, ctx)];
    default:
      return [unknownEntry(id, label, value, ctx, `unknown component type "${clip(c.type || '(none)')}"`)];
  }
}

/**
 * A date range (value `["2019-02-19","2019-02-25"]`, name `["开始时间","结束时间"]`) becomes two date fields
 * `<id>.start` and `<id>.end`: mappings read each end directly.
 */
function dateRange(c: DtComponent, ctx: Ctx): Entry[] {
  const names = jsonStringValue(c.label.zh);
  const pair = names.ok && Array.isArray(names.value) ? names.value.map((n) => textValue(n)) : [];
  const startLabel = pair[0] ? { zh: pair[0] } : labelsWithSuffix(c.label, '开始', 'start');
  const endLabel = pair[1] ? { zh: pair[1] } : labelsWithSuffix(c.label, '结束', 'end');
  const v = jsonStringValue(c.value);
  if (!v.ok || (v.value !== null && !Array.isArray(v.value))) {
    return [unknownEntry(c.id, c.label, c.value, ctx, 'date range is not a JSON array')];
  }
  const [start, end] = Array.isArray(v.value) ? v.value : [null, null];
  return [
    dateTextEntry(`${c.id}.start`, startLabel, start, ctx),
    dateTextEntry(`${c.id}.end`, endLabel, end, ctx),
  ];
}

function optionFrom(ext: unknown, fallbackText: string | null): OptionValue | null {
  const key = idText(ownAny(ext, OPTION_KEY));
  const text = textValue(ownAny(ext, OPTION_TEXT)) ?? fallbackText;
  if (text === null) return null;
  return key === undefined ? { text } : { key, text };
}

function selectEntry(c: DtComponent): Entry {
  const text = textValue(c.value);
  let ext = extOf(c);
  if (Array.isArray(ext)) ext = ext[0];
  return entry(c.id, c.label, 'option', text === null ? null : optionFrom(isObj(ext) ? ext : null, text));
}

/**
 * DingTalk joins several values of a control with commas (the create-instance doc: a department is
 * "comma-separated dept ids"; GET responses show names the same way). Full-width commas count too.
 */
export function splitList(text: string): string[] {
  return text.split(/[,，]/).map((t) => t.trim()).filter((t) => t !== '' && t !== 'null');
}

/** The texts of a multi-valued control: a JSON array (the documented form) or comma-separated text. */
function listTexts(value: unknown): string[] {
  const v = jsonStringValue(value);
  if (v.ok && Array.isArray(v.value)) return stringList(v.value) ?? [];
  const text = textValue(value);
  return text === null ? [] : splitList(text);
}

function multiSelectEntry(c: DtComponent): Entry {
  const ext = items(extOf(c));
  const texts = listTexts(c.value);
  let options: OptionValue[] = [];
  if (ext && ext.length > 0) {
    ext.forEach((e, i) => {
      const o = optionFrom(isObj(e) ? e : null, texts[i] ?? null);
      if (o) options.push(o);
    });
  } else options = texts.map((text) => ({ text }));
  return entry(c.id, c.label, 'options', options.length ? options : null);
}

/** The contact's value is the display names (comma-separated); the user ids (`emplId`) live in extValue. */
function contactEntry(c: DtComponent, ctx: Ctx): Entry {
  if (textValue(c.value) === null && extOf(c) === null) return entry(c.id, c.label, 'person', null);
  const ext = items(extOf(c));
  const people: PersonValue[] = [];
  for (const e of ext ?? []) {
    const id = idText(ownAny(e, USER_ID));
    if (id === undefined) continue;
    const name = textValue(own(e, 'name'));
    people.push(name === null ? { id } : { id, name });
  }
  // Names missing from extValue: take them from the value when it names exactly as many people.
  if (people.length > 0 && people.some((p) => p.name === undefined)) {
    const names = splitList(textValue(c.value) ?? '');
    if (names.length === people.length) people.forEach((p, i) => (p.name ??= names[i]));
  }
  if (people.length) return entry(c.id, c.label, 'person', people);
  // The create-instance format: value is a JSON array of user ids.
  const v = jsonStringValue(c.value);
  const ids = v.ok && Array.isArray(v.value) ? stringList(v.value) : null;
  if (ids && ids.length) return entry(c.id, c.label, 'person', ids.map((id) => ({ id })));
  return unknownEntry(c.id, c.label, c.value, ctx, 'contact without user ids (extValue)');
}

/**
 * Value is the department names, comma-separated when several ("市场部,销售部" is two departments; not
 * verified against a real capture); ids (and names) from extValue when it gives them, the text is then
 * not split.
 */
function departmentEntry(c: DtComponent): Entry {
  const ext = items(extOf(c));
  const depts: DepartmentValue[] = [];
  for (const e of ext ?? []) {
    const id = idText(ownAny(e, DEPT_ID));
    const name = textValue(ownAny(e, DEPT_NAME));
    if (id === undefined && name === null) continue;
    const d: DepartmentValue = {};
    if (id !== undefined) d.id = id;
    if (name !== null) d.name = name;
    depts.push(d);
  }
  if (depts.length) return entry(c.id, c.label, 'department', depts);
  const names = listTexts(c.value);
  return entry(c.id, c.label, 'department', names.length ? names.map((name) => ({ name })) : null);
}

/** DDAttachment: JSON array of {spaceId,fileName,fileSize,fileType,fileId}; DDPhotoField: JSON array of URLs. */
function attachmentEntry(c: DtComponent, ctx: Ctx): Entry {
  const v = jsonStringValue(c.value);
  const list = v.ok ? (v.value === null ? [] : items(v.value)) : null;
  if (!list) return unknownEntry(c.id, c.label, c.value, ctx, 'attachment value is not a JSON array');
  const files: AttachmentValue[] = [];
  list.forEach((f) => {
    if (typeof f === 'string') {
      if (f !== '') files.push({ url: f });
      return;
    }
    if (!isObj(f)) return;
    const out: AttachmentValue = {};
    const id = idText(ownAny(f, FILE_ID));
    const name = textValue(ownAny(f, FILE_NAME));
    const url = textValue(ownAny(f, FILE_URL));
    if (id !== undefined) out.id = id;
    if (name !== null) out.name = name;
    if (url !== null) out.url = url;
    files.push(out);
  });
  return entry(c.id, c.label, 'attachment', files.length ? files : null);
}

/**
 * TableField value: JSON string of `[{rowValue:[cells], rowNumber}]`. An empty table may come back as its
 * column schema instead (`[{componentType, props:{id,label,required}}]`): zero rows, but the columns are kept.
 */
function tableEntry(c: DtComponent, ctx: Ctx): Entry {
  const v = jsonStringValue(c.value);
  const list = v.ok ? (v.value === null ? [] : items(v.value)) : null;
  if (!list) return unknownEntry(c.id, c.label, c.value, ctx, 'table value is not a JSON array');
  const table = new TableBuilder();
  list.forEach((row, r) => {
    const rowWhere = () => `${ctx.where} row ${r + 1}`;
    const cells = items(own(row, 'rowValue'));
    if (cells) {
      const entries: Entry[] = [];
      cells.forEach((raw, i) => {
        if (!isObj(raw)) return;
        const col = readComponent(raw, 'col', i + 1);
        for (const e of convertComponent(col, new CellCtx(ctx.warn, rowWhere, col), true)) entries.push(e);
      });
      table.addRow(entries, ctx.warn, rowWhere);
      return;
    }
    const where = rowWhere();
    const props = own(row, 'props');
    if (isObj(props)) {
      const col = readComponent({ ...pick(props, ['id', 'label']), componentType: own(row, 'componentType') }, 'col', r + 1);
      const silent: Ctx = { warn: () => {}, where };
      for (const e of convertComponent({ ...col, value: null, raw: NO_EXT }, silent, true)) {
        table.schema(columnOf(e.id, e.cell, own(props, 'required') === true));
      }
      return;
    }
    ctx.warn(`${where}: neither rowValue nor a column schema; ignored`);
  });
  return { id: c.id, cell: { label: c.label, type: 'table', value: table.rows }, columns: table.columns as TemplateField[] };
}

/** A top-level control's warning context: its text is only built when there is something to warn about. */
export class ComponentCtx implements Ctx {
  constructor(
    readonly warn: (message: string) => void,
    private readonly c: DtComponent,
  ) {}
  get where(): string {
    return describe(this.c.label, this.c.id);
  }
}

/** A table cell's warning context, as lazy as a control's. */
class CellCtx implements Ctx {
  constructor(
    readonly warn: (message: string) => void,
    private readonly row: () => string,
    private readonly col: DtComponent,
  ) {}
  get where(): string {
    return `${this.row()}, ${describe(this.col.label, this.col.id)}`;
  }
}

function pick(o: Obj, keys: string[]): Obj {
  const out: Obj = Object.create(null) as Obj;
  for (const k of keys) out[k] = own(o, k);
  return out;
}

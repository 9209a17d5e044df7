import type { FieldType, FormCell, FieldValue, Labels } from './form-record';
import { Fault, parseDecimal, truncateForMessage, wholeNumber, type Decimal, type Value, type ValueType } from './values';

export interface SourcePort {
  name: string;
  type: ValueType;
  label: Labels;
}

const port = (name: string, type: ValueType, zh: string, en: string): SourcePort => ({ name, type, label: { zh, en } });

/**
 * What a form field offers to connect, by its type. Structured values (people, departments, options,
 * attachments) expose their parts as separate ports so analysts never need to write a path. Fields that may hold
 * several people, departments or options give a `list`: one value passes as it is, several must be picked or
 * joined by a list function before they reach a single-valued port.
 */
const PORTS: Record<FieldType, SourcePort[]> = {
  text: [port('value', 'text', '值', 'value')],
  unknown: [port('value', 'text', '值', 'value')],
  number: [port('value', 'number', '值', 'value')],
  // The currency travels beside the amount, so a line's currency can be mapped from the amount it books.
  money: [port('value', 'money', '金额', 'amount'), port('currency', 'text', '币种', 'currency')],
  date: [port('value', 'date', '日期', 'date')],
  datetime: [port('value', 'datetime', '时间', 'time')],
  option: [port('text', 'text', '选项文字', 'option text'), port('key', 'text', '选项键', 'option key')],
  options: [port('text', 'list', '选项文字（可多个）', 'option texts (may be several)'), port('count', 'number', '选项数', 'count')],
  person: [port('id', 'list', '人员 ID（可多个）', 'person ids (may be several)'), port('name', 'list', '姓名（可多个）', 'names (may be several)')],
  department: [port('id', 'list', '部门 ID（可多个）', 'department ids (may be several)'), port('name', 'list', '部门名称（可多个）', 'department names (may be several)')],
  attachment: [port('count', 'number', '附件数', 'file count'), port('names', 'text', '文件名', 'file names')],
  table: [port('rows', 'number', '行数', 'row count')],
};

export function sourcePorts(type: FieldType): SourcePort[] {
  return PORTS[type] ?? PORTS.unknown;
}

const asList = (v: FieldValue): Record<string, unknown>[] =>
  Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as Record<string, unknown>[]) : [];

/**
 * A part of a structured value as text. A JS number is only accepted when it is a whole number JavaScript holds
 * exactly (an id sent as 12345): `String(0.1 + 0.2)` or a 17-digit number would hand on digits nobody sent.
 */
function str(v: unknown, name: string): Value | Fault {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : inexact(v, name);
  return null;
}

function inexact(v: number, name: string): Fault {
  return new Fault(
    'inexact_number',
    `${name} holds ${v}, a floating-point number that may not be the digits the OA system sent; the connector must pass numbers as text`,
    v,
  );
}

/** One value per entry (null where the entry lacks the part), shaped as a list value: 0 → null, 1 → the item. */
function listOf(entries: Record<string, unknown>[], part: string, name: string): Value | Fault {
  if (entries.length === 0) return null;
  if (entries.length === 1) return str(entries[0][part], name);
  const out: Value[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const v = str(entries[i][part], name);
    if (v instanceof Fault) return v;
    out[i] = v;
  }
  // Kept even when no entry has the part: two departments without ids are still two, not none.
  return out;
}

/**
 * Reads one port of a cell. Numbers stay exact: decimal text becomes a Decimal, anything else is a Fault that
 * names the value (the engine adds the field and row). `name` is how messages call the field.
 */
export function readCell(cell: FormCell | undefined, type: FieldType, portName: string, name = 'the field'): Value | Fault {
  if (type === 'money' && portName === 'currency') return cell ? cellCurrency(cell) : null;
  if (!cell || cell.value === null || cell.value === undefined) return portName === 'count' || portName === 'rows' ? zeroCount() : null;
  const v = cell.value;
  switch (type) {
    case 'number':
    case 'money': {
      if (typeof v !== 'string') return new Fault('not_a_number', 'is not a number', v);
      if (v.trim() === '') return null;
      const d = parseDecimal(v);
      return d ?? new Fault('not_a_number', `"${truncateForMessage(v)}" is not a number`, v);
    }
    case 'option': {
      if (typeof v === 'string') return portName === 'text' ? v : null;
      const o = v as unknown as Record<string, unknown>;
      return str(portName === 'key' ? o.key : o.text, name);
    }
    case 'options': {
      const list = asList(v);
      if (portName === 'count') return countOf(list.length);
      return listOf(list, 'text', name);
    }
    case 'person':
    case 'department':
      return listOf(asList(v), portName, name);
    case 'attachment': {
      const list = asList(v);
      if (portName === 'count') return countOf(list.length);
      return list.map((o) => String(o.name ?? o.id ?? '')).join(',');
    }
    case 'table':
      return countOf(Array.isArray(v) ? v.length : 0);
    default:
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return str(v, name);
      return JSON.stringify(v);
  }
}

/** The ISO 4217 code a money cell is in, when the connector knows it (CNY for OA systems without currencies). */
export function cellCurrency(cell: FormCell): string | null {
  const c = cell.currency;
  if (typeof c === 'string' && isIsoShaped(c)) return c; // as connectors write it: nothing to trim or raise
  return typeof c === 'string' && c.trim() !== '' ? c.trim().toUpperCase() : null;
}

/** Three capital ASCII letters, checked by character code (no regular expression, no new string). */
function isIsoShaped(c: string): boolean {
  if (c.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const k = c.charCodeAt(i);
    if (k < 65 || k > 90) return false;
  }
  return true;
}

function countOf(n: number): Decimal {
  return wholeNumber(n);
}
function zeroCount(): Decimal {
  return wholeNumber(0);
}

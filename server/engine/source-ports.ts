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
 * attachments) expose their parts as separate ports so analysts never need to write a path.
 */
const PORTS: Record<FieldType, SourcePort[]> = {
  text: [port('value', 'text', '值', 'value')],
  unknown: [port('value', 'text', '值', 'value')],
  number: [port('value', 'number', '值', 'value')],
  money: [port('value', 'money', '金额', 'amount')],
  date: [port('value', 'date', '日期', 'date')],
  datetime: [port('value', 'datetime', '时间', 'time')],
  option: [port('text', 'text', '选项文字', 'option text'), port('key', 'text', '选项键', 'option key')],
  options: [port('text', 'text', '选项文字（逗号分隔）', 'option texts (comma-separated)'), port('count', 'number', '选项数', 'count')],
  person: [port('id', 'text', '人员 ID', 'person id'), port('name', 'text', '姓名', 'name')],
  department: [port('id', 'text', '部门 ID', 'department id'), port('name', 'text', '部门名称', 'department name')],
  attachment: [port('count', 'number', '附件数', 'file count'), port('names', 'text', '文件名', 'file names')],
  table: [port('rows', 'number', '行数', 'row count')],
};

export function sourcePorts(type: FieldType): SourcePort[] {
  return PORTS[type] ?? PORTS.unknown;
}

const asList = (v: FieldValue): Record<string, unknown>[] =>
  Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as Record<string, unknown>[]) : [];
const str = (v: unknown): Value => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/**
 * Reads one port of a cell. Numbers stay exact: decimal text becomes a Decimal, anything else is a Fault that
 * names the value (the engine adds the field and row).
 */
export function readCell(cell: FormCell | undefined, type: FieldType, portName: string): Value | Fault {
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
      return str(portName === 'key' ? o.key : o.text);
    }
    case 'options': {
      const list = asList(v);
      if (portName === 'count') return countOf(list.length);
      return list.map((o) => String(o.text ?? '')).join(',');
    }
    case 'person':
    case 'department': {
      const first = asList(v)[0];
      return first ? str(first[portName]) : null;
    }
    case 'attachment': {
      const list = asList(v);
      if (portName === 'count') return countOf(list.length);
      return list.map((o) => String(o.name ?? o.id ?? '')).join(',');
    }
    case 'table':
      return countOf(Array.isArray(v) ? v.length : 0);
    default:
      return typeof v === 'string' ? v : JSON.stringify(v);
  }
}

function countOf(n: number): Decimal {
  return wholeNumber(n);
}
function zeroCount(): Decimal {
  return wholeNumber(0);
}

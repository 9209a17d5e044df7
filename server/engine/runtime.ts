import type { FormRecord, TableRow } from './form-record';
import type { NodeInfo } from './graph';
import type { RunError } from './types';
import { Fault, parseDecimal, toDecimal, toPlain, toText, type Value, type ValueType } from './values';

/**
 * Per-execution state. `out` is flat: one slot per output port of every node, holding a value (record level)
 * or one value per row (row level).
 */
export interface RunContext {
  record: FormRecord;
  out: unknown[];
  rowCache: Map<string, TableRow[]>;
  errors: RunError[];
  /** Faults already turned into errors; made on the first one (most runs have none). */
  reported: Set<Fault> | null;
  /** The currency of each aggregate's total over money rows, by node index; made on the first one. */
  sums?: Map<number, string> | null;
}

export function tableRows(ctx: RunContext, table: string): TableRow[] {
  let rows = ctx.rowCache.get(table);
  if (!rows) {
    const cell = ctx.record.fields[table];
    rows = cell && Array.isArray(cell.value) && cell.type === 'table' ? (cell.value as TableRow[]) : [];
    ctx.rowCache.set(table, rows);
  }
  return rows;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Converts a value for a port of another (compatible) type; mistyped data becomes a Fault, never a throw. */
export function coerce(v: Value | Fault | undefined, type: ValueType): Value | Fault {
  if (v === undefined) return null;
  if (v === null || v instanceof Fault) return v;
  switch (type) {
    case 'number':
    case 'money':
      return toDecimal(v);
    case 'text':
      return toText(v);
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return new Fault('not_a_boolean', `${toText(v)} is not true/false`, toPlain(v));
    case 'date':
      if (typeof v === 'string' && DATE.test(v)) return v;
      return new Fault('not_a_date', `"${toText(v)}" is not a date (YYYY-MM-DD)`, toPlain(v));
    case 'datetime':
      return typeof v === 'string' ? v : new Fault('not_a_datetime', `${toText(v)} is not a date-time`, toPlain(v));
    default:
      return v;
  }
}

/**
 * Where an input reads from, as data rather than a closure: the hot loops read slots directly, which keeps
 * their call sites monomorphic. `slot` -1 = unconnected; `coerceTo` null = the value fits the port as it is.
 */
export interface InputRef {
  slot: number;
  perRow: boolean;
  coerceTo: ValueType | null;
  /** The producer gives a list and this port takes one value: several values are refused (see `oneValue`). */
  single: boolean;
  /** Whether the value needs no type conversion once it is a single value. */
  fits: boolean;
  producer: NodeInfo | null;
}

export function inputRef(infos: NodeInfo[], producer: { node: number; port: number } | null, type: ValueType): InputRef {
  if (!producer) return { slot: -1, perRow: false, coerceTo: null, single: false, fits: true, producer: null };
  const p = infos[producer.node];
  const fromType = p.outputs[producer.port].type;
  const single = fromType === 'list' && type !== 'list';
  const fits =
    type === 'any' || type === 'list' || fromType === type || (fromType === 'money' && type === 'number') || (fromType === 'number' && type === 'money');
  return { slot: p.slot + producer.port, perRow: !!p.scope, coerceTo: fits && !single ? null : type, single, fits, producer: p };
}

export function readInput(ctx: RunContext, ref: InputRef, row: number): Value | Fault {
  if (ref.slot < 0) return undefined as unknown as Value;
  const raw = ref.perRow ? (ctx.out[ref.slot] as (Value | Fault)[])[row] : (ctx.out[ref.slot] as Value | Fault);
  if (ref.coerceTo === null) return raw;
  const one = ref.single ? oneValue(raw, ref.producer!, row) : raw;
  return ref.fits || one instanceof Fault ? one : coerce(one, ref.coerceTo);
}

/**
 * A list reaching a port that takes one value: one item passes as itself; two or more are refused with the field,
 * the row and every value, since picking one (or gluing them with a comma) would book a voucher nobody chose.
 */
export function oneValue(v: Value | Fault | undefined, producer: NodeInfo, row: number): Value | Fault {
  if (!Array.isArray(v)) return v === undefined ? null : v;
  if (v.length <= 1) return v.length ? v[0] : null;
  const name = fieldName(producer);
  const where = producer.scope ? ` (row ${row + 1})` : '';
  const shown = v.map((x) => (x === null ? '(none)' : toText(x))).join(', ');
  const f = new Fault(
    'multi_valued',
    `${name}${where} holds ${v.length} values (${shown}) where one is expected; ` +
      'say which with a list function: "only one" (refuses several), "first" or "join"',
    toPlain(v),
  );
  return attribute(f, producer, row);
}

/** How messages call the OA field a node reads: the analyst's label for it, else the field id. */
export function fieldName(info: NodeInfo): string {
  const src = info.sources[0];
  if (info.node.kind === 'source' && info.node.label) return info.node.label;
  return src ? src.field : info.node.label ?? info.node.id;
}

/** Stamps a fresh Fault with the node, OA field and row it arose at; faults passed along keep their origin. */
export function attribute(f: Fault, info: NodeInfo, row: number): Fault {
  if (f.node === null) {
    f.node = info.node.id;
    if (f.field === null) f.field = info.sources[0]?.field ?? null;
    if (f.row === null && info.scope) f.row = row + 1;
  }
  return f;
}

export function reportFault(ctx: RunContext, f: Fault, target?: string): void {
  ctx.reported ??= new Set();
  if (ctx.reported.has(f)) return;
  ctx.reported.add(f);
  ctx.errors.push({ field: f.field, row: f.row, value: f.value, message: f.message, code: f.code, node: f.node, target });
}

/** The raw value of a source field as the OA system sent it, for error messages. */
export function sourceValue(ctx: RunContext, src: { field: string; table?: string } | undefined, row: number): unknown {
  if (!src) return null;
  if (src.table) {
    const r = tableRows(ctx, src.table)[row];
    return r ? plainCell(r[src.field]?.value) : null;
  }
  if (src.field.startsWith('$')) return metaValue(ctx.record, src.field.slice(1));
  return plainCell(ctx.record.fields[src.field]?.value);
}

function plainCell(v: unknown): unknown {
  if (Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && !('id' in x) && !('text' in x) && !('name' in x)))
    return `${v.length} rows`;
  return v ?? null;
}

export function metaValue(record: FormRecord, key: string): Value {
  switch (key) {
    case 'applicantId':
      return record.applicant?.id ?? null;
    case 'applicantName':
      return record.applicant?.name ?? null;
    case 'departmentId':
      return record.department?.id ?? null;
    case 'departmentName':
      return record.department?.name ?? null;
    default: {
      const v = (record as unknown as Record<string, unknown>)[key];
      return typeof v === 'string' ? v : null;
    }
  }
}

export function parseConstant(valueType: ValueType, value: string | boolean): Value | undefined {
  if (valueType === 'boolean') return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
  if (typeof value !== 'string') return undefined;
  if (valueType === 'number' || valueType === 'money') return parseDecimal(value) ?? undefined;
  if (valueType === 'date') return DATE.test(value) ? value : undefined;
  return value;
}

/** A form field read by a node, as a place a missing value can enter the mapping. */
export interface EntryPoint {
  source: NodeInfo;
  ref: InputRef;
}

/**
 * The form fields whose emptiness alone can make `info`'s input `port` empty or meaningless: followed back through
 * functions that pass an empty input on (most do) and comparisons that cannot compare with nothing, but not through
 * what handles an empty value by design (coalesce, "is empty", if/switch, text and list functions, aggregates,
 * lookups, expressions). A check or field that fails with one of these empty reports the field, where the value
 * was missing, rather than the failed comparison downstream.
 */
export function entryPoints(info: NodeInfo, infos: NodeInfo[], port = 0): EntryPoint[] {
  const found: EntryPoint[] = [];
  const seen = new Set<number>();
  const walk = (from: { node: number; port: number } | null) => {
    if (!from) return;
    const producer = infos[from.node];
    if (producer.node.kind === 'source') {
      // A column seen from the record level is a list of rows, not one missing value.
      if (!producer.scope || producer.scope === info.scope) found.push({ source: producer, ref: inputRef(infos, from, producer.outputs[from.port].type) });
      return;
    }
    if (seen.has(from.node) || producer.node.kind !== 'function' || !producer.fn || producer.fn.kind === 'aggregate') return;
    seen.add(from.node);
    const fn = producer.fn;
    if (fn.nulls === 'pass' && !(fn.kind === 'scalar' && fn.emptyIsMissing)) return;
    for (const b of producer.inputs) walk(b.from);
  };
  walk(info.inputs[port]?.from ?? null);
  return found;
}

/** The errors "<field> is empty" for the entry points that are empty at row `row`; none when all hold a value. */
export function emptyEntryErrors(ctx: RunContext, entries: readonly EntryPoint[], row: number, target?: string): RunError[] {
  const errors: RunError[] = [];
  for (const { source, ref } of entries) {
    const v = readInput(ctx, ref, row);
    if (v instanceof Fault || !(v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))) continue;
    const field = source.sources[0]?.field ?? null;
    if (errors.some((e) => e.field === field)) continue;
    errors.push({
      field, row: source.scope ? row + 1 : null, value: null, message: `${fieldName(source)} is empty`, code: 'empty_input', node: source.node.id, target,
    });
  }
  return errors;
}

/** Assembling a FormRecord (and the template a sample implies) without ever throwing to the caller. */
import {
  emptyDict,
  type FieldType,
  type FormCell,
  type FormRecord,
  type FormTemplate,
  type InstanceStatus,
  type Labels,
  type TableRow,
  type TemplateField,
} from '../../engine/form-record';
import type { NormalizeResult, ShapeError } from '../types';
import { clip } from './values';

/** Thrown inside a connector to stop at the first shape problem; turned into a ShapeError at the boundary. */
export class ShapeFault extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function shape(path: string, message: string): never {
  throw new ShapeFault(path, message);
}

export type Mode = 'record' | 'template';

/** One converted control: usually one entry, two or three for a date range (`<id>.start`, `<id>.end`). */
export interface Entry {
  id: string;
  cell: FormCell;
  /** For a table: its columns, in order, including those only known from a schema. */
  columns?: TemplateField[];
  required?: boolean;
}

const MAX_WARNINGS = 500;

export class Warnings {
  readonly list: string[] = [];
  private dropped = 0;
  add(msg: string): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(msg);
    else this.dropped++;
  }
  done(): string[] {
    return this.dropped ? [...this.list, `… and ${this.dropped} more warnings`] : this.list;
  }
}

/**
 * Where a warning points: its text, or a function that builds it. Most controls never warn, so the hot
 * connectors pass a function and pay for the text only when a warning is written.
 */
export type Where = string | (() => string);

function whereText(where: Where): string {
  return typeof where === 'string' ? where : where();
}

/** `"报销事由" (TextareaField_1WDA…)`: how warnings name a field. */
export function describe(label: Labels, id: string): string {
  const name = label.zh ?? label.en;
  return name ? `"${clip(name, 40)}" (${clip(id, 60)})` : clip(id, 60);
}

/** Ordered, null-prototype cells with unique ids: a duplicate id becomes `id~2` and is reported. */
export class CellSet {
  readonly cells = emptyDict<FormCell>();
  readonly order: string[] = [];
  // Only duplicate ids need it, so it is made on the first duplicate (most rows have none).
  private next: Map<string, number> | null = null;
  add(id: string, cell: FormCell, warn: (m: string) => void, where: Where): string {
    let key = id;
    // Null prototype and never-undefined cells: a defined read is an own key (cheaper than hasOwnProperty here).
    if (this.cells[key] !== undefined) {
      this.next ??= new Map();
      let n = this.next.get(id) ?? 2;
      while (Object.prototype.hasOwnProperty.call(this.cells, `${id}~${n}`)) n++;
      this.next.set(id, n + 1);
      key = `${id}~${n}`;
      warn(`${whereText(where)}: duplicate id "${clip(id)}", kept as "${clip(key)}"`);
    }
    this.cells[key] = cell;
    this.order.push(key);
    return key;
  }
}

export function columnOf(id: string, cell: FormCell, required = false): TemplateField {
  return { id, label: cell.label, type: cell.type, required };
}

/** Rows of a detail table plus the union of their columns (first appearance wins for label and type). */
export class TableBuilder {
  readonly rows: TableRow[] = [];
  readonly columns: TemplateField[] = [];
  private known = new Set<string>();
  schema(col: TemplateField): void {
    if (this.known.has(col.id)) return;
    this.known.add(col.id);
    this.columns.push(col);
  }
  addRow(entries: Entry[], warn: (m: string) => void, where: Where): void {
    const set = new CellSet();
    for (const e of entries) {
      const key = set.add(e.id, e.cell, warn, where);
      if (!this.known.has(key)) this.schema(columnOf(key, e.cell, e.required));
    }
    this.rows.push(set.cells);
  }
}

export interface Parsed {
  record: FormRecord;
  order: string[];
  columns: Map<string, TemplateField[]>;
  required: Set<string>;
  templateName: string;
}

/** Collects top-level entries for a record. */
export class FieldCollector {
  readonly set = new CellSet();
  readonly columns = new Map<string, TemplateField[]>();
  readonly required = new Set<string>();
  /** Bound once: a closure per control would be garbage on every call. */
  readonly warn: (m: string) => void;
  constructor(readonly warnings: Warnings) {
    this.warn = (m) => warnings.add(m);
  }
  add(entries: Entry[], where: Where): void {
    for (const e of entries) {
      const key = this.set.add(e.id, e.cell, this.warn, where);
      if (e.columns) this.columns.set(key, e.columns);
      if (e.required) this.required.add(key);
    }
  }
}

export function cell(label: Labels, type: FieldType, value: FormCell['value']): FormCell {
  return { label, type, value };
}

function templateOf(p: Parsed): FormTemplate {
  const fields: TemplateField[] = p.order.map((id) => {
    const c = p.record.fields[id];
    const f: TemplateField = { id, label: c.label, type: c.type, required: p.required.has(id) };
    if (c.type === 'table') f.columns = p.columns.get(id) ?? [];
    return f;
  });
  return { oaSystem: p.record.oaSystem, templateCode: p.record.templateCode, name: p.templateName, fields };
}

function messageOf(e: unknown): string {
  try {
    if (e instanceof Error) return clip(String(e.message), 200);
    return clip(String(e), 200);
  } catch {
    return 'unknown error';
  }
}

function toShapeError(e: unknown): ShapeError {
  try {
    if (e instanceof ShapeFault) return { kind: 'shape', path: e.path, message: e.message };
  } catch {
    /* a hostile thrown value: fall through */
  }
  return { kind: 'shape', path: '$', message: `payload could not be read: ${messageOf(e)}` };
}

export function runNormalize(parse: () => Parsed): NormalizeResult {
  try {
    return { ok: true, record: parse().record };
  } catch (e) {
    return { ok: false, error: toShapeError(e) };
  }
}

export function runTemplate(parse: () => Parsed): FormTemplate | ShapeError {
  try {
    return templateOf(parse());
  } catch (e) {
    return toShapeError(e);
  }
}

/** Reads `options` defensively: callers are trusted, but a stray non-string must not leak into a record. */
export function optionText(options: unknown, key: 'instanceId' | 'templateCode'): string | undefined {
  try {
    const v = typeof options === 'object' && options !== null ? (options as Record<string, unknown>)[key] : undefined;
    return typeof v === 'string' && v !== '' ? v : undefined;
  } catch {
    return undefined;
  }
}

export type StatusMap = Readonly<Record<string, InstanceStatus>>;

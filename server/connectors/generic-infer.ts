/**
 * The generic connector without a config: the top-level object (or a single `data` object under it) is the
 * form. Scalars become fields, arrays of objects detail tables, and well-known keys the record's status,
 * id and times.
 */
import type { Labels } from '../engine/form-record';
import { TableBuilder, type Entry } from './lib/build';
import { entry, numberEntry, unknownEntry, type Ctx } from './lib/cells';
import { isJsonNumber, isObj, items, jsonPathKey, own, safeJson, type Obj } from './lib/json';
import { parseDateOnly } from './lib/time';
import { textValue } from './lib/values';

export const META_KEYS = {
  instanceId: ['instanceId', 'instance_id', 'instanceCode', 'instance_code', 'id'],
  status: ['status', 'state'],
  finishedAt: ['finishedAt', 'finished_at', 'finishTime', 'finish_time', 'approvedAt', 'approved_at', 'completedAt', 'completed_at', 'endTime', 'end_time'],
  submittedAt: ['submittedAt', 'submitted_at', 'createTime', 'create_time', 'createdAt', 'created_at', 'applyTime', 'apply_time', 'startTime', 'start_time'],
  oaReference: ['oaReference', 'reference', 'serialNumber', 'serial_number', 'businessId', 'business_id', 'sp_no', 'number', 'no'],
  title: ['title', 'subject'],
  templateCode: ['templateCode', 'template_code', 'templateId', 'template_id', 'processCode', 'process_code'],
  applicantId: ['applicantId', 'applicant_id', 'userId', 'user_id'],
  applicantName: ['applicantName', 'applicant_name', 'userName', 'user_name'],
  departmentId: ['departmentId', 'department_id', 'deptId', 'dept_id'],
  departmentName: ['departmentName', 'department_name', 'deptName', 'dept_name'],
} as const;
export type MetaKey = keyof typeof META_KEYS;
export type Meta = Partial<Record<MetaKey, { value: unknown; path: string }>>;

/** ASCII keys read as English labels, others (中文 keys) as Chinese. */
export function labelFromKey(key: string): Labels {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(key) ? { en: key } : { zh: key };
}

export function formBase(payload: unknown): { base: Obj; path: string } | null {
  if (!isObj(payload)) return null;
  const data = own(payload, 'data');
  return isObj(data) ? { base: data, path: '$.data' } : { base: payload, path: '$' };
}

export function inferMeta(base: Obj, basePath: string): Meta {
  const meta: Meta = {};
  // Case-insensitive match on the key, first listed alias wins.
  const keys = Object.keys(base);
  const lower = new Map<string, string>();
  for (const k of keys) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
  for (const m of Object.keys(META_KEYS) as MetaKey[]) {
    for (const alias of META_KEYS[m]) {
      const k = lower.get(alias.toLowerCase());
      const v = k === undefined ? undefined : own(base, k);
      if (k !== undefined && v !== undefined && v !== null && !Array.isArray(v) && !isObj(v)) {
        meta[m] = { value: v, path: `${basePath}${jsonPathKey(k)}` };
        break;
      }
    }
  }
  return meta;
}

/** One key of the form (or of a table row) as an entry. */
export function inferEntry(key: string, v: unknown, ctx: Ctx, inTable: boolean): Entry {
  const label = labelFromKey(key);
  if (typeof v === 'string') {
    // Only `YYYY-MM-DD` is a date; numeric strings stay text (they may be codes with leading zeros).
    return entry(key, label, parseDateOnly(v) === v ? 'date' : 'text', textValue(v));
  }
  if (typeof v === 'number' || isJsonNumber(v)) return numberEntry(key, label, v, ctx);
  if (v === null || v === undefined || typeof v === 'boolean') return entry(key, label, 'text', textValue(v));
  const list = items(v);
  if (list) {
    if (!inTable && list.every((r) => isObj(r))) return inferTable(key, label, list, ctx);
    if (list.every((x) => x === null || typeof x !== 'object' || isJsonNumber(x))) {
      const opts = list.map((x) => textValue(x)).filter((t): t is string => t !== null).map((text) => ({ text }));
      return entry(key, label, 'options', opts.length ? opts : null);
    }
  }
  return unknownEntry(key, label, safeJson(v), ctx, inTable ? 'nested value in a table row' : 'nested object');
}

export function inferRow(row: unknown, ctx: Ctx): Entry[] {
  if (!isObj(row)) return [unknownEntry('value', { en: 'value' }, safeJson(row), ctx, 'row is not an object')];
  return Object.keys(row).map((k) => inferEntry(k, own(row, k), { warn: ctx.warn, where: `${ctx.where}, ${k}` }, true));
}

export function inferTable(id: string, label: Labels, rows: unknown[], ctx: Ctx): Entry {
  const table = new TableBuilder();
  rows.forEach((row, r) => {
    const where = `${ctx.where} row ${r + 1}`;
    table.addRow(inferRow(row, { warn: ctx.warn, where }), ctx.warn, where);
  });
  return { id, cell: { label, type: 'table', value: table.rows }, columns: table.columns };
}

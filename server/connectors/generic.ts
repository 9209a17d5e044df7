/**
 * Generic JSON: any approval system's payload, read through a GenericConfig of JSON paths, or (without a
 * config) inferred from the shape of the object.
 */
import type { FormRecord, InstanceStatus, Labels } from '../engine/form-record';
import { parseGenericConfig, type GenericConfig } from './generic-config';
import { formBase, inferEntry, inferMeta, inferRow, labelFromKey, type Meta, type MetaKey } from './generic-infer';
import { evaluate, hasWildcard, parsePath, type Segment } from './generic-path';
import { parseTime, statusOf, valueEntry, type TimeFormat } from './generic-values';
import {
  describe,
  FieldCollector,
  optionText,
  runNormalize,
  runTemplate,
  shape,
  TableBuilder,
  Warnings,
  type Entry,
  type Mode,
  type Parsed,
} from './lib/build';
import { unknownEntry, type Ctx } from './lib/cells';
import { idText, items, own, safeJson } from './lib/json';
import { clip, textValue } from './lib/values';
import type { Connector, ConnectorOptions } from './types';

export { GenericConfigSchema, parseGenericConfig, type GenericConfig, type GenericConfigInput } from './generic-config';
export { parsePath, evaluate, type Segment } from './generic-path';

function segs(path: string, relative = false): Segment[] {
  const p = parsePath(path, relative);
  return p.ok ? p.segments : []; // config paths were validated by the schema
}

/** The first value a path selects, or every value when it has a wildcard. */
function select(root: unknown, path: string, relative = false): unknown {
  const s = segs(path, relative);
  const found = evaluate(root, s);
  return hasWildcard(s) ? found : found[0];
}

function configuredTable(f: GenericConfig['fields'][number], payload: unknown, fmt: TimeFormat | undefined, ctx: Ctx): Entry {
  const label: Labels = f.label ?? labelFromKey(f.id);
  const s = segs(f.path);
  const found = evaluate(payload, s);
  const rows = hasWildcard(s) ? found : found[0] === undefined || found[0] === null ? [] : items(found[0]);
  if (!rows) return unknownEntry(f.id, label, safeJson(found[0]), ctx, `${f.path} does not select an array of rows`);
  const table = new TableBuilder();
  for (const c of f.columns ?? []) table.schema({ id: c.id, label: c.label ?? labelFromKey(c.id), type: c.type, required: false });
  rows.forEach((row, r) => {
    const where = `${ctx.where} row ${r + 1}`;
    const entries = f.columns
      ? f.columns.map((c) =>
          valueEntry(c.id, c.label ?? labelFromKey(c.id), c.type, select(row, c.path, true), fmt, { warn: ctx.warn, where: `${where}, ${c.id}` }, c.currency),
        )
      : inferRow(row, { warn: ctx.warn, where });
    table.addRow(entries, ctx.warn, where);
  });
  return { id: f.id, cell: { label, type: 'table', value: table.rows }, columns: table.columns };
}

function fromConfig(payload: unknown, config: GenericConfig, fields: FieldCollector, warn: (m: string) => void): Meta {
  const meta: Meta = {};
  for (const k of ['instanceId', 'status', 'finishedAt', 'submittedAt', 'oaReference', 'title', 'templateCode', 'applicantId', 'applicantName', 'departmentId', 'departmentName'] as MetaKey[]) {
    const p = config[k];
    if (p !== undefined) meta[k] = { value: select(payload, p), path: p };
  }
  for (const f of config.fields) {
    const label = f.label ?? labelFromKey(f.id);
    const ctx: Ctx = { warn, where: describe(label, f.id) };
    const e = f.type === 'table' ? configuredTable(f, payload, config.timeFormat, ctx) : valueEntry(f.id, label, f.type, select(payload, f.path), config.timeFormat, ctx, f.currency);
    fields.add([e], ctx.where);
  }
  return meta;
}

function inferred(payload: unknown, fields: FieldCollector, warn: (m: string) => void): { meta: Meta; base: string } {
  const form = formBase(payload);
  if (!form) shape('$', 'expected a JSON object');
  for (const k of Object.keys(form.base)) {
    const ctx: Ctx = { warn, where: `"${clip(k)}"` };
    fields.add([inferEntry(k, own(form.base, k), ctx, false)], ctx.where);
  }
  return { meta: inferMeta(form.base, form.path), base: form.path };
}

const STATUSES = new Set<string>(['approved', 'rejected', 'running', 'withdrawn', 'deleted']);

/** Read from the raw (already validated) config by own keys, so a status text like "__proto__" stays a plain key. */
function statusMapOf(rawConfig: unknown): Map<string, InstanceStatus> {
  const raw = own(rawConfig, 'statusMap');
  const map = new Map<string, InstanceStatus>();
  if (typeof raw === 'object' && raw !== null) {
    for (const k of Object.keys(raw)) {
      const v = own(raw, k);
      if (typeof v === 'string' && STATUSES.has(v)) map.set(k, v as InstanceStatus);
    }
  }
  return map;
}

function parse(payload: unknown, options: ConnectorOptions | undefined, mode: Mode): Parsed {
  const rawConfig = options && typeof options === 'object' ? options.config : undefined;
  let config: GenericConfig | null = null;
  if (rawConfig !== undefined && rawConfig !== null) {
    const c = parseGenericConfig(rawConfig);
    if (!c.ok) shape(c.error.path, c.error.message);
    config = c.config;
  }
  const warnings = new Warnings();
  const warn = (m: string) => warnings.add(m);
  const fields = new FieldCollector(warnings);
  const { meta, base } = config ? { meta: fromConfig(payload, config, fields, warn), base: 'config' } : inferred(payload, fields, warn);
  // Where a missing record value should have been: the config setting, or the inferred form object's key.
  const missingAt = (k: MetaKey) => (config ? `config.${k}` : `${base}.${k}`);
  const text = (k: MetaKey) => (meta[k] ? textValue(meta[k].value) : null);

  let status: InstanceStatus = 'running';
  const rawStatus = text('status') ?? '';
  if (mode === 'record') {
    if (!meta.status) shape(missingAt('status'), config ? 'no status path: set config.status' : 'missing: no "status" or "state" key');
    if (meta.status.value === undefined || rawStatus === '') shape(meta.status.path, 'missing status');
    const map = statusMapOf(rawConfig);
    const s = statusOf(rawStatus, map);
    if (!s) shape(meta.status.path, `unknown status "${clip(rawStatus)}"${config ? '; add it to config.statusMap' : ''}`);
    status = s;
  }
  const time = (k: 'finishedAt' | 'submittedAt', required: boolean): string | null => {
    const m = meta[k];
    const t = parseTime(m?.value, config?.timeFormat);
    if (t.ok && t.iso) return t.iso;
    if (mode === 'record' && m && !t.ok && k === 'finishedAt') shape(m.path, `expected a time, got ${clip(safeJson(m.value))}`);
    if (m && !t.ok) warn(`${m.path}: not a time; ${k} left empty`);
    if (required && mode === 'record') shape(m?.path ?? missingAt(k), 'missing: a finished instance must say when it finished');
    return null;
  };
  const finishedAt = time('finishedAt', status !== 'running');
  const submittedAt = time('submittedAt', false);

  const instanceId = optionText(options, 'instanceId') ?? idText(meta.instanceId?.value) ?? '';
  const applicantId = idText(meta.applicantId?.value);
  const applicantName = text('applicantName');
  const deptId = idText(meta.departmentId?.value);
  const deptName = text('departmentName');
  const record: FormRecord = {
    oaSystem: 'generic',
    instanceId,
    templateCode: text('templateCode') ?? optionText(options, 'templateCode') ?? '',
    title: text('title') ?? '',
    status,
    rawStatus,
    applicant: applicantId ? { id: applicantId, ...(applicantName ? { name: applicantName } : {}) } : null,
    department: deptId || deptName ? { ...(deptId ? { id: deptId } : {}), ...(deptName ? { name: deptName } : {}) } : null,
    submittedAt,
    finishedAt,
    oaReference: text('oaReference') ?? instanceId,
    fields: fields.set.cells,
    warnings: warnings.done(),
  };
  return { record, order: fields.set.order, columns: fields.columns, required: fields.required, templateName: record.title };
}

export const genericConnector: Connector = {
  id: 'generic',
  label: { zh: '通用 JSON', en: 'Generic JSON' },
  normalize: (payload, options) => runNormalize(() => parse(payload, options, 'record')),
  inferTemplate: (payload, options) => runTemplate(() => parse(payload, options, 'template')),
};

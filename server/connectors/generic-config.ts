/** Configuration of the generic JSON connector: where, by JSON path, each record value and field lives. */
import { z } from 'zod';
import type { ShapeError } from './types';
import { parsePath } from './generic-path';

const FIELD_TYPES = [
  'text', 'number', 'money', 'date', 'datetime', 'option', 'options',
  'person', 'department', 'attachment', 'table', 'unknown',
] as const;
const STATUSES = ['approved', 'rejected', 'running', 'withdrawn', 'deleted'] as const;

const path = z.string().min(1).max(1000);
const labels = z.strictObject({ zh: z.string().max(200).optional(), en: z.string().max(200).optional() });
const id = z.string().min(1).max(200);
/** A money field's currency, ISO 4217 ("USD"); without it a generic money field is CNY. */
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 currency code such as "USD"').transform((c) => c.toUpperCase());

const ColumnSchema = z.strictObject({
  id,
  /** Relative to the row: `amount`, `$.amount` or `@.amount`. */
  path,
  type: z.enum(FIELD_TYPES).exclude(['table']),
  label: labels.optional(),
  currency: currency.optional(),
});

const FieldSchema = z.strictObject({
  id,
  /** A table's path selects its rows: `$.data.rows[*]`, or `$.data.rows` (the array itself). */
  path,
  type: z.enum(FIELD_TYPES),
  label: labels.optional(),
  currency: currency.optional(),
  /** Table columns; without them they are inferred from the rows' keys. */
  columns: z.array(ColumnSchema).max(500).optional(),
});

export const GenericConfigSchema = z
  .strictObject({
    instanceId: path.optional(),
    status: path.optional(),
    finishedAt: path.optional(),
    submittedAt: path.optional(),
    oaReference: path.optional(),
    title: path.optional(),
    templateCode: path.optional(),
    /** Beyond the record basics: who applied and for which department. */
    applicantId: path.optional(),
    applicantName: path.optional(),
    departmentId: path.optional(),
    departmentName: path.optional(),
    /** Raw status text → status; looked up exactly, then case-insensitively, before the built-in words. */
    statusMap: z.record(z.string(), z.enum(STATUSES)).optional(),
    /** How times are written; without it numbers are epoch seconds (< 1e11) or milliseconds, text is ISO. */
    timeFormat: z.enum(['iso', 'epoch-s', 'epoch-ms']).optional(),
    fields: z.array(FieldSchema).max(5000),
  })
  .superRefine((cfg, ctx) => {
    const meta = ['instanceId', 'status', 'finishedAt', 'submittedAt', 'oaReference', 'title', 'templateCode',
      'applicantId', 'applicantName', 'departmentId', 'departmentName'] as const;
    for (const k of meta) {
      const p = cfg[k];
      const r = p === undefined ? null : parsePath(p);
      if (r && !r.ok) ctx.addIssue({ code: 'custom', path: [k], message: r.message });
    }
    const seen = new Set<string>();
    cfg.fields.forEach((f, i) => {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: `duplicate field id "${f.id}"` });
      seen.add(f.id);
      const r = parsePath(f.path);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: ['fields', i, 'path'], message: r.message });
      if (f.currency && f.type !== 'money') {
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'currency'], message: 'only a money field has a currency' });
      }
      if (f.columns && f.type !== 'table') {
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'columns'], message: 'only a table has columns' });
      }
      const cols = new Set<string>();
      (f.columns ?? []).forEach((c, j) => {
        if (c.currency && c.type !== 'money') {
          ctx.addIssue({ code: 'custom', path: ['fields', i, 'columns', j, 'currency'], message: 'only a money column has a currency' });
        }
        if (cols.has(c.id)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'columns', j, 'id'], message: `duplicate column id "${c.id}"` });
        cols.add(c.id);
        const cr = parsePath(c.path, true);
        if (!cr.ok) ctx.addIssue({ code: 'custom', path: ['fields', i, 'columns', j, 'path'], message: cr.message });
      });
    });
  });

export type GenericConfig = z.infer<typeof GenericConfigSchema>;
export type GenericConfigInput = z.input<typeof GenericConfigSchema>;

/** Validates a config; the error's path names the offending setting (`config.fields[2].path`). */
export function parseGenericConfig(input: unknown): { ok: true; config: GenericConfig } | { ok: false; error: ShapeError } {
  let r: ReturnType<typeof GenericConfigSchema.safeParse>;
  try {
    r = GenericConfigSchema.safeParse(input);
  } catch {
    return { ok: false, error: { kind: 'shape', path: 'config', message: 'config could not be read' } };
  }
  if (r.success) return { ok: true, config: r.data };
  const issue = r.error.issues[0];
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return { ok: false, error: { kind: 'shape', path: `config${where}`, message: `invalid generic config: ${issue.message}` } };
}

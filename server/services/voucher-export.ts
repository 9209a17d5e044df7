import { and, asc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { deliveries, mappings, mappingVersions, runs } from '../../db/schema';
import { parseTargetOptions } from '../ledgers';
import { actedBy, appendAudit, type ActingParty } from './audit';
import { NotFoundError, ValidationError } from './errors';
import { voucherRows, type ExportedRun, type StoredVoucher } from './voucher-export-rows';
import { writeCsv, writeKingdeeArray, writeU8File } from './voucher-export-files';
import { writeXlsx } from './voucher-export-xlsx';

/**
 * Issue 10, point 4: for teams that import by file, a period's vouchers as CSV, XLSX, Kingdee JSON or U8 XML.
 *
 * The period is on the voucher date (the voucher header's date: the China-time business date the mapping gave it),
 * not on when the run happened: a claim approved at 00:30 Beijing time on 1 April is an April voucher although the
 * run's UTC timestamp says 31 March. Only `ok` runs export — they hold the voucher that was (or is being) booked.
 * CSV and XLSX take every voucher (one row per entry line); Kingdee JSON and U8 XML carry the stored documents of
 * runs whose mapping version wrote that format, and count the others as skipped.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx', 'kingdee', 'u8'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The ledger document format a file format carries; null for the flat formats, which take every voucher. */
const DOCUMENT_FORMAT: Record<ExportFormat, string | null> = { csv: null, xlsx: null, kingdee: 'kingdee-gl-voucher', u8: 'u8-voucher-xml' };

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  kingdee: 'application/json; charset=utf-8',
  u8: 'application/xml; charset=utf-8',
};
const FILE_SUFFIX: Record<ExportFormat, string> = { csv: '.csv', xlsx: '.xlsx', kingdee: '-kingdee.json', u8: '-u8.xml' };

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const businessDate = (what: string) =>
  z
    .string({ error: `${what} is required (YYYY-MM-DD)` })
    .refine(isCalendarDate, { error: (issue) => `${what} "${String(issue.input)}" is not a calendar date YYYY-MM-DD` });

export const VoucherExportInput = z
  .object({
    from: businessDate('from'),
    to: businessDate('to'),
    format: z.enum(EXPORT_FORMATS, {
      error: (i) =>
        i.input === undefined
          ? `format is required: one of ${EXPORT_FORMATS.join(', ')}`
          : `format must be one of ${EXPORT_FORMATS.join(', ')}; got ${JSON.stringify(i.input)}`,
    }),
    mapping: z.string().trim().min(1).max(200).optional(),
  })
  .refine((v) => v.from <= v.to, {
    path: ['to'],
    error: (issue) => {
      const v = issue.input as { from: string; to: string };
      return `the period ends (to ${v.to}) before it starts (from ${v.from})`;
    },
  });
export type VoucherExportInput = z.input<typeof VoucherExportInput>;

export interface VoucherExport {
  fileName: string;
  contentType: string;
  /** A Buffer for XLSX; text (UTF-8) for the others. */
  body: Buffer | string;
  /** Vouchers in the file. */
  count: number;
  /** Entry lines in the file (CSV and XLSX rows; every line of the documents otherwise). */
  lines: number;
  /** `ok` runs of the period left out because their mapping writes another document format, by that format. */
  skipped: { count: number; byFormat: Record<string, number> };
}

/** The message ValidationError carries for the first problem, without the "voucher export:" path noise. */
function parseExportInput(raw: unknown): z.infer<typeof VoucherExportInput> {
  const r = VoucherExportInput.safeParse(raw);
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues[0]?.message ?? 'invalid voucher export', r.error.issues.slice(0, 20));
}

const voucherDate = sql<string>`json_extract(${runs.voucherJson}, '$.header.date')`;

/** Each (mapping, version)'s document format and parsed settings, read once per export. */
function versionFacts(db: Db, pairs: { mappingId: number; version: number | null }[]) {
  const facts = new Map<string, { format: string; options: Record<string, unknown> }>();
  const ids = [...new Set(pairs.map((p) => p.mappingId))];
  if (ids.length === 0) return facts;
  const rows = db
    .select({ mappingId: mappingVersions.mappingId, version: mappingVersions.version, specJson: mappingVersions.specJson })
    .from(mappingVersions)
    .where(inArray(mappingVersions.mappingId, ids))
    .all();
  const wanted = new Set(pairs.map((p) => `${p.mappingId}:${p.version}`));
  for (const row of rows) {
    const key = `${row.mappingId}:${row.version}`;
    if (!wanted.has(key)) continue;
    // Only the target section is read: its options hold no amounts, so a plain parse loses nothing.
    const target = (JSON.parse(row.specJson) as { target?: { format?: string; options?: unknown } }).target ?? {};
    const format = target.format ?? '';
    const parsed = parseTargetOptions(format, target.options);
    facts.set(key, { format, options: parsed.ok ? (parsed.options as Record<string, unknown>) : {} });
  }
  return facts;
}

function deliveriesByRun(db: Db, runIds: number[]): Map<number, ExportedRun['deliveries']> {
  const out = new Map<number, ExportedRun['deliveries']>();
  // In slices: SQLite limits the variables of one statement.
  for (let i = 0; i < runIds.length; i += 500) {
    const rows = db
      .select({ runId: deliveries.runId, status: deliveries.status, voucherNumber: deliveries.voucherNumber })
      .from(deliveries)
      .where(inArray(deliveries.runId, runIds.slice(i, i + 500)))
      .orderBy(asc(deliveries.id))
      .all();
    for (const { runId, ...d } of rows) out.set(runId, [...(out.get(runId) ?? []), d]);
  }
  return out;
}

/** The `ok` runs whose voucher date lies in [from, to], oldest voucher date first, then in run order. */
export function exportedRuns(db: Db, input: { from: string; to: string; mapping?: string }): ExportedRun[] {
  const where: SQL[] = [eq(runs.status, 'ok'), isNotNull(runs.voucherJson), gte(voucherDate, input.from), lte(voucherDate, input.to)];
  if (input.mapping) {
    if (!db.select({ id: mappings.id }).from(mappings).where(eq(mappings.name, input.mapping)).get())
      throw new NotFoundError(`there is no mapping "${input.mapping}"`);
    where.push(eq(mappings.name, input.mapping));
  }
  const rows = db
    .select({
      runId: runs.id,
      mappingId: runs.mappingId,
      mapping: mappings.name,
      mappingFormat: mappings.targetFormat,
      version: runs.version,
      oaReference: runs.oaReference,
      voucherJson: runs.voucherJson,
      documentText: runs.documentText,
    })
    .from(runs)
    .innerJoin(mappings, eq(mappings.id, runs.mappingId))
    .where(and(...where))
    .orderBy(asc(voucherDate), asc(runs.id))
    .all();
  const facts = versionFacts(db, rows);
  const delivered = deliveriesByRun(db, rows.map((r) => r.runId));
  return rows.map((r) => {
    const fact = facts.get(`${r.mappingId}:${r.version}`);
    return {
      runId: r.runId,
      mapping: r.mapping,
      version: r.version,
      // A run always records its version; the mapping's current format is only the fallback for a row without one.
      format: fact?.format || r.mappingFormat,
      oaReference: r.oaReference,
      voucher: JSON.parse(r.voucherJson!) as StoredVoucher,
      documentText: r.documentText,
      options: fact?.options ?? {},
      deliveries: delivered.get(r.runId) ?? [],
    };
  });
}

function fileNameOf(input: z.infer<typeof VoucherExportInput>): string {
  // Mapping names are free text: only a safe ASCII rendering goes into a header and a file name.
  const mapping = input.mapping ? `-${input.mapping.replace(/[^A-Za-z0-9._-]+/g, '_')}` : '';
  return `vouchers${mapping}-${input.from}_${input.to}${FILE_SUFFIX[input.format]}`;
}

/**
 * Builds the export file. With `auditAs`, the export is recorded in the audit trail (action `vouchers.export`):
 * who took which period's vouchers out, in which format, and how many.
 */
export async function exportVouchers(db: Db, raw: VoucherExportInput, auditAs?: ActingParty): Promise<VoucherExport> {
  const input = parseExportInput(raw);
  const all = exportedRuns(db, input);
  const wanted = DOCUMENT_FORMAT[input.format];
  const fitting = wanted === null ? all : all.filter((r) => r.format === wanted && r.documentText !== null);
  const byFormat: Record<string, number> = {};
  for (const r of all) if (!fitting.includes(r)) byFormat[r.format] = (byFormat[r.format] ?? 0) + 1;
  const skipped = { count: all.length - fitting.length, byFormat };

  let body: Buffer | string;
  if (input.format === 'csv' || input.format === 'xlsx') {
    const rows = fitting.flatMap(voucherRows);
    body = input.format === 'csv' ? writeCsv(rows) : await writeXlsx(rows);
  } else if (input.format === 'kingdee') {
    body = writeKingdeeArray(fitting.map((r) => r.documentText!));
  } else {
    body = writeU8File(fitting.map((r) => ({ runId: r.runId, mapping: r.mapping, text: r.documentText! })));
  }
  const result: VoucherExport = {
    fileName: fileNameOf(input),
    contentType: CONTENT_TYPE[input.format],
    body,
    count: fitting.length,
    lines: fitting.reduce((n, r) => n + r.voucher.lines.length, 0),
    skipped,
  };
  if (auditAs) {
    appendAudit(db, {
      ...actedBy(auditAs),
      action: 'vouchers.export',
      objectType: 'voucher_export',
      objectId: `${input.from}..${input.to}`,
      after: { ...input, mapping: input.mapping ?? null, fileName: result.fileName, count: result.count, lines: result.lines, skipped, runs: fitting.map((r) => r.runId) },
    });
  }
  return result;
}

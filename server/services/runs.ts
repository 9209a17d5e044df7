import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { connectors, deliveries, deliveryAttempts, financeTargets, inboundEvents, mappings, runs } from '../../db/schema';
import type { OutcomeProblem } from '../pipeline/outcome-problems';
import { NotFoundError, parseInput } from './errors';
import type { RunStatus } from './live-run';

export const RUN_STATUSES = ['ok', 'skipped', 'error', 'duplicate', 'dead'] as const;

export const RunListInput = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  mapping: z.string().min(1).max(200).optional(),
  connector: z.string().min(1).max(64).optional(),
  /** an OA reference, instance id or voucher number: finds the run whichever side you start from */
  reference: z.string().trim().min(1).max(200).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  beforeId: z.number().int().positive().optional(),
});
export type RunListInput = z.input<typeof RunListInput>;

export interface DeliverySummary {
  target: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  voucherNumber: string | null;
}

/** One run as `ledgerlink runs list --json` prints it and the runs page lists it. */
export interface RunSummary {
  id: number;
  mapping: string;
  version: number | null;
  connector: string;
  messageId: string;
  instanceId: string | null;
  oaReference: string | null;
  status: RunStatus;
  errors: Pick<OutcomeProblem, 'field' | 'row' | 'value' | 'message'>[];
  deliveries: DeliverySummary[];
  createdAt: string;
  replayOf: number | null;
}

export interface DeliveryDetail extends DeliverySummary {
  id: number;
  lastError: string | null;
  deliveredAt: string | null;
  attemptLog: { at: string; outcome: string; httpStatus: number | null; responseText: string | null; error: string | null; durationMs: number }[];
}

export interface RunDetail extends Omit<RunSummary, 'deliveries'> {
  approvedAt: string | null;
  tableRevisions: Record<string, number>;
  payloadText: string | null;
  eventBody: string;
  record: unknown;
  voucher: unknown;
  document: string | null;
  documentType: string | null;
  trace: unknown;
  timings: Record<string, number>;
  deliveries: DeliveryDetail[];
}

const columns = {
  id: runs.id,
  mapping: mappings.name,
  version: runs.version,
  connector: connectors.name,
  messageId: inboundEvents.messageId,
  instanceId: runs.instanceId,
  oaReference: runs.oaReference,
  status: runs.status,
  errorsJson: runs.errorsJson,
  createdAt: runs.createdAt,
  replayOf: runs.replayOf,
};

function baseQuery(db: Db) {
  return db
    .select(columns)
    .from(runs)
    .innerJoin(mappings, eq(mappings.id, runs.mappingId))
    .innerJoin(inboundEvents, eq(inboundEvents.id, runs.eventId))
    .innerJoin(connectors, eq(connectors.id, inboundEvents.connectorId));
}

function deliveriesOf(db: Db, runIds: number[]): Map<number, (DeliverySummary & { id: number; lastError: string | null; deliveredAt: string | null })[]> {
  const out = new Map<number, (DeliverySummary & { id: number; lastError: string | null; deliveredAt: string | null })[]>();
  if (runIds.length === 0) return out;
  const rows = db
    .select({
      id: deliveries.id,
      runId: deliveries.runId,
      target: financeTargets.name,
      status: deliveries.status,
      attempts: deliveries.attempts,
      voucherNumber: deliveries.voucherNumber,
      lastError: deliveries.lastError,
      deliveredAt: deliveries.deliveredAt,
    })
    .from(deliveries)
    .innerJoin(financeTargets, eq(financeTargets.id, deliveries.targetId))
    .where(inArray(deliveries.runId, runIds))
    .all();
  for (const { runId, ...d } of rows) {
    const list = out.get(runId) ?? [];
    list.push({ ...d, status: d.status as DeliverySummary['status'] });
    out.set(runId, list);
  }
  return out;
}

function problems(json: string): RunSummary['errors'] {
  return (JSON.parse(json) as OutcomeProblem[]).map(({ field, row, value, message }) => ({ field, row, value: value ?? null, message }));
}

export function listRuns(db: Db, raw: RunListInput = {}): RunSummary[] {
  const input = parseInput(RunListInput, raw, 'run filter');
  const where: SQL[] = [];
  if (input.status) where.push(eq(runs.status, input.status));
  if (input.mapping) where.push(eq(mappings.name, input.mapping));
  if (input.connector) where.push(eq(connectors.name, input.connector));
  if (input.from) where.push(gte(runs.createdAt, new Date(input.from).toISOString()));
  if (input.to) where.push(lte(runs.createdAt, new Date(input.to).toISOString()));
  if (input.beforeId) where.push(sql`${runs.id} < ${input.beforeId}`);
  if (input.reference) {
    const ref = input.reference;
    where.push(
      or(
        eq(runs.oaReference, ref),
        eq(runs.instanceId, ref),
        eq(inboundEvents.messageId, ref),
        sql`${runs.id} IN (SELECT run_id FROM deliveries WHERE voucher_number = ${ref})`,
      )!,
    );
  }
  const rows = baseQuery(db)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(runs.id))
    .limit(input.limit)
    .all();
  const delivered = deliveriesOf(db, rows.map((r) => r.id));
  return rows.map(({ errorsJson, ...r }) => ({
    ...r,
    status: r.status as RunStatus,
    errors: problems(errorsJson),
    deliveries: (delivered.get(r.id) ?? []).map(({ target, status, attempts, voucherNumber }) => ({ target, status, attempts, voucherNumber })),
  }));
}

export function getRun(db: Db, id: number): RunDetail {
  const head = baseQuery(db).where(eq(runs.id, id)).get();
  if (!head) throw new NotFoundError(`there is no run ${id}`);
  const row = db.select().from(runs).where(eq(runs.id, id)).get()!;
  const event = db.select({ bodyText: inboundEvents.bodyText }).from(inboundEvents).where(eq(inboundEvents.id, row.eventId)).get()!;
  const delivered = deliveriesOf(db, [id]).get(id) ?? [];
  const attempts = delivered.length
    ? db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, delivered.map((d) => d.id))).orderBy(deliveryAttempts.id).all()
    : [];
  const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));
  return {
    ...head,
    status: head.status as RunStatus,
    errors: problems(head.errorsJson),
    approvedAt: row.approvedAt,
    tableRevisions: JSON.parse(row.tableRevisionsJson) as Record<string, number>,
    payloadText: row.payloadText,
    eventBody: event.bodyText,
    record: parse(row.recordJson),
    voucher: parse(row.voucherJson),
    document: row.documentText,
    documentType: row.documentType,
    trace: parse(row.traceJson),
    timings: JSON.parse(row.timingsJson) as Record<string, number>,
    deliveries: delivered.map((d) => ({
      ...d,
      attemptLog: attempts
        .filter((a) => a.deliveryId === d.id)
        .map(({ at, outcome, httpStatus, responseText, error, durationMs }) => ({ at, outcome, httpStatus, responseText, error, durationMs })),
    })),
  };
}

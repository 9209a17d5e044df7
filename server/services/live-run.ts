import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { connectors, deliveries, inboundEvents, lookupTables, mappings, mappingTargets, runs } from '../../db/schema';
import { getConnector, parseJsonPayload } from '../connectors';
import type { FormRecord, MappingSpec } from '../engine';
import { outcomeProblems, type OutcomeProblem } from '../pipeline/outcome-problems';
import { tablesOf, type RunOutcome } from '../pipeline/run';
import { liveConnector, type LiveConnector } from './connectors';
import { DELIVER_VOUCHER, liveQueue } from './live-queue';
import { runMapping } from './run-mapping';
import { versionInForce } from './version-store';

export type RunStatus = 'ok' | 'skipped' | 'error' | 'duplicate' | 'dead';

/** What a run stores besides its status: everything the runs page shows and a replay needs. */
interface RunFacts {
  eventId: number;
  mappingId: number;
  version: number | null;
  status: RunStatus;
  instanceId: string | null;
  oaReference: string | null;
  approvedAt: string | null;
  tableRevisions: Record<string, number>;
  payloadText: string | null;
  outcome?: RunOutcome;
  errors: OutcomeProblem[];
  timings: Record<string, number>;
  replayOf: number | null;
}

/** The instance body a run reads: the event's own body for a webhook, the vendor's instance for a callback. */
export type InstanceSource = (connector: LiveConnector, event: typeof inboundEvents.$inferSelect) => Promise<
  { ok: true; bodyText: string } | { ok: false; retryable: boolean; message: string }
>;

export class RetryableRunFailure extends Error {}

function tableRevisions(db: Db, spec: MappingSpec): Record<string, number> {
  const names = [...new Set(tablesOf(spec))];
  if (names.length === 0) return {};
  const rows = db.select({ name: lookupTables.name, revision: lookupTables.revision }).from(lookupTables).where(inArray(lookupTables.name, names)).all();
  return Object.fromEntries(rows.map((r) => [r.name, r.revision]));
}

function recordOf(outcome: RunOutcome): FormRecord | null {
  return 'record' in outcome ? outcome.record : null;
}

/**
 * Stores a run; one that produced a voucher also gets its outbox row and delivery job in the same transaction.
 * The database refuses a second `ok` run for the same mapping and instance (a partial unique index): the loser of
 * such a race is stored as `duplicate` and delivers nothing.
 */
export function storeRun(db: Db, facts: RunFacts): { runId: number; status: RunStatus } {
  const outcome = facts.outcome;
  const record = outcome ? recordOf(outcome) : null;
  const ok = outcome?.kind === 'ok' ? outcome : null;
  const values = {
    eventId: facts.eventId,
    mappingId: facts.mappingId,
    version: facts.version,
    status: facts.status,
    instanceId: facts.instanceId ?? record?.instanceId ?? null,
    oaReference: facts.oaReference ?? record?.oaReference ?? null,
    approvedAt: facts.approvedAt,
    tableRevisionsJson: JSON.stringify(facts.tableRevisions),
    payloadText: facts.payloadText,
    recordJson: record ? JSON.stringify(record) : null,
    voucherJson: outcome && 'result' in outcome && outcome.result.output ? JSON.stringify(outcome.result.output) : null,
    documentText: ok?.document ?? null,
    documentType: ok?.contentType ?? null,
    traceJson: outcome && 'result' in outcome ? JSON.stringify(outcome.result.trace) : null,
    errorsJson: JSON.stringify(facts.errors),
    timingsJson: JSON.stringify(facts.timings),
    replayOf: facts.replayOf,
  };
  const insert = () =>
    db.transaction((tx) => {
      const run = tx.insert(runs).values(values).returning({ id: runs.id }).get();
      if (values.status === 'ok') {
        const target = tx.select().from(mappingTargets).where(eq(mappingTargets.mappingId, facts.mappingId)).get();
        if (target) {
          const delivery = tx
            .insert(deliveries)
            .values({ runId: run.id, targetId: target.targetId, idempotencyKey: `ll-run-${run.id}` })
            .returning({ id: deliveries.id })
            .get();
          liveQueue(db).enqueue(tx, DELIVER_VOUCHER, { deliveryId: delivery.id });
        }
      }
      return { runId: run.id, status: values.status };
    });
  try {
    return insert();
  } catch (e) {
    if (values.status !== 'ok' || !/UNIQUE constraint failed: runs\./.test((e as Error).message)) throw e;
    values.status = 'duplicate';
    values.documentText = null;
    return insert();
  }
}

function voucherRunOf(db: Db, mappingId: number, instanceId: string) {
  return db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.mappingId, mappingId), eq(runs.instanceId, instanceId), eq(runs.status, 'ok')))
    .get();
}

/** Normalises the body once to learn which form template and instance it is, for picking the mappings. */
function identify(connector: LiveConnector, bodyText: string, instanceId: string | null) {
  const parsed = parseJsonPayload(bodyText);
  if (!parsed.ok) return null;
  const r = getConnector(connector.format).normalize(parsed.value, {
    templateCode: connector.templateCode ?? undefined,
    ...(instanceId ? { instanceId } : {}),
  });
  return r.ok ? r.record : null;
}

/**
 * Runs one event: every mapping of the connector's format and the instance's form template whose version in
 * force at the instance's approval time exists gets a run. Idempotent per event and mapping, so a job retried
 * after a crash adds nothing for the mappings already run.
 */
export async function processEvent(
  db: Db,
  eventId: number,
  fetchInstance: InstanceSource,
  options: { replayOf?: number; onlyMappingId?: number; finalAttempt?: boolean; now?: () => number } = {},
): Promise<{ runIds: number[] }> {
  const now = options.now ?? Date.now;
  const started = now();
  const event = db.select().from(inboundEvents).where(eq(inboundEvents.id, eventId)).get();
  if (!event || event.status !== 'accepted') return { runIds: [] };
  const connectorRow = db.select({ name: connectors.name }).from(connectors).where(eq(connectors.id, event.connectorId)).get();
  const connector = connectorRow ? liveConnector(db, connectorRow.name) : null;
  if (!connector) return { runIds: [] };

  const fetched = await fetchInstance(connector, event);
  // Retried while attempts remain; the last attempt records the runs as dead instead, so they can be replayed.
  if (!fetched.ok && fetched.retryable && !options.finalAttempt) throw new RetryableRunFailure(fetched.message);
  const bodyText = fetched.ok ? fetched.bodyText : null;
  const record = bodyText === null ? null : identify(connector, bodyText, event.instanceId);
  const instanceId = record?.instanceId ?? event.instanceId;

  const candidates = db.select().from(mappings).where(eq(mappings.sourceConnector, connector.format)).all();
  const runIds: number[] = [];
  for (const mapping of candidates) {
    if (options.onlyMappingId !== undefined && mapping.id !== options.onlyMappingId) continue;
    if (options.replayOf === undefined) {
      const done = db
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.eventId, event.id), eq(runs.mappingId, mapping.id), isNull(runs.replayOf)))
        .get();
      if (done) continue;
    }
    // The approval time in the OA system picks the version; an instance without one is judged at its receipt.
    const approvedAt = record?.finishedAt ?? event.receivedAt;
    const inForce = versionInForce(db, mapping.name, new Date(approvedAt));
    const templateOfVersion = inForce?.spec.source.templateCode || mapping.templateCode;
    if (record && templateOfVersion && record.templateCode && record.templateCode !== templateOfVersion) continue;
    const base = {
      eventId: event.id,
      mappingId: mapping.id,
      instanceId,
      oaReference: record?.oaReference ?? null,
      approvedAt,
      payloadText: bodyText,
      replayOf: options.replayOf ?? null,
    };
    // Only a mapping with a version in force for this instance runs it: a draft nobody published is no rule yet.
    if (!inForce) continue;
    if (!fetched.ok) {
      const errors = [{ field: null, row: null, value: event.instanceId, message: fetched.message, code: 'instance_fetch' }];
      const status: RunStatus = fetched.retryable ? 'dead' : 'error';
      runIds.push(storeRun(db, { ...base, version: inForce.version, status, tableRevisions: {}, errors, timings: { totalMs: now() - started } }).runId);
      continue;
    }
    if (instanceId && voucherRunOf(db, mapping.id, instanceId)) {
      runIds.push(storeRun(db, { ...base, version: inForce.version, status: 'duplicate', tableRevisions: {}, errors: [], timings: { totalMs: now() - started } }).runId);
      continue;
    }
    const revisions = tableRevisions(db, inForce.spec);
    const pipelineStarted = now();
    // A webhook body is the whole instance and runs exactly as `ledgerlink map` runs it; a vendor callback's
    // instance id (from the signed event) wins over whatever the fetched body says.
    const instance = connector.kind === 'webhook' || !event.instanceId ? undefined : { instanceId: event.instanceId };
    const outcome = await runMapping(db, inForce.spec, bodyText!, instance);
    const status: RunStatus = outcome.kind === 'ok' ? 'ok' : outcome.kind === 'skipped' ? 'skipped' : 'error';
    const errors =
      outcome.kind === 'skipped' ? [{ field: null, row: null, value: null, message: outcome.reason, code: 'skipped' }] : outcomeProblems(outcome);
    const timings = { pipelineMs: now() - pipelineStarted, totalMs: now() - started, queuedMs: Math.max(0, started - Date.parse(event.receivedAt)) };
    runIds.push(storeRun(db, { ...base, version: inForce.version, status, tableRevisions: revisions, outcome, errors, timings }).runId);
  }
  const anyRun = db.select({ id: runs.id }).from(runs).where(eq(runs.eventId, event.id)).get();
  if (!anyRun && options.replayOf === undefined) {
    // Nothing ran it: say why on the event, where whoever looks for the claim will find it.
    const why = record
      ? `no mapping of ${connector.format} form template "${record.templateCode}" had a version in force at ${record.finishedAt ?? event.receivedAt}`
      : 'no mapping of this connector had a version in force';
    db.update(inboundEvents).set({ reason: why }).where(eq(inboundEvents.id, event.id)).run();
  }
  return { runIds };
}

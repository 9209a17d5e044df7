import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { deliveries, runs } from '../../db/schema';
import { actedBy, appendAudit, type ActingParty } from './audit';
import { reopenDelivery } from './deliveries';
import { ValidationError, parseInput } from './errors';
import { liveInstanceSource } from './live-instances';
import { processEvent } from './live-run';
import { DELIVER_VOUCHER, liveQueue } from './live-queue';

export const ReplayRunsInput = z
  .object({
    ids: z.array(z.number().int().positive()).max(1000).optional(),
    /** every run of this status (error or dead) not replayed yet */
    status: z.enum(['error', 'dead']).optional(),
  })
  .refine((v) => (v.ids?.length ?? 0) > 0 || v.status, 'name the runs to replay, or a status');
export type ReplayRunsInput = z.input<typeof ReplayRunsInput>;

export interface ReplayResult {
  replayed: { run: number; newRun?: number; status: string; delivery?: 'reopened' }[];
  refused: { run: number; reason: string }[];
}

/**
 * Replays failed runs: an error, skipped or dead run runs its event again under the version in force for that
 * instance now (a fixed version published since applies), and a voucher whose delivery died is put back in the
 * outbox under the same idempotency key. A replay never books a second voucher: the one-voucher rule of a
 * live run holds for replays too.
 */
export async function replayRuns(db: Db, actor: ActingParty, raw: ReplayRunsInput): Promise<ReplayResult> {
  const input = parseInput(ReplayRunsInput, raw, 'replay');
  const chosen = input.ids?.length
    ? db.select().from(runs).where(inArray(runs.id, input.ids)).all()
    : db.select().from(runs).where(eq(runs.status, input.status!)).all();
  if (input.ids?.length) {
    const missing = input.ids.filter((id) => !chosen.some((r) => r.id === id));
    if (missing.length) throw new ValidationError(`there is no run ${missing.join(', ')}`);
  }
  const replayedAlready = new Set(
    db.select({ of: runs.replayOf }).from(runs).where(inArray(runs.replayOf, chosen.map((r) => r.id))).all().map((r) => r.of),
  );
  const result: ReplayResult = { replayed: [], refused: [] };
  for (const run of chosen) {
    if (run.status === 'ok') {
      const dead = db.select().from(deliveries).where(and(eq(deliveries.runId, run.id), eq(deliveries.status, 'dead'))).all();
      if (dead.length === 0) {
        result.refused.push({ run: run.id, reason: 'it produced its voucher and no delivery of it is dead' });
        continue;
      }
      for (const d of dead)
        db.transaction((tx) => {
          if (reopenDelivery(tx, d.id)) liveQueue(db).enqueue(tx, DELIVER_VOUCHER, { deliveryId: d.id });
        });
      result.replayed.push({ run: run.id, status: 'ok', delivery: 'reopened' });
      continue;
    }
    if (run.status === 'duplicate') {
      result.refused.push({ run: run.id, reason: 'its instance already has a voucher under this mapping' });
      continue;
    }
    if (!input.ids?.length && replayedAlready.has(run.id)) continue;
    const { runIds } = await processEvent(db, run.eventId, liveInstanceSource(db), { replayOf: run.id, onlyMappingId: run.mappingId });
    const newRun = runIds[0];
    const status = newRun ? db.select({ status: runs.status }).from(runs).where(eq(runs.id, newRun)).get()?.status ?? 'error' : 'skipped';
    result.replayed.push({ run: run.id, newRun, status });
  }
  appendAudit(db, { ...actedBy(actor), action: 'runs.replay', objectType: 'run', objectId: chosen.map((r) => r.id).join(',').slice(0, 500), after: result });
  return result;
}

import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { deliveries, deliveryAttempts, runs } from '../../db/schema';
import type { DeliveryAttemptResult, FinanceClient } from '../clients/finance/types';
import { financeClientFor } from './finance-clients';
import type { DbOrTx } from './audit';
import { liveTarget, type LiveTarget } from './finance-targets';

/** What the job runner tells a delivery about its attempt. */
export interface AttemptContext {
  attempt: number;
  maxAttempts: number;
}

/** How one delivery attempt ended, for the job that carried it. */
export type DeliveryStep =
  | { step: 'done'; status: 'delivered' | 'dead' | 'not_pending' }
  | { step: 'retry'; message: string; retryAfterMs?: number };

const cut = (text: string | undefined, max: number) => (text === undefined ? null : text.slice(0, max));

/**
 * One attempt of one outbox row: send, keep the reply, and say whether to try again. A delivery whose outcome
 * was unknown (sent, then the line dropped) is marked so, and its next attempt asks the finance system first.
 */
export async function deliverOnce(
  db: Db,
  deliveryId: number,
  ctx: AttemptContext,
  clientFor: (target: LiveTarget) => FinanceClient = financeClientFor,
): Promise<DeliveryStep> {
  const delivery = db.select().from(deliveries).where(eq(deliveries.id, deliveryId)).get();
  if (!delivery || delivery.status !== 'pending') return { step: 'done', status: 'not_pending' };
  const run = db.select().from(runs).where(eq(runs.id, delivery.runId)).get();
  const target = liveTarget(db, delivery.targetId);
  // A send that started and never recorded its outcome (the process was killed mid-request) may have committed.
  const outcomeUnknown = delivery.outcomeUnknown || delivery.sendStartedAt !== null;
  let result: DeliveryAttemptResult;
  if (!run?.documentText || !target) {
    result = { outcome: 'dead', error: !target ? 'the finance system was removed' : 'the run has no voucher document', durationMs: 0 };
  } else {
    db.update(deliveries).set({ sendStartedAt: new Date().toISOString(), outcomeUnknown }).where(eq(deliveries.id, deliveryId)).run();
    try {
      result = await clientFor(target).deliver({
        documentText: run.documentText,
        contentType: run.documentType?.startsWith('application/xml') ? 'application/xml' : 'application/json',
        idempotencyKey: delivery.idempotencyKey,
        oaReference: run.oaReference ?? '',
        outcomeUnknown,
      });
    } catch (error) {
      // A client fault is ours, not the finance system's: retried like a passing failure, its cause kept.
      result = { outcome: 'retry', error: `the delivery failed before an answer: ${(error as Error).message}`, durationMs: 0 };
    }
  }
  const last = ctx.attempt >= ctx.maxAttempts;
  const settled =
    result.outcome === 'delivered' ? 'delivered' : result.outcome === 'dead' || last ? 'dead' : 'pending';
  const error = result.error ?? (result.httpStatus ? `HTTP ${result.httpStatus}` : null);
  db.transaction((tx) => {
    tx.insert(deliveryAttempts)
      .values({
        deliveryId,
        at: new Date().toISOString(),
        outcome: result.outcome,
        httpStatus: result.httpStatus ?? null,
        responseText: cut(result.responseText, 64 * 1024),
        error: cut(error ?? undefined, 4000),
        durationMs: Math.round(result.durationMs),
      })
      .run();
    tx.update(deliveries)
      .set({
        status: settled,
        attempts: sql`${deliveries.attempts} + 1`,
        // Once unknown, stays unknown until the finance system answers for it: only then do we know.
        outcomeUnknown: result.outcome === 'unknown' ? true : result.outcome === 'delivered' ? false : outcomeUnknown,
        sendStartedAt: null,
        voucherNumber: result.voucherNumber ?? delivery.voucherNumber,
        lastError: settled === 'delivered' ? null : cut(error ?? result.outcome, 4000),
        deliveredAt: settled === 'delivered' ? new Date().toISOString() : null,
      })
      .where(eq(deliveries.id, deliveryId))
      .run();
  });
  if (settled !== 'pending') return { step: 'done', status: settled };
  return { step: 'retry', message: error ?? result.outcome, retryAfterMs: result.retryAfterMs };
}

/** Puts a dead delivery back in the outbox (a replay after the finance system was fixed); the key stays the same. */
export function reopenDelivery(db: DbOrTx, deliveryId: number): boolean {
  const r = db.update(deliveries).set({ status: 'pending', lastError: null }).where(sql`${deliveries.id} = ${deliveryId} AND ${deliveries.status} = 'dead'`).run();
  return r.changes === 1;
}

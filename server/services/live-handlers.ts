import type { Db } from '../../db/client';
import { RetryLater, type JobHandler } from '../worker/runner';
import { deliverOnce } from './deliveries';
import { liveInstanceSource } from './live-instances';
import { DELIVER_VOUCHER, PROCESS_EVENT } from './live-queue';
import { processEvent, RetryableRunFailure } from './live-run';

function idOf(payload: unknown, key: string): number {
  const id = (payload as Record<string, unknown> | null)?.[key];
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new Error(`the job names no ${key}`);
  return id;
}

/**
 * The worker's jobs: an event becomes runs (and outbox rows), an outbox row becomes a delivery. A failure that may
 * pass (the OA vendor or finance system is down) is retried with backoff; on the last attempt a run or delivery
 * records `dead` itself, so the runs page says so rather than leaving it pending.
 */
export function liveHandlers(db: Db): Record<string, JobHandler> {
  return {
    [PROCESS_EVENT]: async (payload, ctx) => {
      const eventId = idOf(payload, 'eventId');
      const final = ctx.attempt >= ctx.maxAttempts;
      try {
        await processEvent(db, eventId, liveInstanceSource(db), { finalAttempt: final });
      } catch (error) {
        if (!final) throw error instanceof RetryableRunFailure ? new RetryLater(error.message) : error;
        // The last attempt failed for a reason of ours: the event's runs say `dead` with that reason, so the runs page
        // shows it and a replay can take it up, instead of a job buried where nobody looks.
        const message = `processing failed ${ctx.attempt} times; last: ${(error as Error).message}`;
        await processEvent(db, eventId, async () => ({ ok: false, retryable: true, message }), { finalAttempt: true });
      }
    },
    [DELIVER_VOUCHER]: async (payload, ctx) => {
      const step = await deliverOnce(db, idOf(payload, 'deliveryId'), ctx);
      if (step.step === 'retry') throw new RetryLater(step.message, step.retryAfterMs);
    },
  };
}

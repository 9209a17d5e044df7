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
        if (error instanceof RetryableRunFailure) throw new RetryLater(error.message);
        throw error;
      }
    },
    [DELIVER_VOUCHER]: async (payload, ctx) => {
      const step = await deliverOnce(db, idOf(payload, 'deliveryId'), ctx);
      if (step.step === 'retry') throw new RetryLater(step.message, step.retryAfterMs);
    },
  };
}

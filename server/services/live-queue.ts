import type { Db } from '../../db/client';
import { SqliteJobQueue } from '../jobs/sqlite-job-queue';

/** Turns a stored event into runs (and their outbox rows). */
export const PROCESS_EVENT = 'process-event';
/** Sends one outbox row to its finance system. */
export const DELIVER_VOUCHER = 'deliver-voucher';
export const LIVE_QUEUES = [PROCESS_EVENT, DELIVER_VOUCHER] as const;

const queues = new WeakMap<Db, SqliteJobQueue>();

/** The job queue on the application's database (one per connection, so its prepared statements are reused). */
export function liveQueue(db: Db): SqliteJobQueue {
  let queue = queues.get(db);
  if (!queue) {
    queue = new SqliteJobQueue(db);
    queues.set(db, queue);
  }
  return queue;
}

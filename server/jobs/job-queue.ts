/**
 * The job queue as the services and the worker see it: enqueue, lease, complete, fail, renewLease, stats.
 *
 * The SQLite store (sqlite-job-queue.ts) answers synchronously, so a service can enqueue inside its own
 * better-sqlite3 transaction and the event row and its job commit together:
 *
 *     db.transaction((tx) => { tx.insert(inboundEvents)…; queue.enqueue(tx, 'process-event', { eventId }) });
 *
 * How a pg-boss store would map onto the same shape (Mode = 'async', Tx = the drizzle pg transaction):
 * - enqueue(tx, …)  → `boss.send(queue, payload, { startAfter, retryLimit, db: { executeSql } })`, the `db` option
 *   running the insert on the caller's transaction, so the same "event and job commit together" holds;
 * - lease           → `boss.fetch(queue)` (a `FOR UPDATE SKIP LOCKED` pick) with `expireInSeconds` as the lease;
 *   pg-boss counts attempts and expires leases itself, so a crashed worker's job comes back the same way;
 * - complete / fail → `boss.complete(queue, id)` / `boss.fail(queue, id, { error })`; our backoff and
 *   Retry-After become the job's `startAfter` on a re-send (pg-boss's own retryDelay has no Retry-After);
 * - renewLease      → a touch of the job's keep-until / expire time; stats → `boss.getQueueSize` plus a min(createdon).
 * pg-boss's job ids are UUID strings: that store would widen the id type here to `number | string`.
 */

/** 'sync' stores answer directly (SQLite), 'async' ones with a promise (PostgreSQL); the worker awaits either. */
export type QueueMode = 'sync' | 'async';
export type Answer<T, Mode extends QueueMode> = Mode extends 'sync' ? T : Promise<T>;

export interface EnqueueOptions {
  /** epoch ms at which the job becomes due; default: now */
  runAt?: number;
  /** attempts before the job is dead; default: the queue's maxAttempts (LEDGERLINK_MAX_ATTEMPTS) */
  maxAttempts?: number;
  /** the clock for runAt's default and created_at (tests) */
  now?: number;
}

/** A job handed to one worker until `leaseUntil`. */
export interface LeasedJob {
  id: number;
  queue: string;
  payload: unknown;
  /** 1 on the first run: attempts are counted when leased, so a crash mid-run still uses one up */
  attempt: number;
  maxAttempts: number;
  leaseUntil: number;
  createdAt: number;
  /** the error of the previous attempt (or the note that its worker's lease expired); null on a first run */
  previousError: string | null;
}

export interface FailOptions {
  /** a finance system's Retry-After: the next attempt never comes earlier than this */
  retryAfterMs?: number;
  /** the job can never succeed (e.g. a 4xx refusal): dead at once */
  permanent?: boolean;
}

/** When a worker's lease was taken over (it expired and another worker leased the job), its outcome is ignored. */
export interface StaleOutcome {
  outcome: 'stale';
  reason: string;
}
export type CompleteResult = { outcome: 'done' } | StaleOutcome;
export type FailResult =
  | { outcome: 'retry'; attempt: number; runAt: number; delayMs: number }
  | { outcome: 'dead'; attempt: number }
  | StaleOutcome;

/** For GET /api/health: work not yet finished (pending and active jobs) and the age of the oldest of it. */
export interface QueueStats {
  queueDepth: number;
  oldestPendingAgeS: number;
}

export interface JobQueue<Tx, Mode extends QueueMode = QueueMode> {
  /** Adds a job in the caller's transaction; it is visible to workers when that transaction commits. */
  enqueue(tx: Tx, queue: string, payload: unknown, opts?: EnqueueOptions): Answer<number, Mode>;
  /** Hands the oldest due job of `queues` to `workerId` for `leaseMs`, or null when none is due. */
  lease(workerId: string, queues: readonly string[], leaseMs: number, now?: number): Answer<LeasedJob | null, Mode>;
  complete(jobId: number, workerId: string, now?: number): Answer<CompleteResult, Mode>;
  fail(jobId: number, workerId: string, error: string, opts?: FailOptions, now?: number): Answer<FailResult, Mode>;
  /** Extends a running job's lease; false when the lease was lost (the job is someone else's now). */
  renewLease(jobId: number, workerId: string, leaseMs: number, now?: number): Answer<boolean, Mode>;
  stats(now?: number): Answer<QueueStats, Mode>;
}

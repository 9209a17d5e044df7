import type Database from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { jobs } from '../../db/schema';
import type {
  CompleteResult,
  EnqueueOptions,
  FailOptions,
  FailResult,
  JobQueue,
  LeasedJob,
  QueueStats,
} from './job-queue';
import { retryDelayMs, retryPolicyFromEnv, type RetryPolicy } from './retry-policy';

/** The database, or a transaction of it: enqueue writes through whichever the caller is inside. */
export type SqliteTx = BaseSQLiteDatabase<'sync', any, any>;

/** Anything with a better-sqlite3 connection: openDatabase()'s Db, or a bare `{ $client }` in tests and scripts. */
export interface SqliteHandle {
  $client: Database.Database;
}

export interface SqliteJobQueueOptions extends Partial<RetryPolicy> {
  /** the jitter's source; tests pin it */
  random?: () => number;
}

interface JobRow {
  id: number;
  queue: string;
  payload_json: string;
  status: string;
  attempts: number;
  max_attempts: number;
  lease_until: number | null;
  created_at: number;
  last_error: string | null;
}

/** A stored error is for people reading the runs page; a handler's 5 MB response body is not. */
const MAX_ERROR_CHARS = 4000;

// One statement both picks and takes the job, so two workers on two connections can never lease the same one:
// SQLite runs a write statement under the database's single write lock. Due = pending whose run_at has come, or
// active whose lease has expired (its worker crashed or hung). A taken-over job that has already used all its
// attempts becomes dead here instead of running once more. SET expressions all read the row as it was before.
const LEASE_SQL = `
UPDATE jobs SET
  status      = CASE WHEN status = 'active' AND attempts >= max_attempts THEN 'dead' ELSE 'active' END,
  attempts    = CASE WHEN status = 'active' AND attempts >= max_attempts THEN attempts ELSE attempts + 1 END,
  lease_until = CASE WHEN status = 'active' AND attempts >= max_attempts THEN NULL ELSE @now + @leaseMs END,
  finished_at = CASE WHEN status = 'active' AND attempts >= max_attempts THEN @now ELSE NULL END,
  last_error  = CASE WHEN status = 'active'
                  THEN 'the lease of worker ' || leased_by || ' expired during attempt ' || attempts || ' of ' || max_attempts
                  ELSE last_error END,
  leased_by   = CASE WHEN status = 'active' AND attempts >= max_attempts THEN leased_by ELSE @workerId END
WHERE id = (
  SELECT id FROM jobs
  WHERE queue IN (SELECT value FROM json_each(@queues))
    AND ((status = 'pending' AND run_at <= @now) OR (status = 'active' AND lease_until <= @now))
  ORDER BY run_at, id
  LIMIT 1
)
RETURNING id, queue, payload_json, status, attempts, max_attempts, lease_until, created_at, last_error`;

/**
 * The job queue on the jobs table of the application's SQLite file. Every call is synchronous; see job-queue.ts for
 * the contract and for how a pg-boss store maps onto it.
 */
export class SqliteJobQueue implements JobQueue<SqliteTx, 'sync'> {
  readonly policy: RetryPolicy;
  private readonly client: Database.Database;
  private readonly random: () => number;
  private readonly statements: ReturnType<typeof prepare>;

  constructor(db: SqliteHandle, options: SqliteJobQueueOptions = {}) {
    const fromEnv = retryPolicyFromEnv();
    this.policy = {
      retryBaseMs: options.retryBaseMs ?? fromEnv.retryBaseMs,
      retryCapMs: options.retryCapMs ?? fromEnv.retryCapMs,
      maxAttempts: options.maxAttempts ?? fromEnv.maxAttempts,
    };
    this.client = db.$client;
    this.random = options.random ?? Math.random;
    this.statements = prepare(this.client);
  }

  enqueue(tx: SqliteTx, queue: string, payload: unknown, opts: EnqueueOptions = {}): number {
    if (!queue) throw new Error('a job needs a queue name');
    const payloadJson = JSON.stringify(payload);
    if (payloadJson === undefined) throw new Error(`the payload of a ${queue} job must be a JSON value`);
    const maxAttempts = opts.maxAttempts ?? this.policy.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new Error(`maxAttempts of a ${queue} job must be a whole number ≥ 1; got ${maxAttempts}`);
    }
    const now = opts.now ?? Date.now();
    const row = tx
      .insert(jobs)
      .values({ queue, payloadJson, status: 'pending', maxAttempts, runAt: opts.runAt ?? now, createdAt: now })
      .returning({ id: jobs.id })
      .get() as { id: number };
    return row.id;
  }

  lease(workerId: string, queues: readonly string[], leaseMs: number, now: number = Date.now()): LeasedJob | null {
    if (queues.length === 0) return null;
    if (!(leaseMs > 0)) throw new Error(`a lease must last longer than 0 ms; got ${leaseMs}`);
    const params = { workerId, queues: JSON.stringify(queues), leaseMs: Math.ceil(leaseMs), now };
    // A job found past its last attempt is buried by the statement itself; look again for a live one. Bounded,
    // because each round buries a different job.
    for (;;) {
      const row = this.statements.lease.get(params) as JobRow | undefined;
      if (!row) return null;
      if (row.status === 'dead') continue;
      return {
        id: row.id,
        queue: row.queue,
        payload: JSON.parse(row.payload_json),
        attempt: row.attempts,
        maxAttempts: row.max_attempts,
        leaseUntil: row.lease_until as number,
        createdAt: row.created_at,
        previousError: row.last_error,
      };
    }
  }

  complete(jobId: number, workerId: string, now: number = Date.now()): CompleteResult {
    const done = this.statements.complete.run({ id: jobId, workerId, now });
    return done.changes === 1 ? { outcome: 'done' } : this.staleOutcome(jobId, workerId);
  }

  fail(jobId: number, workerId: string, error: string, opts: FailOptions = {}, now: number = Date.now()): FailResult {
    // Read and update under one write lock: the retry's delay depends on the attempt the row holds.
    return this.client
      .transaction((): FailResult => {
        const row = this.statements.held.get({ id: jobId, workerId }) as JobRow | undefined;
        if (!row) return this.staleOutcome(jobId, workerId);
        const message = truncate(error);
        if (opts.permanent || row.attempts >= row.max_attempts) {
          this.statements.bury.run({ id: jobId, error: message, now });
          return { outcome: 'dead', attempt: row.attempts };
        }
        const delayMs = retryDelayMs(this.policy, row.attempts, opts.retryAfterMs, this.random);
        const runAt = now + delayMs;
        this.statements.reschedule.run({ id: jobId, error: message, runAt });
        return { outcome: 'retry', attempt: row.attempts, runAt, delayMs };
      })
      .immediate();
  }

  renewLease(jobId: number, workerId: string, leaseMs: number, now: number = Date.now()): boolean {
    return this.statements.renew.run({ id: jobId, workerId, leaseUntil: now + Math.ceil(leaseMs) }).changes === 1;
  }

  stats(now: number = Date.now()): QueueStats {
    const row = this.statements.stats.get() as { depth: number; oldest: number | null };
    return {
      queueDepth: row.depth,
      oldestPendingAgeS: row.oldest === null ? 0 : Math.max(0, Math.floor((now - row.oldest) / 1000)),
    };
  }

  private staleOutcome(jobId: number, workerId: string): { outcome: 'stale'; reason: string } {
    const row = this.statements.find.get({ id: jobId }) as { status: string; leased_by: string | null } | undefined;
    if (!row) return { outcome: 'stale', reason: `job ${jobId} does not exist` };
    if (row.status === 'active') {
      return { outcome: 'stale', reason: `job ${jobId} is leased by ${row.leased_by} now, not ${workerId}` };
    }
    return { outcome: 'stale', reason: `job ${jobId} is ${row.status}, no longer leased by ${workerId}` };
  }
}

function prepare(client: Database.Database) {
  return {
    lease: client.prepare(LEASE_SQL),
    // Holding the lease = active and leased by this worker. An expired lease nobody has taken over yet still
    // counts: the work was done once and nobody else started it.
    held: client.prepare(
      `SELECT id, attempts, max_attempts FROM jobs WHERE id = @id AND status = 'active' AND leased_by = @workerId`,
    ),
    complete: client.prepare(
      `UPDATE jobs SET status = 'done', finished_at = @now, lease_until = NULL
       WHERE id = @id AND status = 'active' AND leased_by = @workerId`,
    ),
    bury: client.prepare(
      `UPDATE jobs SET status = 'dead', finished_at = @now, lease_until = NULL, last_error = @error WHERE id = @id`,
    ),
    reschedule: client.prepare(
      `UPDATE jobs SET status = 'pending', run_at = @runAt, lease_until = NULL, leased_by = NULL, last_error = @error
       WHERE id = @id`,
    ),
    renew: client.prepare(
      `UPDATE jobs SET lease_until = @leaseUntil WHERE id = @id AND status = 'active' AND leased_by = @workerId`,
    ),
    find: client.prepare(`SELECT status, leased_by FROM jobs WHERE id = @id`),
    // Age from created_at: how long the work has been outstanding, retries and their waits included.
    stats: client.prepare(
      `SELECT count(*) AS depth, min(created_at) AS oldest FROM jobs WHERE status IN ('pending', 'active')`,
    ),
  };
}

function truncate(error: string): string {
  return error.length <= MAX_ERROR_CHARS ? error : `${error.slice(0, MAX_ERROR_CHARS)}… (${error.length} characters)`;
}

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The job queue (server/jobs): a row per job with its run-at time, attempts and lease. A worker leases a due job
 * by setting `lease_until`; a worker that dies leaves the lease to expire and another takes the job up again.
 * Times are epoch milliseconds so due-ness is one integer comparison.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** which handler runs it: e.g. process-event, deliver-voucher */
    queue: text('queue').notNull(),
    payloadJson: text('payload_json').notNull(),
    /** pending | active | done | dead */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: integer('run_at').notNull(),
    leaseUntil: integer('lease_until'),
    leasedBy: text('leased_by'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('jobs_due').on(t.status, t.runAt), index('jobs_queue').on(t.queue, t.status)],
);

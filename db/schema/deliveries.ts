import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { financeTargets } from './finance-targets';
import { runs } from './runs';

/**
 * The outbox: a delivery row is written in the same transaction as the run that produced the voucher, so a
 * voucher is never booked without being sent nor sent without being booked. `idempotencyKey` is the same on
 * every attempt (a webhook's `webhook-id`, the OA reference Kingdee is asked about after an unknown outcome).
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'restrict' }),
    targetId: integer('target_id')
      .notNull()
      .references(() => financeTargets.id, { onDelete: 'restrict' }),
    /** pending | delivered | dead */
    status: text('status').notNull().default('pending'),
    idempotencyKey: text('idempotency_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** a Save whose outcome is unknown: the next attempt asks the finance system before sending again */
    outcomeUnknown: integer('outcome_unknown', { mode: 'boolean' }).notNull().default(false),
    /**
     * Set just before a request goes out, cleared when its outcome is recorded: still set at the next attempt means
     * the process died mid-send, so that attempt's outcome is unknown too (the finance system is asked first).
     */
    sendStartedAt: text('send_started_at'),
    voucherNumber: text('voucher_number'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    deliveredAt: text('delivered_at'),
  },
  (t) => [uniqueIndex('deliveries_run_target').on(t.runId, t.targetId), index('deliveries_status').on(t.status)],
);

/** Each attempt of a delivery with what came back, kept for the runs page. */
export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'restrict' }),
    at: text('at').notNull(),
    /** delivered | retry | dead | unknown */
    outcome: text('outcome').notNull(),
    httpStatus: integer('http_status'),
    /** the reply body, cut to 64 KB */
    responseText: text('response_text'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('delivery_attempts_delivery').on(t.deliveryId)],
);

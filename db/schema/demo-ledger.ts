import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The demo's local finance system (POST /api/demo-ledger): the vouchers it booked, one per webhook-id, so a
 * retried delivery gets the number it already has. Lets a new user watch a claim become a booked voucher without
 * a Kingdee or U8 at hand.
 */
export const demoLedgerVouchers = sqliteTable('demo_ledger_vouchers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  webhookId: text('webhook_id').notNull().unique(),
  voucherNumber: text('voucher_number').notNull(),
  contentType: text('content_type').notNull(),
  body: text('body').notNull(),
  receivedAt: text('received_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A finance system vouchers are delivered to, configured once: its kind (kingdee | u8 | webhook), its address,
 * its format's typed ledger settings (server/ledgers/options-schemas.ts) and its sealed credentials.
 */
export const financeTargets = sqliteTable('finance_targets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  kind: text('kind').notNull(),
  url: text('url').notNull(),
  /** the ledger format's settings as JSON (account book, voucher word, currency map…) */
  settingsJson: text('settings_json').notNull().default('{}'),
  /** AES-256-GCM sealed JSON: Kingdee user/password/acct id, a webhook's whsec_ secret */
  secretsSealed: text('secrets_sealed').notNull(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** Which finance system a mapping posts to (a mapping has at most one; a system serves many mappings). */
export const mappingTargets = sqliteTable('mapping_targets', {
  mappingId: integer('mapping_id').primaryKey(),
  targetId: integer('target_id')
    .notNull()
    .references(() => financeTargets.id, { onDelete: 'restrict' }),
});

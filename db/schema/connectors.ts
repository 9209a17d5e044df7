import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A source of live OA events. `kind` is how events arrive (a Standard Webhooks POST, or a vendor's own callback);
 * `format` is what an instance body looks like (the connector module that normalises it). Secrets (the whsec_
 * key, vendor tokens, AES keys, app secrets) are kept only encrypted (server/secrets) and never sent back.
 */
export const connectors = sqliteTable('connectors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** webhook | dingtalk | wecom | feishu */
  kind: text('kind').notNull(),
  /** dingtalk | feishu | wecom | generic */
  format: text('format').notNull(),
  /** the form template of bodies that carry none; a body naming another one is refused */
  templateCode: text('template_code'),
  /** non-secret settings as JSON: vendor API base URL, corp/app id, agent id… */
  settingsJson: text('settings_json').notNull().default('{}'),
  /** AES-256-GCM sealed JSON of the secrets (server/secrets) */
  secretsSealed: text('secrets_sealed').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

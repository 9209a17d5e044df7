import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A mapping and its working draft. The spec (what the engine runs) and the canvas layout (positions only)
 * are stored apart; `revision` grows with every save so a stale editor cannot overwrite a newer draft.
 */
export const mappings = sqliteTable('mappings', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  sourceConnector: text('source_connector').notNull(),
  templateCode: text('template_code').notNull(),
  targetFormat: text('target_format').notNull(),
  draftSpecJson: text('draft_spec_json').notNull(),
  layoutJson: text('layout_json').notNull().default('{}'),
  revision: integer('revision').notNull().default(1),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

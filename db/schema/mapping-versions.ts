import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { mappings } from './mappings';

/** A frozen, numbered copy of a mapping's spec. Immutable: a trigger in the migrations refuses updates. */
export const mappingVersions = sqliteTable(
  'mapping_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mappingId: integer('mapping_id')
      .notNull()
      .references(() => mappings.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    specJson: text('spec_json').notNull(),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex('mapping_versions_mapping_version').on(t.mappingId, t.version)],
);

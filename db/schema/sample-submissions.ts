import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Example OA payloads kept verbatim (the raw text as received) for previews and tests. */
export const sampleSubmissions = sqliteTable(
  'sample_submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    connector: text('connector').notNull(),
    templateCode: text('template_code').notNull().default(''),
    payloadText: text('payload_text').notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex('sample_submissions_connector_name').on(t.connector, t.name)],
);

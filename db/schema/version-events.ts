import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { mappings } from './mappings';

/**
 * What happened to a frozen mapping version after it was submitted: the review decisions and activations. Kept
 * apart from mapping_versions so versions stay immutable; append-only itself (triggers in the migrations).
 *
 * An `approved` or `rolled_back` event is an activation: from `effective_from` on, the version it names is in
 * force, until a later activation takes over (see server/services/version-timeline.ts).
 */
export const versionEvents = sqliteTable(
  'version_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mappingId: integer('mapping_id')
      .notNull()
      .references(() => mappings.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    /** submitted | approved | rejected | rolled_back */
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    comment: text('comment').notNull().default(''),
    /** ISO 8601 instant (UTC) from which an activation applies; null for other kinds */
    effectiveFrom: text('effective_from'),
    at: text('at').notNull(),
  },
  (t) => [index('version_events_mapping').on(t.mappingId, t.version)],
);

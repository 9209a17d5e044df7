import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Small facts about this installation, e.g. when the demo company was seeded (so it is seeded only once). */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

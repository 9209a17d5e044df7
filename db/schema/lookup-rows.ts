import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { lookupTables } from './lookup-tables';

export const lookupRows = sqliteTable(
  'lookup_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tableId: integer('table_id')
      .notNull()
      .references(() => lookupTables.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** string[] as JSON, aligned with the table's columns */
    cellsJson: text('cells_json').notNull(),
  },
  (t) => [index('lookup_rows_table_position').on(t.tableId, t.position)],
);

import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The source side of a mapping: an OA form's fields, inferred from a sample by the connector, then editable. */
export const formTemplates = sqliteTable(
  'form_templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    oaSystem: text('oa_system').notNull(),
    templateCode: text('template_code').notNull(),
    name: text('name').notNull(),
    /** TemplateField[] as JSON */
    fieldsJson: text('fields_json').notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex('form_templates_system_code').on(t.oaSystem, t.templateCode)],
);

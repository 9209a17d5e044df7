import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { inboundEvents } from './inbound-events';
import { mappings } from './mappings';

/**
 * One execution of a mapping's version in force on one event's instance. A run that produced a voucher has
 * status `ok`; the partial unique index makes "one voucher per mapping and OA instance" a fact of the database,
 * so two workers racing on a re-sent approval cannot both book it (the loser records `duplicate`).
 */
export const runs = sqliteTable(
  'runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => inboundEvents.id, { onDelete: 'restrict' }),
    mappingId: integer('mapping_id')
      .notNull()
      .references(() => mappings.id, { onDelete: 'restrict' }),
    /** null when no version was in force for the instance (status skipped) */
    version: integer('version'),
    /** ok | skipped | error | duplicate | dead */
    status: text('status').notNull(),
    instanceId: text('instance_id'),
    oaReference: text('oa_reference'),
    /** the instance's approval (finish) time that chose the version, ISO */
    approvedAt: text('approved_at'),
    /** {tableName: revision} of the lookup tables read */
    tableRevisionsJson: text('table_revisions_json').notNull().default('{}'),
    /** the instance body the run normalised (fetched from the vendor for callbacks) */
    payloadText: text('payload_text'),
    recordJson: text('record_json'),
    voucherJson: text('voucher_json'),
    /** the serialised voucher document, exactly what `ledgerlink map` prints */
    documentText: text('document_text'),
    documentType: text('document_type'),
    traceJson: text('trace_json'),
    /** [{field,row,value,message,code}] */
    errorsJson: text('errors_json').notNull().default('[]'),
    /** {normaliseMs, runMs, totalMs} */
    timingsJson: text('timings_json').notNull().default('{}'),
    /** the run this one replays, if any */
    replayOf: integer('replay_of'),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex('runs_one_voucher').on(t.mappingId, t.instanceId).where(sql`status = 'ok'`),
    index('runs_event').on(t.eventId),
    index('runs_status').on(t.status, t.createdAt),
    index('runs_instance').on(t.instanceId),
  ],
);

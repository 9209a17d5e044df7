import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { connectors } from './connectors';

/**
 * Every accepted or quarantined event, stored before it is acknowledged and never deleted by processing. The
 * identity is connector + message id (the `webhook-id`, or the vendor's event id): a repeat finds this row and
 * creates no work.
 */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connectorId: integer('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'restrict' }),
    messageId: text('message_id').notNull(),
    /** accepted (a job processes it) | quarantined (signed but not an instance of its format; kept to inspect) */
    status: text('status').notNull(),
    /** why it is quarantined, for the inspector */
    reason: text('reason'),
    /** the body as received (decrypted for vendor callbacks), text */
    bodyText: text('body_text').notNull(),
    /** the request headers that matter for inspection (content type, webhook-id/timestamp), JSON */
    headersJson: text('headers_json').notNull().default('{}'),
    /** the OA instance id when the event names one (vendor callbacks), before the instance is fetched */
    instanceId: text('instance_id'),
    receivedAt: text('received_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex('inbound_events_identity').on(t.connectorId, t.messageId),
    index('inbound_events_received').on(t.receivedAt),
  ],
);

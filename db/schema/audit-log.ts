import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The audit trail: every change and every security event, append-only. Each entry carries the hash of the entry
 * before it and the hash of its own canonical content (see server/services/audit.ts), so an edited, removed or
 * reordered entry breaks the chain; triggers in the migrations refuse UPDATE and DELETE outright.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** ISO 8601 instant in UTC, set by the application so it is part of the hashed content */
    at: text('at').notNull(),
    actor: text('actor'),
    role: text('role'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    /** canonical JSON (sorted keys, no whitespace) or null */
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
    diffJson: text('diff_json'),
    clientAddress: text('client_address'),
    /** the previous entry's hash; 64 zeros for the first entry */
    prevHash: text('prev_hash').notNull(),
    /** SHA-256 (hex) over the canonical JSON of this entry's content and prevHash */
    hash: text('hash').notNull(),
  },
  (t) => [
    // Two entries claiming the same predecessor would fork the chain: refuse the second.
    uniqueIndex('audit_log_prev_hash').on(t.prevHash),
    index('audit_log_at').on(t.at),
    index('audit_log_object').on(t.objectType, t.objectId),
  ],
);

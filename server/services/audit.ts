import { createHash } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import * as schema from '../../db/schema';
import { auditLog } from '../../db/schema';
import { canonicalJson } from './canonical-json';

/** A database handle or a transaction of one: audit entries are written inside the change they record. */
export type DbOrTx = BaseSQLiteDatabase<'sync', any, typeof schema>;

/** Who acts, as services need it for the four-eyes rule and the audit trail. */
export interface Actor {
  username: string;
  role: string;
  clientAddress?: string | null;
}

export interface AuditInput {
  actor: string | null;
  role: string | null;
  /** dotted verb, e.g. `version.approve`, `auth.login_failed`, `table.edit` */
  action: string;
  /** what was acted on, e.g. `mapping_version`, `user`, `lookup_table` */
  objectType: string;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
  diff?: unknown;
  clientAddress?: string | null;
}

/** The who-fields of an entry for an act by `actor`. */
/** Whoever acts: a signed-in user, or the CLI (no role) under the operating-system user who ran it. */
export interface ActingParty {
  username: string | null;
  role: string | null;
  clientAddress?: string | null;
}

export function actedBy(actor: ActingParty): Pick<AuditInput, 'actor' | 'role' | 'clientAddress'> {
  return { actor: actor.username, role: actor.role, clientAddress: actor.clientAddress ?? null };
}

/** The predecessor of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

type StoredContent = {
  at: string;
  actor: string | null;
  role: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  diffJson: string | null;
  clientAddress: string | null;
  prevHash: string;
};

/**
 * An entry's hash: SHA-256 over the canonical JSON of its stored columns (before/after/diff as their stored
 * canonical text, so verification never depends on re-serialising a parsed value) and its predecessor's hash.
 * The row id is left out on purpose: the chain itself fixes the order, and ids are only how SQLite finds rows.
 */
export function entryHash(c: StoredContent): string {
  const content = {
    action: c.action,
    actor: c.actor,
    after: c.afterJson,
    at: c.at,
    before: c.beforeJson,
    clientAddress: c.clientAddress,
    diff: c.diffJson,
    objectId: c.objectId,
    objectType: c.objectType,
    prevHash: c.prevHash,
    role: c.role,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

const jsonOrNull = (v: unknown): string | null => (v === undefined ? null : canonicalJson(v));

/**
 * Appends one entry to the audit trail. Pass the transaction of the change it records, so both land or neither
 * does; given the database itself outside a transaction, the append runs in a transaction of its own (the read
 * of the last hash and the insert must not interleave with another writer's).
 */
export function appendAudit(db: DbOrTx | Db, input: AuditInput): { id: number; hash: string } {
  const client = (db as Partial<Db>).$client;
  if (client && !client.inTransaction) return (db as Db).transaction((tx) => appendAudit(tx, input));
  const tx = db as DbOrTx;
  const last = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const content: StoredContent = {
    at: new Date().toISOString(),
    actor: input.actor,
    role: input.role,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    beforeJson: jsonOrNull(input.before),
    afterJson: jsonOrNull(input.after),
    diffJson: jsonOrNull(input.diff),
    clientAddress: input.clientAddress ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(content);
  const row = tx.insert(auditLog).values({ ...content, hash }).returning({ id: auditLog.id }).get();
  return { id: row.id, hash };
}

export type AuditVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBad: { id: number; reason: string } };

/**
 * Walks the chain in id order: each entry's stored hash must equal the hash of its content, and its prevHash the
 * hash of the entry before it. Stops at the first entry that does not match and names it.
 */
export function verifyAudit(db: Db): AuditVerdict {
  const rows = db.$client
    .prepare(
      `SELECT id, at, actor, role, action, object_type AS objectType, object_id AS objectId, before_json AS beforeJson,
              after_json AS afterJson, diff_json AS diffJson, client_address AS clientAddress, prev_hash AS prevHash,
              hash
         FROM audit_log ORDER BY id`,
    )
    .iterate() as IterableIterator<StoredContent & { id: number; hash: string }>;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  for (const row of rows) {
    checked += 1;
    let recomputed: string;
    try {
      recomputed = entryHash(row);
    } catch {
      recomputed = '';
    }
    if (recomputed !== row.hash) {
      return bad(rows, checked, row.id, `entry ${row.id}: its content does not match its hash (changed after it was written)`);
    }
    if (row.prevHash !== expectedPrev) {
      return bad(rows, checked, row.id, `entry ${row.id}: its link does not match the entry before it (an entry was removed, inserted or reordered)`);
    }
    expectedPrev = row.hash;
  }
  return { ok: true, checked };
}

function bad(rows: IterableIterator<unknown>, checked: number, id: number, reason: string): AuditVerdict {
  rows.return?.(); // release the statement so the connection can be used again
  return { ok: false, checked, firstBad: { id, reason } };
}

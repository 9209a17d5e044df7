import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { appendAudit, type Actor, type DbOrTx } from './audit';

/** Saves by one person on one mapping with less than this between them are one editing session. */
export const DRAFT_SESSION_IDLE_MS = 30 * 60_000;

/**
 * Autosave writes a draft every few seconds; the audit trail wants one entry per editing session, not one per
 * keystroke. The trail is append-only, so the entry is written when a session starts (the first save by someone
 * other than the last editor, or after a pause): `before` is the spec as the previous session left it, `after`
 * the spec after this first save. Where the session ended is the next session's `before`, or the hash a
 * submission freezes.
 */
export function recordDraftSave(
  tx: DbOrTx,
  actor: Actor,
  mapping: string,
  previous: { revision: number; specHash: string; savedAt: string },
  next: { revision: number; specHash: string },
  now = new Date(),
): boolean {
  const last = tx
    .select({ actor: auditLog.actor })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'draft.save'), eq(auditLog.objectType, 'mapping'), eq(auditLog.objectId, mapping)))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  const sameSession = last?.actor === actor.username && now.getTime() - Date.parse(previous.savedAt) < DRAFT_SESSION_IDLE_MS;
  if (sameSession) return false;
  appendAudit(tx, {
    actor: actor.username,
    role: actor.role,
    clientAddress: actor.clientAddress ?? null,
    action: 'draft.save',
    objectType: 'mapping',
    objectId: mapping,
    before: { revision: previous.revision, specHash: previous.specHash },
    after: { revision: next.revision, specHash: next.specHash },
  });
  return true;
}

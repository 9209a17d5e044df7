import { and, eq, lte, ne, or } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { isRole, type Role } from './users-roles';

/** A working day of inactivity ends a session; a week after sign-in it ends whatever the activity. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Activity is written back at most this often, so reading pages does not mean a write per request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface ResolvedSession {
  /** the stored id (SHA-256 of the token), never the token itself */
  sessionId: string;
  user: SessionUser;
  absoluteExpiresAt: string;
}

/** The cookie's token is 256 random bits; the table keeps only its hash. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Starts a session inside the caller's transaction (the sign-in and its audit entry); returns the cookie token. */
export function startSession(tx: Db, userId: number, clientAddress: string | null, at = new Date()): { token: string; absoluteExpiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const absolute = new Date(at.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  tx.insert(sessions)
    .values({
      id: sessionIdOf(token),
      userId,
      createdAt: at.toISOString(),
      lastSeenAt: at.toISOString(),
      idleExpiresAt: new Date(at.getTime() + SESSION_IDLE_MS).toISOString(),
      absoluteExpiresAt: absolute,
      clientAddress,
    })
    .run();
  return { token, absoluteExpiresAt: absolute };
}

/**
 * The session a cookie token names, with its user as the database has it now (role included), or null when the
 * token is unknown, expired or its account disabled. Expired sessions are removed on the way.
 */
export function resolveSession(db: Db, token: string | null | undefined, at = new Date()): ResolvedSession | null {
  if (!token || token.length > 200) return null;
  const id = sessionIdOf(token);
  const row = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .get();
  if (!row) return null;
  const nowIso = at.toISOString();
  if (row.session.idleExpiresAt <= nowIso || row.session.absoluteExpiresAt <= nowIso) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (row.user.disabled || !isRole(row.user.role)) return null;
  if (at.getTime() - Date.parse(row.session.lastSeenAt) >= TOUCH_EVERY_MS) {
    const idle = new Date(Math.min(at.getTime() + SESSION_IDLE_MS, Date.parse(row.session.absoluteExpiresAt))).toISOString();
    db.update(sessions).set({ lastSeenAt: nowIso, idleExpiresAt: idle }).where(eq(sessions.id, id)).run();
  }
  return {
    sessionId: id,
    user: { id: row.user.id, username: row.user.username, displayName: row.user.displayName, role: row.user.role },
    absoluteExpiresAt: row.session.absoluteExpiresAt,
  };
}

/** Logout: the session row goes, so the cookie is worthless even if it was copied. Returns whose it was. */
export function endSession(db: Db, token: string | null | undefined): { userId: number } | null {
  if (!token) return null;
  const row = db.delete(sessions).where(eq(sessions.id, sessionIdOf(token))).returning({ userId: sessions.userId }).get();
  return row ?? null;
}

/** Ends every session of an account (disabled, password reset), except optionally the one making the change. */
export function endSessionsOfUser(db: Db, userId: number, keepSessionId: string | null = null): void {
  const where = keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId);
  db.delete(sessions).where(where).run();
}

/** Housekeeping at start: sessions past either expiry are useless rows. */
export function purgeExpiredSessions(db: Db, at = new Date()): number {
  const nowIso = at.toISOString();
  return db.delete(sessions).where(or(lte(sessions.idleExpiresAt, nowIso), lte(sessions.absoluteExpiresAt, nowIso))).run().changes;
}

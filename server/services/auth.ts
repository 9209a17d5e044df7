import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginAttempts, users } from '../../db/schema';
import { appendAudit } from './audit';
import { endSession, startSession, type SessionUser } from './sessions';
import { findUser, normalizeUsername } from './users';
import { verifyPassword } from './users-passwords';

/** Five failures in a row lock the account name and the client address for a quarter of an hour. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** Each failure answers a little later than the one before, up to this. */
const MAX_SLOWDOWN_MS = 2000;
const SLOWDOWN_STEP_MS = 300;

/** The one answer to a failed sign-in, whatever went wrong: it must not tell whether the account exists. */
export const LOGIN_FAILED_MESSAGE = 'The username or password is not correct.';
export const LOGIN_LOCKED_MESSAGE = 'Too many failed sign-ins. Try again later.';

export type LoginResult =
  | { ok: true; token: string; user: SessionUser; absoluteExpiresAt: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export interface LoginInput {
  username: string;
  password: string;
  clientAddress: string | null;
}

export interface LoginOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The counters a sign-in is charged to. The account subject exists for any name typed, known or not, so being
 * locked says nothing about whether an account exists.
 */
function subjectsOf(username: string, clientAddress: string | null): string[] {
  const subjects = [`account:${username.slice(0, 100)}`];
  if (clientAddress) subjects.push(`address:${clientAddress.slice(0, 100)}`);
  return subjects;
}

/**
 * Charges the attempt to its counters before the password is checked, so a burst of parallel guesses cannot all
 * slip in before the first failure is recorded; a success clears the counters again. Returns the highest count,
 * or the time a lock ends.
 */
function chargeAttempt(db: Db, subjects: string[], at: Date): { failures: number } | { lockedUntil: string } {
  return db.transaction((tx) => {
    const rows = tx.select().from(loginAttempts).where(inArray(loginAttempts.subject, subjects)).all();
    const nowIso = at.toISOString();
    const locks = rows.map((r) => r.lockedUntil).filter((u): u is string => !!u && u > nowIso);
    if (locks.length) return { lockedUntil: locks.sort().at(-1)! };
    let failures = 0;
    for (const subject of subjects) {
      const row = rows.find((r) => r.subject === subject);
      // A lock that has run out, or failures older than a lock period, start the count afresh.
      const stale = !row || (row.lockedUntil && row.lockedUntil <= nowIso) || at.getTime() - Date.parse(row.lastFailureAt) > LOCK_MS;
      const count = (stale ? 0 : row.failures) + 1;
      failures = Math.max(failures, count);
      const lockedUntil = count > LOCK_AFTER_FAILURES ? new Date(at.getTime() + LOCK_MS).toISOString() : null;
      tx.insert(loginAttempts)
        .values({ subject, failures: count, lastFailureAt: nowIso, lockedUntil })
        .onConflictDoUpdate({ target: loginAttempts.subject, set: { failures: count, lastFailureAt: nowIso, lockedUntil } })
        .run();
      if (lockedUntil) return { lockedUntil };
    }
    return { failures };
  });
}

function lockSubjects(db: Db, subjects: string[], at: Date): void {
  const rows = db.select().from(loginAttempts).where(inArray(loginAttempts.subject, subjects)).all();
  const until = new Date(at.getTime() + LOCK_MS).toISOString();
  for (const row of rows)
    if (row.failures >= LOCK_AFTER_FAILURES) db.update(loginAttempts).set({ lockedUntil: until }).where(eq(loginAttempts.subject, row.subject)).run();
}

export async function login(db: Db, input: LoginInput, opts: LoginOptions = {}): Promise<LoginResult> {
  const at = (opts.now ?? (() => new Date()))();
  const sleep = opts.sleep ?? realSleep;
  const username = normalizeUsername(typeof input.username === 'string' ? input.username : '');
  const password = typeof input.password === 'string' ? input.password : '';
  const subjects = subjectsOf(username, input.clientAddress);
  const audit = { actor: null, role: null, objectType: 'user', objectId: username.slice(0, 100) || null, clientAddress: input.clientAddress };

  const charged = chargeAttempt(db, subjects, at);
  if ('lockedUntil' in charged) {
    appendAudit(db, { ...audit, action: 'auth.login_failed', after: { reason: 'locked' } });
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(charged.lockedUntil) - at.getTime()) / 1000)) };
  }

  const user = username ? findUser(db, username) : null;
  // Unknown name, wrong password and disabled account take the same path and the same time.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || user.disabled) {
    db.transaction((tx) => {
      lockSubjects(tx as unknown as Db, subjects, at);
      appendAudit(tx, { ...audit, action: 'auth.login_failed', after: { reason: 'invalid' } });
    });
    await sleep(Math.min(SLOWDOWN_STEP_MS * charged.failures, MAX_SLOWDOWN_MS));
    return { ok: false, reason: 'invalid' };
  }

  return db.transaction((tx) => {
    tx.delete(loginAttempts).where(inArray(loginAttempts.subject, subjects)).run();
    const session = startSession(tx as unknown as Db, user.id, input.clientAddress, at);
    appendAudit(tx, { ...audit, actor: user.username, role: user.role, action: 'auth.login' });
    return {
      ok: true as const,
      token: session.token,
      absoluteExpiresAt: session.absoluteExpiresAt,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
    };
  });
}

/** Ends the session the cookie names (if any) and records who signed out. */
export function logout(db: Db, token: string | null, clientAddress: string | null): boolean {
  return db.transaction((tx) => {
    const ended = endSession(tx as unknown as Db, token);
    if (!ended) return false;
    const user = tx.select({ username: users.username, role: users.role }).from(users).where(eq(users.id, ended.userId)).get();
    appendAudit(tx, { actor: user?.username ?? null, role: user?.role ?? null, action: 'auth.logout', objectType: 'user', objectId: user?.username ?? null, clientAddress });
    return true;
  });
}

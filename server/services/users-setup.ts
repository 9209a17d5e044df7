import { eq } from 'drizzle-orm';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client';
import { appMeta } from '../../db/schema';
import { PreconditionError, ValidationError } from './errors';
import { countUsers, createUser, type UserView } from './users';

/**
 * First start without demo data: there is no account yet, and the first visitor must not simply become admin (a
 * server reachable by others would hand itself out). The server prints a one-time setup code to its log; only
 * someone who can read that log can create the first administrator. Only the code's hash is kept.
 */
const SETUP_CODE_KEY = 'setup_code_sha256';
// No 0/O, 1/I/L: the code is read off a terminal and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function needsFirstAdmin(db: Db): boolean {
  return countUsers(db) === 0;
}

/** Issues a fresh code while there are no users (each start replaces the last), and returns it for the log. */
export function issueSetupCode(db: Db): string | null {
  if (!needsFirstAdmin(db)) {
    db.delete(appMeta).where(eq(appMeta.key, SETUP_CODE_KEY)).run();
    return null;
  }
  const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  const value = sha256(code).toString('hex');
  db.insert(appMeta).values({ key: SETUP_CODE_KEY, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } }).run();
  return code;
}

function codeMatches(db: Db, typed: string): boolean {
  const stored = db.select().from(appMeta).where(eq(appMeta.key, SETUP_CODE_KEY)).get();
  if (!stored) return false;
  const normalised = typed.trim().toUpperCase().replace(/\s+/g, '');
  return timingSafeEqual(sha256(normalised), Buffer.from(stored.value, 'hex'));
}

export interface FirstAdminInput {
  setupCode: string;
  username: string;
  displayName?: string | null;
  password: string;
}

export async function createFirstAdmin(db: Db, input: FirstAdminInput, clientAddress: string | null): Promise<UserView> {
  if (!needsFirstAdmin(db)) throw new PreconditionError('an administrator exists already; sign in instead');
  if (typeof input.setupCode !== 'string' || !codeMatches(db, input.setupCode))
    throw new ValidationError('the setup code is not correct; it is printed in the server log at start');
  const user = await createUser(
    db,
    { username: input.username, displayName: input.displayName, role: 'admin', password: input.password },
    { userId: null, username: null, role: null, clientAddress },
    {
      action: 'user.create_first_admin',
      // Checked again inside the insert's transaction: two people racing with the same code get one admin.
      precondition: (tx) => {
        if (!needsFirstAdmin(tx)) throw new PreconditionError('an administrator exists already; sign in instead');
      },
    },
  );
  db.delete(appMeta).where(eq(appMeta.key, SETUP_CODE_KEY)).run();
  return user;
}

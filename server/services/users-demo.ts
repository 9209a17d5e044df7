import { hashSync } from '@node-rs/argon2';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appMeta, users } from '../../db/schema';
import { appendAudit } from './audit';
import type { Role } from './users-roles';

/**
 * The demo's accounts, one per role, all with one published password: it is printed on the login page and in
 * the README, so it is only offered while the demo data is in use (LEDGERLINK_DEMO is not "0") and only for
 * accounts whose password nobody has changed since.
 */
export const DEMO_PASSWORD = 'ledgerlink-demo';
export const DEMO_USERS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: 'Demo admin', role: 'admin' },
  { username: 'analyst', displayName: 'Demo analyst', role: 'analyst' },
  { username: 'integrator', displayName: 'Demo integrator', role: 'integrator' },
  { username: 'viewer', displayName: 'Demo viewer', role: 'viewer' },
];
const DEMO_USERS_KEY = 'demo_users_seeded_at';

/** `LEDGERLINK_DEMO=0` starts empty: no demo company, no users (the first visit creates the administrator). */
export function demoEnabled(): boolean {
  return process.env.LEDGERLINK_DEMO !== '0';
}

/**
 * Adds the demo users once per database, and only to a database without users: accounts someone created
 * (CLI, first-admin setup) are never joined by a known password.
 */
export function seedDemoUsers(db: Db, log: (msg: string) => void = () => {}): boolean {
  if (db.select().from(appMeta).where(eq(appMeta.key, DEMO_USERS_KEY)).get()) return false;
  const empty = !db.select({ id: users.id }).from(users).limit(1).get();
  // One hash for the four accounts: the password is public anyway, and start-up stays quick.
  const passwordHash = empty ? hashSync(DEMO_PASSWORD) : '';
  db.transaction((tx) => {
    if (empty) {
      for (const u of DEMO_USERS) {
        tx.insert(users).values({ ...u, passwordHash }).run();
        appendAudit(tx, { actor: null, role: null, action: 'user.create', objectType: 'user', objectId: u.username, after: { ...u, disabled: false, demo: true } });
      }
    }
    tx.insert(appMeta).values({ key: DEMO_USERS_KEY, value: new Date().toISOString() }).run();
  });
  if (empty) log(`added the demo users ${DEMO_USERS.map((u) => u.username).join(', ')} (password "${DEMO_PASSWORD}")`);
  return empty;
}

/** What the login page may show: the demo accounts that still have the published password, or none. */
export function demoAccountsToShow(db: Db): { password: string; accounts: { username: string; role: string }[] } | null {
  if (!demoEnabled() || !db.select().from(appMeta).where(eq(appMeta.key, DEMO_USERS_KEY)).get()) return null;
  const accounts = db
    .select({ username: users.username, role: users.role })
    .from(users)
    .where(and(inArray(users.username, DEMO_USERS.map((u) => u.username)), isNull(users.passwordChangedAt), eq(users.disabled, false)))
    .all();
  if (!accounts.length) return null;
  const order = DEMO_USERS.map((u) => u.username);
  accounts.sort((a, b) => order.indexOf(a.username) - order.indexOf(b.username));
  return { password: DEMO_PASSWORD, accounts };
}

import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { actedBy, appendAudit } from './audit';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, ValidationError } from './errors';
import { endSessionsOfUser } from './sessions';
import { checkPasswordRules, hashPassword, verifyPassword } from './users-passwords';
import { isRole, ROLES, type Role } from './users-roles';

/** Who does something, for the audit trail and for "not yourself" rules. */
export interface Actor {
  userId: number | null;
  username: string | null;
  role: string | null;
  clientAddress?: string | null;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  passwordChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Usernames are case-insensitive: stored and looked up in lower case. */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

function checkUsername(raw: string): string {
  const name = normalizeUsername(raw);
  if (!USERNAME.test(name))
    throw new ValidationError('a username has 2–64 characters: letters a–z, digits, ".", "_" or "-", starting with a letter or digit');
  return name;
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new ValidationError(`unknown role "${role}"; one of ${ROLES.join(', ')}`);
  return role;
}

const now = () => new Date().toISOString();

function toView(row: typeof users.$inferSelect): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: checkRole(row.role),
    disabled: row.disabled,
    passwordChangedAt: row.passwordChangedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const audited = (u: UserView) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled });

export function listUsers(db: Db): UserView[] {
  return db.select().from(users).orderBy(asc(users.username)).all().map(toView);
}

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

export function findUser(db: Db, username: string): (UserView & { passwordHash: string }) | null {
  const row = db.select().from(users).where(eq(users.username, normalizeUsername(username))).get();
  return row ? { ...toView(row), passwordHash: row.passwordHash } : null;
}

function requireUser(db: Db, username: string): UserView & { passwordHash: string } {
  const user = findUser(db, username);
  if (!user) throw new NotFoundError(`there is no user "${normalizeUsername(username)}"`);
  return user;
}

export interface NewUser {
  username: string;
  displayName?: string | null;
  role: string;
  password: string;
}

/** Creates an account; the password is hashed before the transaction, which holds the insert and its audit entry. */
export async function createUser(
  db: Db,
  input: NewUser,
  actor: Actor,
  opts: { action?: string; precondition?: (tx: Db) => void } = {},
): Promise<UserView> {
  const username = checkUsername(input.username);
  const role = checkRole(input.role);
  checkPasswordRules(input.password);
  const displayName = input.displayName?.trim() || username;
  if (displayName.length > 100) throw new ValidationError('a display name has at most 100 characters');
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    opts.precondition?.(tx as unknown as Db);
    if (tx.select({ id: users.id }).from(users).where(eq(users.username, username)).get())
      throw new ConflictError(`the username "${username}" is taken`);
    const row = tx.insert(users).values({ username, displayName, role, passwordHash }).returning().get();
    const view = toView(row);
    appendAudit(tx, { ...actedBy(actor), action: opts.action ?? 'user.create', objectType: 'user', objectId: username, after: audited(view) });
    return view;
  });
}


/** At least one enabled admin must remain, or nobody could manage users or approve versions any more. */
function assertAnotherAdminRemains(tx: Db, userId: number): void {
  const others = tx
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, userId)))
    .get();
  if (!others?.n) throw new PreconditionError('this is the last active administrator; make another user admin first');
}

export function setUserRole(db: Db, username: string, roleText: string, actor: Actor): UserView {
  const role = checkRole(roleText);
  return db.transaction((tx) => {
    const before = requireUser(tx as unknown as Db, username);
    if (before.role === role) return before;
    if (before.role === 'admin' && !before.disabled) assertAnotherAdminRemains(tx as unknown as Db, before.id);
    const row = tx.update(users).set({ role, updatedAt: now() }).where(eq(users.id, before.id)).returning().get();
    const after = toView(row);
    appendAudit(tx, { ...actedBy(actor), action: 'user.role', objectType: 'user', objectId: after.username, before: audited(before), after: audited(after) });
    return after;
  });
}

/** Disabling ends every session of the account at once; enabling lets it sign in again. */
export function setUserDisabled(db: Db, username: string, disabled: boolean, actor: Actor): UserView {
  return db.transaction((tx) => {
    const before = requireUser(tx as unknown as Db, username);
    if (disabled && before.id === actor.userId) throw new ForbiddenError('you cannot disable your own account');
    if (before.disabled === disabled) return before;
    if (disabled && before.role === 'admin') assertAnotherAdminRemains(tx as unknown as Db, before.id);
    const row = tx.update(users).set({ disabled, updatedAt: now() }).where(eq(users.id, before.id)).returning().get();
    if (disabled) endSessionsOfUser(tx as unknown as Db, before.id);
    const after = toView(row);
    appendAudit(tx, { ...actedBy(actor), action: disabled ? 'user.disable' : 'user.enable', objectType: 'user', objectId: after.username, before: audited(before), after: audited(after) });
    return after;
  });
}

/** An admin sets a new password for someone; their sessions end, so whoever had the old one is signed out. */
export async function resetUserPassword(db: Db, username: string, password: string, actor: Actor): Promise<UserView> {
  checkPasswordRules(password);
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => {
    const before = requireUser(tx as unknown as Db, username);
    const at = now();
    const row = tx.update(users).set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, before.id)).returning().get();
    endSessionsOfUser(tx as unknown as Db, before.id);
    appendAudit(tx, { ...actedBy(actor), action: 'user.password_reset', objectType: 'user', objectId: before.username });
    return toView(row);
  });
}

/**
 * A signed-in user changes their own password, proving the current one. Their other sessions end (a stolen one
 * included); the session making the change stays.
 */
export async function changeOwnPassword(
  db: Db,
  input: { userId: number; currentPassword: string; newPassword: string; keepSessionId: string | null },
  actor: Actor,
): Promise<void> {
  const row = db.select().from(users).where(eq(users.id, input.userId)).get();
  if (!row) throw new NotFoundError('your account no longer exists');
  if (!(await verifyPassword(row.passwordHash, input.currentPassword)))
    throw new ValidationError('the current password is not correct');
  checkPasswordRules(input.newPassword);
  if (input.newPassword === input.currentPassword) throw new ValidationError('the new password must differ from the current one');
  const passwordHash = await hashPassword(input.newPassword);
  db.transaction((tx) => {
    const at = now();
    tx.update(users).set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, row.id)).run();
    endSessionsOfUser(tx as unknown as Db, row.id, input.keepSessionId);
    appendAudit(tx, { ...actedBy(actor), action: 'user.password_change', objectType: 'user', objectId: row.username });
  });
}

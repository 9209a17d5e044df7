import type { Db } from '../../db/client';
import { resolveSession } from '../services/sessions';
import { getDb } from './db';
import { clientAddressOf, readSessionToken } from './session-cookie';

export { ROLES, isRole, type Role } from '../services/users-roles';
import type { Role } from '../services/users-roles';

/** The signed-in caller. `role` comes from the users table on every request, never from the cookie. */
export interface ApiUser {
  /** null for callers that are not an account row (tests, server-side jobs) */
  id: number | null;
  username: string;
  role: Role;
}

export interface ApiContext {
  db: Db;
  /** null when the request carries no valid session: every procedure then answers UNAUTHORIZED */
  user: ApiUser | null;
  clientAddress: string | null;
  /** the stored id of the request's session (SHA-256 of the cookie token), for "sign out my other sessions" */
  sessionId: string | null;
}

/** Resolves the session from the cookie on every request. */
export function createContext(req?: Request): ApiContext {
  const db = getDb();
  const session = req ? resolveSession(db, readSessionToken(req.headers.get('cookie'))) : null;
  return {
    db,
    user: session ? { id: session.user.id, username: session.user.username, role: session.user.role } : null,
    clientAddress: req ? clientAddressOf(req) : null,
    sessionId: session?.sessionId ?? null,
  };
}

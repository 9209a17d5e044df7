import type { Db } from '../../db/client';
import { getDb } from './db';

/** Roles in increasing power: a viewer reads, an analyst also runs previews and edits drafts, an admin approves. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiUser {
  id: string;
  role: Role;
}

export interface ApiContext {
  db: Db;
  user: ApiUser;
}

/** Until users and sign-in arrive, every request acts as this one local administrator. */
const LOCAL_ADMIN: ApiUser = Object.freeze({ id: 'local-admin', role: 'admin' });

export function createContext(): ApiContext {
  return { db: getDb(), user: LOCAL_ADMIN };
}

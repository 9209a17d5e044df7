import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databasePath, type Db } from '../../db/client';
import { DEMO_USERS } from '../services/users-demo';
import { findUser } from '../services/users';
import type { ApiContext, ApiUser, Role } from './context';
import { openServerDatabase } from './db';
import { createCaller } from './root';

/**
 * A caller of a role: by default the demo user of that role (so "who did it" names a real account); another
 * username gives a caller with no account row (id null), e.g. a second admin for "not your own" rules.
 */
export function contextFor(db: Db, role: Role, username?: string): ApiContext {
  const name = username ?? DEMO_USERS.find((u) => u.role === role)?.username ?? `test-${role}`;
  const row = findUser(db, name);
  const user: ApiUser = { id: row && row.role === role ? row.id : null, username: name, role };
  return { db, user, clientAddress: '127.0.0.1', sessionId: null };
}

/**
 * A fresh migrated and seeded database file per test file, in the system temp folder: LEDGERLINK_DB points
 * there, so nothing a test does can touch the default ./data database.
 */
export function useTempDatabase(): { context: (role?: Role, username?: string) => ApiContext; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-api-'));
  process.env.LEDGERLINK_DB = path.join(dir, 'test.db');
  const db = openServerDatabase(databasePath(), () => {});
  return {
    context: (role: Role = 'admin', username?: string) => contextFor(db, role, username),
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function callerAs(ctx: ApiContext) {
  return createCaller(ctx);
}

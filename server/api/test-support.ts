import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databasePath } from '../../db/client';
import type { ApiContext, ApiUser, Role } from './context';
import { openServerDatabase } from './db';
import { createCaller } from './root';

/**
 * A fresh migrated and seeded database file per test file, in the system temp folder: LEDGERLINK_DB points
 * there, so nothing a test does can touch the default ./data database.
 */
export function useTempDatabase(): { context: (role?: Role) => ApiContext; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-api-'));
  process.env.LEDGERLINK_DB = path.join(dir, 'test.db');
  const db = openServerDatabase(databasePath(), () => {});
  return {
    context: (role: Role = 'admin') => ({ db, user: { id: `test-${role}`, role } satisfies ApiUser }),
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function callerAs(ctx: ApiContext) {
  return createCaller(ctx);
}

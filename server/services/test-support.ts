/** For the services' tests: a migrated, demo-seeded database file of its own, never ./data. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { seedDemo } from './seed';

export const ROOT = path.resolve(__dirname, '../..');

/** Opens the database at once (module level) and removes it after the file's tests. */
export function seededDatabase(prefix: string): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerlink-${prefix}-`));
  process.env.LEDGERLINK_ROOT = ROOT;
  const db = openDatabase(path.join(dir, `${prefix}.db`));
  seedDemo(db, ROOT);
  afterAll(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appMeta } from './schema';
import { openDatabase } from './client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-client-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('begins every transaction with the write lock, so a read-then-write never meets another process in between', () => {
    const file = path.join(dir, 'two.db');
    process.env.LEDGERLINK_ROOT = path.resolve(__dirname, '..');
    const a = openDatabase(file);
    const b = openDatabase(file);
    b.$client.pragma('busy_timeout = 0');
    try {
      a.transaction((tx) => {
        // Only a read so far; a deferred transaction would not hold the lock yet and b's write would pass.
        tx.select().from(appMeta).all();
        expect(() => b.insert(appMeta).values({ key: 'b', value: '1' }).run()).toThrow(/database is locked/);
        tx.insert(appMeta).values({ key: 'a', value: '1' }).run();
      });
      b.insert(appMeta).values({ key: 'b', value: '1' }).run();
      expect(a.select().from(appMeta).all().map((r) => r.key).sort()).toEqual(['a', 'b']);
    } finally {
      a.$client.close();
      b.$client.close();
    }
  });
});

import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * The project root holds db/migrations and db/seed. Bundled server code has no usable __dirname, so the root is
 * LEDGERLINK_ROOT (set by the CLI launcher) or the working directory.
 */
export function projectRoot(): string {
  const candidates = [process.env.LEDGERLINK_ROOT, process.cwd()].filter((x): x is string => !!x);
  for (const c of candidates) if (fs.existsSync(path.join(c, 'db', 'migrations', 'meta', '_journal.json'))) return c;
  throw new Error(`cannot find db/migrations under ${candidates.join(' or ')}; run from the Ledgerlink folder`);
}

export function databasePath(): string {
  return process.env.LEDGERLINK_DB || path.join(projectRoot(), 'data', 'ledgerlink.db');
}

/** Opens (creating if needed) a database file, with WAL and foreign keys on, and applies pending migrations. */
export function openDatabase(file: string = databasePath()): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // Every commit reaches the disk before it returns: a webhook is acknowledged only after its event is durable,
  // and a power cut must not take back what was acknowledged (WAL's NORMAL could).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  // Transactions take the write lock when they begin. The server, its worker process and the CLI write to one file;
  // a deferred transaction that read first (the audit trail reads its last hash) and then writes fails at once with
  // SQLITE_BUSY if another process committed in between, whereas BEGIN IMMEDIATE waits its turn (busy_timeout).
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: 'immediate', ...config })) as Db['transaction'];
  migrate(db, { migrationsFolder: path.join(projectRoot(), 'db', 'migrations') });
  return db;
}

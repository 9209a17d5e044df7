import { databasePath, openDatabase, projectRoot, type Db } from '../../db/client';
import { seedDemo } from '../services/seed';
import { purgeExpiredSessions } from '../services/sessions';
import { issueSetupCode } from '../services/users-setup';

/**
 * The one database handle of the server process. Next bundles instrumentation and each route into separate
 * chunks, so a plain module-level variable could exist more than once; a key on globalThis cannot.
 */
const HANDLE = Symbol.for('ledgerlink.server.db');
type Holder = { [HANDLE]?: Db };

/** Opens the file, applies pending migrations and loads the demo company the first time a database is used. */
export function openServerDatabase(file: string = databasePath(), log: (msg: string) => void = console.log): Db {
  const db = openDatabase(file);
  seedDemo(db, projectRoot(), log);
  purgeExpiredSessions(db);
  // No account yet (LEDGERLINK_DEMO=0, or all users were made elsewhere and removed): only the holder of this code,
  // printed where the operator reads the server's log, may create the first administrator.
  const setupCode = issueSetupCode(db);
  if (setupCode) log(`no users yet: open the studio and create the first administrator with the one-time setup code ${setupCode}`);
  return db;
}

export function getDb(): Db {
  const holder = globalThis as Holder;
  holder[HANDLE] ??= openServerDatabase();
  return holder[HANDLE];
}

/** Closes the process's handle (tests that serve the real route on a temp file); the next getDb() opens anew. */
export function closeServerDatabase(): void {
  const holder = globalThis as Holder;
  holder[HANDLE]?.$client.close();
  delete holder[HANDLE];
}

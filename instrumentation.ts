/**
 * Runs once when the server starts: opens the database, applies migrations and seeds the demo company on first
 * use, so the first request never waits for it and a broken database shows up in the log at once.
 */
export async function register() {
  // A static import would make Turbopack build an Edge bundle of better-sqlite3 too.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getDb } = await import('./server/api/db');
    getDb();
  }
}

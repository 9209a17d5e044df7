/**
 * Runs once when the server starts: opens the database, applies migrations and seeds the demo company on first
 * use, so the first request never waits for it and a broken database shows up in the log at once; then starts
 * the live worker that turns stored OA events into vouchers and delivers them.
 */
export async function register() {
  // A static import would make Turbopack build an Edge bundle of better-sqlite3 too.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getDb } = await import('./server/api/db');
    const db = getDb();
    // The live worker: a child process of the server by default (its work never holds up the webhooks' answers),
    // inside this process with LEDGERLINK_WORKER=inline, or not at all with `off` (then `npm run worker` runs it).
    // No signal handler of its own: a stopped server leaves its leases to expire, and another worker (or the next
    // start) takes those jobs up again, the same as after a crash.
    const mode = process.env.LEDGERLINK_WORKER ?? 'process';
    if (mode === 'inline') {
      const { startLiveWorker } = await import('./server/services/live-worker');
      startLiveWorker(db);
    } else if (mode !== 'off') {
      const { spawnLiveWorker } = await import('./server/services/live-worker-process');
      spawnLiveWorker();
    }
  }
}

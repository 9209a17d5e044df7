import { getDb } from '#server/api/db';
import { jsonAnswer } from '#server/api/auth-http';
import { checkHost } from '#server/api/request-guard';
import { liveQueue } from '#server/services/live-queue';

export const runtime = 'nodejs';

/**
 * GET /api/health, without a session (for load balancers and scripts): 200 {"ok":true,"db":"ok","queueDepth",
 * "oldestPendingAgeS"} when the database answers a read — the live queue's unfinished jobs and how long the oldest
 * has waited, so a monitor sees a stalled worker —, 503 when it cannot be opened or read. The reason goes to the
 * log, not the wire.
 */
export function GET(req: Request): Response {
  const refused = checkHost(req);
  if (refused) return refused;
  try {
    const db = getDb();
    db.$client.prepare('SELECT count(*) FROM users').get();
    const { queueDepth, oldestPendingAgeS } = liveQueue(db).stats();
    return jsonAnswer(200, { ok: true, db: 'ok', queueDepth, oldestPendingAgeS });
  } catch (error) {
    console.error('[health] the database cannot be read:', error);
    return jsonAnswer(503, { ok: false, db: 'unavailable' });
  }
}

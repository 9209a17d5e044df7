import { getDb } from '#server/api/db';
import { jsonAnswer } from '#server/api/auth-http';
import { checkHost } from '#server/api/request-guard';

export const runtime = 'nodejs';

/**
 * GET /api/health, without a session (for load balancers and scripts): 200 {"ok":true,"db":"ok"} when the
 * database answers a read, 503 when it cannot be opened or read. The reason goes to the log, not the wire.
 */
export function GET(req: Request): Response {
  const refused = checkHost(req);
  if (refused) return refused;
  try {
    getDb().$client.prepare('SELECT count(*) FROM users').get();
    return jsonAnswer(200, { ok: true, db: 'ok' });
  } catch (error) {
    console.error('[health] the database cannot be read:', error);
    return jsonAnswer(503, { ok: false, db: 'unavailable' });
  }
}

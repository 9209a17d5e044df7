import { getDb } from '#server/api/db';
import { jsonAnswer } from '#server/api/auth-http';
import { guardRequest } from '#server/api/request-guard';
import { clearedSessionCookie, clientAddressOf, isHttps, readSessionToken } from '#server/api/session-cookie';
import { logout } from '#server/services/auth';

export const runtime = 'nodejs';

/**
 * POST /api/auth/logout: deletes the session server-side (a copied cookie is dead too) and clears the cookie.
 * Answers 200 also without a session, so signing out twice is harmless.
 */
export async function POST(req: Request): Promise<Response> {
  const refused = guardRequest(req);
  if (refused) return refused;
  const ended = logout(getDb(), readSessionToken(req.headers.get('cookie')), clientAddressOf(req));
  return jsonAnswer(200, { ok: true, ended }, { 'set-cookie': clearedSessionCookie(isHttps(req)) });
}

import { getDb } from '#server/api/db';
import { errorAnswer, readJsonObject, signedInAnswer, text } from '#server/api/auth-http';
import { guardRequest } from '#server/api/request-guard';
import { clientAddressOf } from '#server/api/session-cookie';
import { LOGIN_FAILED_MESSAGE, LOGIN_LOCKED_MESSAGE, login } from '#server/services/auth';

// better-sqlite3 and argon2 are native modules: Node only.
export const runtime = 'nodejs';

/**
 * POST /api/auth/login {"username","password"} → 200 and the session cookie, 401 with one message for every
 * failure (unknown name, wrong password, disabled account), 429 while locked. Public (policy: ROUTE_POLICY).
 */
export async function POST(req: Request): Promise<Response> {
  const refused = guardRequest(req);
  if (refused) return refused;
  const body = await readJsonObject(req);
  if (body instanceof Response) return body;
  const result = await login(getDb(), { username: text(body.username), password: text(body.password), clientAddress: clientAddressOf(req) });
  if (result.ok) return signedInAnswer(req, 200, result.user, result);
  if (result.reason === 'locked')
    return errorAnswer(429, 'TOO_MANY_REQUESTS', LOGIN_LOCKED_MESSAGE, { 'retry-after': String(result.retryAfterSeconds) });
  return errorAnswer(401, 'UNAUTHORIZED', LOGIN_FAILED_MESSAGE);
}

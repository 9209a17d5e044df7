import { getDb } from '#server/api/db';
import { readJsonObject, serviceErrorAnswer, signedInAnswer, text } from '#server/api/auth-http';
import { guardRequest } from '#server/api/request-guard';
import { clientAddressOf } from '#server/api/session-cookie';
import { login } from '#server/services/auth';
import { createFirstAdmin } from '#server/services/users-setup';

export const runtime = 'nodejs';

/**
 * POST /api/auth/setup {"setupCode","username","displayName?","password"}: creates the first administrator of an
 * installation without users, with the one-time code from the server log, and signs them in.
 */
export async function POST(req: Request): Promise<Response> {
  const refused = guardRequest(req);
  if (refused) return refused;
  const body = await readJsonObject(req);
  if (body instanceof Response) return body;
  const db = getDb();
  const clientAddress = clientAddressOf(req);
  try {
    const user = await createFirstAdmin(
      db,
      { setupCode: text(body.setupCode), username: text(body.username), displayName: text(body.displayName) || null, password: text(body.password) },
      clientAddress,
    );
    const session = await login(db, { username: user.username, password: text(body.password), clientAddress });
    return signedInAnswer(req, 201, user, session.ok ? session : null);
  } catch (error) {
    return serviceErrorAnswer(error);
  }
}

import { ServiceError } from '../services/errors';
import { isHttps, sessionCookie } from './session-cookie';
import { bodyErrorResponse, readBodyWithin, RequestBodyError } from './request-body';
import { withApiHeaders } from './request-guard';

/**
 * What the sign-in route handlers share: a small JSON body read within a limit, and JSON answers in the same
 * `{ error: { code, message } }` shape as the request guard's. Never cached: they carry cookies and accounts.
 */
const AUTH_BODY_LIMIT = 16 * 1024;

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return withApiHeaders(Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } }));
}

export function errorAnswer(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonAnswer(status, { error: { code, message } }, headers);
}

/** The body as an object of strings-or-anything, or a 4xx answer to send back. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown> | Response> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(req, AUTH_BODY_LIMIT);
  } catch (error) {
    if (error instanceof RequestBodyError) return withApiHeaders(bodyErrorResponse(error));
    throw error;
  }
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  return errorAnswer(400, 'BAD_REQUEST', 'the body must be a JSON object');
}

const STATUS_OF: Record<ServiceError['kind'], [number, string]> = {
  not_found: [404, 'NOT_FOUND'],
  conflict: [409, 'CONFLICT'],
  validation: [400, 'BAD_REQUEST'],
  forbidden: [403, 'FORBIDDEN'],
  precondition: [412, 'PRECONDITION_FAILED'],
};

/** A domain error as an HTTP answer; anything else is rethrown for the generic 500 and the server log. */
export function serviceErrorAnswer(error: unknown): Response {
  if (!(error instanceof ServiceError)) throw error;
  const [status, code] = STATUS_OF[error.kind];
  return errorAnswer(status, code, error.message);
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The answer that signs a user in: their public profile, and the session cookie (Secure when the request came over
 * https). One shape for the login and the first-administrator setup.
 */
export function signedInAnswer(
  req: Request,
  status: number,
  user: { username: string; displayName: string | null; role: string },
  session: { token: string; absoluteExpiresAt: string } | null,
): Response {
  const headers: Record<string, string> = session ? { 'set-cookie': sessionCookie(session.token, session.absoluteExpiresAt, isHttps(req)) } : {};
  return jsonAnswer(status, { ok: true, user: { username: user.username, displayName: user.displayName, role: user.role } }, headers);
}

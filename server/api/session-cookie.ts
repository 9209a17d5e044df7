/**
 * The session cookie and what a route needs from the raw request. Pure string work, no Next imports, so route
 * handlers, the tRPC context and the tests share it.
 */
export const SESSION_COOKIE = 'ledgerlink_session';

/** The cookie's token, or null. Cookie values are not URL-decoded: the token is base64url and needs none. */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * Secure only when the request came over https (directly, or as the proxy in front of Next reports it): a Secure
 * cookie would never come back over plain http on localhost.
 */
export function isHttps(req: Request): boolean {
  if (new URL(req.url).protocol === 'https:') return true;
  return req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/**
 * httpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site POSTs), Path=/ and expiring with the
 * session's absolute lifetime. It carries only the random token.
 */
export function sessionCookie(token: string, expiresAt: string, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/**
 * The caller's address for login throttling and the audit trail. Next sets X-Forwarded-For to the socket's
 * address when the request has none; a reverse proxy in front appends the address it saw, so the last entry is
 * the nearest hop's view. (A client talking to Next directly can send its own header: the per-account lock
 * holds regardless.)
 */
export function clientAddressOf(req: Request): string | null {
  const forwarded = req.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last ? last.slice(0, 100) : null;
}

/**
 * Where to go after signing in: a path on this site only. Anything that could leave it — `//evil.example`,
 * `/\evil.example`, `https://…`, `javascript:` — falls back to the start page.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || [...next].some((c) => c.charCodeAt(0) < 0x20)) return '/';
  try {
    const url = new URL(next, 'http://ledgerlink.invalid');
    if (url.origin !== 'http://ledgerlink.invalid') return '/';
    if (url.pathname === '/login') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/** The login page for a page request without a session, remembering where the user was going. */
export function loginUrlFor(pathWithQuery: string): string {
  const next = safeNextPath(pathWithQuery);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

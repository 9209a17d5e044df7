import { loginUrlFor, readSessionToken } from './session-cookie';

/**
 * The optimistic half of page protection, for proxy.ts: a page request without any session cookie goes straight
 * to the login page with its return path. It cannot tell a valid cookie from a stale one (no database here); the
 * (pages) layout resolves the session for real and redirects too. API routes answer 401 themselves.
 */
export const PAGE_PATH_HEADER = 'x-ledgerlink-path';

const OPEN_PATHS = ['/login', '/api/', '/_next/', '/icon.svg', '/favicon.ico', '/robots.txt'];

export function isOpenPath(pathname: string): boolean {
  return pathname === '/api' || OPEN_PATHS.some((p) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p));
}

/**
 * The bench's baseline pages (`/bench/…`, bench/README.md) exist only on a server started with LEDGERLINK_BENCH=1.
 * Anywhere else they are not found, signed in or not: a redirect to the login page would say there is a page.
 */
export function isAbsentBenchPage(pathname: string, env: Record<string, string | undefined> = process.env): boolean {
  return (pathname === '/bench' || pathname.startsWith('/bench/')) && env.LEDGERLINK_BENCH !== '1';
}

/** The login URL to redirect to, or null when the request may go on. */
export function pageLoginRedirect(req: Request): string | null {
  const url = new URL(req.url);
  if (isOpenPath(url.pathname)) return null;
  if (readSessionToken(req.headers.get('cookie'))) return null;
  return loginUrlFor(`${url.pathname}${url.search}`);
}

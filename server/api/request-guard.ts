/**
 * The network edge: what a request must look like before the server does any work for it.
 *
 * - Host. The server answers only to the address people open it at (LEDGERLINK_PUBLIC_URL; by default
 *   http://localhost:PORT, with 127.0.0.1 accepted too). A DNS-rebinding page (evil.example resolving to 127.0.0.1)
 *   reaches the server with `Host: evil.example` and is refused, so it can neither read pages nor call the API.
 * - Mutations (any method but GET, HEAD and OPTIONS) must come from the studio itself: an `Origin` of the public
 *   origin (browsers send it on every non-GET fetch), or no Origin and `Sec-Fetch-Site: same-origin`; and they must
 *   be `application/json`, which no plain HTML form can send, so a cross-site form or a CORS-free "simple" request
 *   (text/plain, multipart, urlencoded) is refused before any body is read.
 *
 * Framework-free (only the Fetch API's Request/Response), so route handlers, proxy.ts and tests all use it as is.
 */

/** Methods that change nothing: only the Host is checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Webhook route handlers live under this path (see ARCHITECTURE.md); proxy.ts leaves their Origin to them. */
export const WEBHOOK_PATH_PREFIX = '/api/hooks/';

/**
 * Server-to-server endpoints, authenticated by a signature rather than a session: no browser calls them, so no Origin
 * is asked for at the edge (each route handler checks the Host and the signature itself). The OA systems' webhooks,
 * and the demo's local finance system that this server's own worker delivers vouchers to.
 */
export function isServerToServerPath(pathname: string): boolean {
  return pathname.startsWith(WEBHOOK_PATH_PREFIX) || pathname === '/api/demo-ledger';
}

/** Hostnames that all name this machine: a public URL on one of them accepts the others on the same port. */
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

export interface GuardOptions {
  /**
   * For server-to-server endpoints (the OA systems' webhooks): no browser sends them, so no Origin or
   * Sec-Fetch-Site is asked for (their signature is checked instead). The Host rule still holds.
   */
  serverToServer?: boolean;
  /** Media types a mutation may carry; `application/json` unless said otherwise (e.g. a WeCom XML callback). */
  contentTypes?: readonly string[];
}

export type GuardRefusalCode = 'HOST_NOT_ALLOWED' | 'ORIGIN_NOT_ALLOWED' | 'CONTENT_TYPE_NOT_ALLOWED' | 'PUBLIC_URL_INVALID';

/** LEDGERLINK_PUBLIC_URL (or PORT) cannot be understood: a configuration mistake, reported as such. */
export class PublicUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicUrlError';
  }
}

function parseOrigin(text: string, variable: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PublicUrlError(`${variable} must be an absolute URL such as https://ledger.example.com, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PublicUrlError(`${variable} must start with http:// or https://, not "${text}"`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    throw new PublicUrlError(`${variable} must be an origin only (scheme, host and port, no path), not "${text}"`);
  return url;
}

/**
 * The origins this server answers to, the first being the one it calls itself by. LEDGERLINK_PUBLIC_URL may list
 * several, comma-separated (e.g. the intranet name and the address behind the reverse proxy). Read on every call:
 * `next start` sets PORT only once it listens.
 */
export function publicOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const configured = env.LEDGERLINK_PUBLIC_URL?.trim();
  let urls: URL[];
  if (configured) {
    urls = configured
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => parseOrigin(part, 'LEDGERLINK_PUBLIC_URL'));
  } else {
    const port = env.PORT?.trim() || '3000';
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new PublicUrlError(`PORT must be a port number, not "${port}"`);
    urls = [new URL(`http://localhost:${port}`)];
  }
  const origins: string[] = [];
  const add = (origin: string) => {
    if (!origins.includes(origin)) origins.push(origin);
  };
  for (const url of urls) {
    add(url.origin);
    // localhost and 127.0.0.1 are the same server; browsers and test runners use either.
    if (LOOPBACK_HOSTNAMES.includes(url.hostname)) {
      const port = url.port ? `:${url.port}` : '';
      for (const hostname of LOOPBACK_HOSTNAMES) add(`${url.protocol}//${hostname}${port}`);
    }
  }
  return origins;
}

/** Characters a Host header can hold; anything else (a path, userinfo, spaces) is not a host at all. */
const HOST_SYNTAX = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Whether a Host header names one of the origins (default ports compared as the origin's scheme has them). */
export function hostIsAllowed(host: string | null, origins: readonly string[]): boolean {
  if (!host || !HOST_SYNTAX.test(host)) return false;
  return origins.some((origin) => {
    const expected = new URL(origin);
    try {
      return new URL(`${expected.protocol}//${host}`).host === expected.host;
    } catch {
      return false;
    }
  });
}

/**
 * Whether an Origin header is exactly one of the origins. Browsers send the serialised origin (lower case, no
 * path), so an exact comparison is the right one; `null` (a sandboxed frame, a file: page) never matches.
 */
export function originIsAllowed(origin: string, origins: readonly string[]): boolean {
  return origins.includes(origin);
}

/** A short, printable rendering of a header value for an error message. */
function shown(value: string | null): string {
  if (value === null) return '(none)';
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 100 ? `${printable.slice(0, 100)}…` : `"${printable}"`;
}

export function refusal(code: GuardRefusalCode, message: string, status = 403): Response {
  return Response.json(
    { error: { code, message } },
    { status, headers: { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } },
  );
}

function readOrigins(): string[] | Response {
  try {
    return publicOrigins();
  } catch (error) {
    if (!(error instanceof PublicUrlError)) throw error;
    console.error('[request-guard]', error.message);
    return refusal('PUBLIC_URL_INVALID', `the server is misconfigured: ${error.message}`, 500);
  }
}

/** The Host rule alone: for every request, pages and static files included. `null` when it passes. */
export function checkHost(req: Request): Response | null {
  const origins = readOrigins();
  if (origins instanceof Response) return origins;
  const host = req.headers.get('host');
  if (hostIsAllowed(host, origins)) return null;
  return refusal(
    'HOST_NOT_ALLOWED',
    `this server answers only to ${origins.map((o) => new URL(o).host).join(', ')}; the request named the host ${shown(host)}. ` +
      'Open the studio at its configured address, or set LEDGERLINK_PUBLIC_URL to the address it is reached at.',
  );
}

/** The media type of a Content-Type header, without parameters such as charset. */
function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/**
 * The whole edge check for a route handler: Host for every request; for a mutation also Origin (or
 * Sec-Fetch-Site) and content type. Returns the 403 to send, or `null` when the request may go on. Reads headers
 * only, so it runs before any body is read.
 */
export function guardRequest(req: Request, options: GuardOptions = {}): Response | null {
  const hostRefused = checkHost(req);
  if (hostRefused) return hostRefused;
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;

  if (!options.serverToServer) {
    const origins = publicOrigins(); // valid: checkHost has read it
    const origin = req.headers.get('origin');
    const fetchSite = req.headers.get('sec-fetch-site');
    const sameOrigin = origin === null ? fetchSite === 'same-origin' : originIsAllowed(origin, origins);
    if (!sameOrigin)
      return refusal(
        'ORIGIN_NOT_ALLOWED',
        origin === null
          ? `a ${req.method} request must carry an Origin header of ${origins[0]} (or Sec-Fetch-Site: same-origin); it had neither`
          : `a ${req.method} request is accepted only from ${origins.join(', ')}; it came from ${shown(origin)}`,
      );
  }

  const allowed = options.contentTypes ?? ['application/json'];
  const type = mediaType(req.headers.get('content-type'));
  if (!type || !allowed.includes(type))
    return refusal(
      'CONTENT_TYPE_NOT_ALLOWED',
      `a ${req.method} request must be sent as ${allowed.join(' or ')}; it was ${shown(type)}`,
    );
  return null;
}

/** Headers every API answer carries: JSON is never to be sniffed into HTML or script. */
export function withApiHeaders(res: Response): Response {
  res.headers.set('x-content-type-options', 'nosniff');
  return res;
}

/**
 * The page policy. Scripts: only those carrying this response's nonce, plus what they load ('strict-dynamic'):
 * Next puts the nonce on its own inline and chunk scripts when it finds it in the request's CSP header. Styles:
 * 'unsafe-inline', because antd's server-rendered CSS-in-JS (`<style id="antd-cssinjs">` from
 * @ant-design/nextjs-registry) carries no nonce, antd and React Flow inject `<style>` elements at run time, and
 * React renders `style` attributes, which a nonce can never cover. Inline styles cannot run script; inline
 * scripts, the XSS vector, stay closed. Dev mode adds 'unsafe-eval' (React's dev tooling evaluates server stacks).
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  // Only over https: on http://localhost it would send every subresource to an https port nobody serves.
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** What proxy.ts does with a request: refuse it, or pass it on with these request and response headers. */
export type EdgeDecision =
  | { refuse: Response }
  | {
      refuse?: undefined;
      /** The request's headers for the app (with the CSP whose nonce Next puts on its scripts). */
      requestHeaders: Headers;
      /** To set on the response (the page's CSP); empty for API and static paths. */
      responseHeaders: Record<string, string>;
    };

/**
 * The edge check for every request that reaches proxy.ts: the Host rule for all paths; the mutation rules for
 * every path but the webhooks' (route handlers check again, with their own options; pages accept no mutation
 * other than the studio's own, which is why Next server actions — text/plain or multipart POSTs — are refused);
 * a per-request nonce and CSP for pages.
 */
export function checkEdge(req: Request): EdgeDecision {
  const pathname = new URL(req.url).pathname;
  const refused = isServerToServerPath(pathname) ? checkHost(req) : guardRequest(req);
  if (refused) return { refuse: refused };
  const requestHeaders = new Headers(req.headers);
  if (pathname === '/api' || pathname.startsWith('/api/')) return { requestHeaders, responseHeaders: {} };
  const policy = contentSecurityPolicy(newNonce(), {
    dev: process.env.NODE_ENV === 'development',
    https: new URL(publicOrigins()[0]).protocol === 'https:',
  });
  requestHeaders.set('content-security-policy', policy);
  return { requestHeaders, responseHeaders: { 'content-security-policy': policy } };
}

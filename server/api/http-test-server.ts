/**
 * For HTTP-level tests: the app's real route handlers (tRPC, sign-in, health, webhooks, the demo ledger, exports) served by node:http on
 * 127.0.0.1 with a random port and a database file of its own (LEDGERLINK_DB in the temp folder, migrated and
 * seeded like the server's). Requests reach the handler the way Next hands them over: the Node request stream is
 * the body, unread, so a test can send raw bytes (chunked, oversized, hand-made superjson) and see what the
 * server does with them.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DEMO_PASSWORD } from '../services/users-demo';
import type { Db } from '../../db/client';
import { closeServerDatabase, getDb } from './db';

export interface HttpTestServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  port: number;
  /** `name=value` of the demo admin's session cookie, sent by postBatch/getBatch unless a call says otherwise */
  sessionCookie: string;
  /** what the server printed while opening its database (the demo seed, or the first start's setup code) */
  log: string[];
  /** the server's own database handle, and its file (for a second connection, as the CLI would open) */
  db: Db;
  dbFile: string;
  close: () => Promise<void>;
}

type RouteHandler = (req: Request, ctx: { params: Promise<{ name: string }> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<'GET' | 'POST', RouteHandler>>;

/** The app's route handlers this server serves, by path (a trailing slash: everything under it). */
async function loadRoutes(): Promise<[string, RouteModule][]> {
  return [
    ['/api/trpc/', await import('../../app/api/trpc/[trpc]/route')],
    ['/api/auth/login', await import('../../app/api/auth/login/route')],
    ['/api/auth/logout', await import('../../app/api/auth/logout/route')],
    ['/api/auth/setup', await import('../../app/api/auth/setup/route')],
    ['/api/health', await import('../../app/api/health/route')],
    ['/api/hooks/', await import('../../app/api/hooks/[name]/route')],
    ['/api/demo-ledger', await import('../../app/api/demo-ledger/route')],
    ['/api/exports/vouchers', await import('../../app/api/exports/vouchers/route')],
  ];
}

function routeFor(routes: [string, RouteModule][], method: string, pathname: string): RouteHandler | undefined {
  const found = routes.find(([p]) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p));
  return found?.[1][method as 'GET' | 'POST'];
}

/** Signs in through the real login route; returns the session cookie as `name=value` for a Cookie header. */
export async function signIn(server: { origin: string }, username: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${server.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin, ...headers },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

function toWebRequest(req: http.IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    // As Next does: the Node stream itself, read only as far as the handler reads it.
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: 'half',
  } as RequestInit);
}

async function sendWebResponse(res: http.ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) return void res.end();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

/**
 * Starts the server. The route module is imported only after LEDGERLINK_DB points at the temp file, so its
 * database handle can only ever be the test's. `demo: false` is `LEDGERLINK_DEMO=0`: no demo data and no users,
 * so there is no admin session either (`sessionCookie` is empty) and `log` holds the one-time setup code.
 */
export async function startHttpTestServer(options: { demo?: boolean } = {}): Promise<HttpTestServer> {
  const demo = options.demo ?? true;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-http-'));
  const dbFile = path.join(dir, 'http.db');
  process.env.LEDGERLINK_DB = dbFile;
  if (!demo) process.env.LEDGERLINK_DEMO = '0';
  const log: string[] = [];
  const quiet = console.log;
  console.log = (...args: unknown[]) => void log.push(args.map(String).join(' ')); // kept off the test output
  let db: Db;
  try {
    db = getDb();
  } finally {
    console.log = quiet;
  }
  const routes = await loadRoutes();
  let origin = '';
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = routeFor(routes, req.method ?? 'GET', pathname);
    if (!handler) {
      res.statusCode = 404; // no such route handler in the app either
      return void res.end();
    }
    Promise.resolve()
      // The one dynamic segment served here is the webhook's connector name (/api/hooks/NAME).
      .then(() => handler(toWebRequest(req, origin), { params: Promise.resolve({ name: decodeURIComponent(pathname.split('/')[3] ?? '') }) }))
      .then((response) => sendWebResponse(res, response))
      .catch((error) => {
        console.error('[http-test-server]', error);
        if (!res.headersSent) res.statusCode = 599; // not a status the route ever sends: the test sees the crash
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  // As `next start` does once it listens: the request guard's default public origin is localhost/127.0.0.1:PORT.
  process.env.PORT = String(port);
  // Every /api route but login and health needs a session: the tests' calls go as the demo admin unless told otherwise.
  const sessionCookie = demo ? await signIn({ origin }, 'admin', DEMO_PASSWORD) : '';
  return {
    origin,
    port,
    sessionCookie,
    log,
    db: db!,
    dbFile,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      closeServerDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawAnswer {
  status: number;
  /** The parsed JSON answer (for a batch call, the first item of the list). */
  body: any;
  text: string;
}

/**
 * A mutation exactly as the studio's client sends it from the studio's page (httpBatchLink with superjson, and the
 * Origin header a browser adds to every POST): POST ?batch=1 with
 * `{"0": {"json": …, "meta": …}}`. `json` and `meta` are written by hand, so a test can send what no honest
 * client would; `rawJson` replaces the whole `json` part with text.
 */
export async function postBatch(
  server: HttpTestServer,
  procedure: string,
  request: { json?: unknown; meta?: unknown; rawJson?: string; cookie?: string | null },
): Promise<RawAnswer> {
  const json = request.rawJson ?? JSON.stringify(request.json);
  const meta = request.meta === undefined ? '' : `,"meta":${JSON.stringify(request.meta)}`;
  const res = await fetch(`${server.origin}/api/trpc/${procedure}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin, ...cookieHeader(server, request.cookie) },
    body: `{"0":{"json":${json}${meta}}}`,
  });
  return answer(res);
}

/** A query as the client sends it: GET ?batch=1&input={"0":{"json":…}}. */
export async function getBatch(server: HttpTestServer, procedure: string, input: unknown, opts: { cookie?: string | null } = {}): Promise<RawAnswer> {
  const query = encodeURIComponent(JSON.stringify({ 0: { json: input } }));
  return answer(await fetch(`${server.origin}/api/trpc/${procedure}?batch=1&input=${query}`, { headers: cookieHeader(server, opts.cookie) }));
}

/** The admin's session by default; another session's cookie, or none at all with `null`. */
function cookieHeader(server: HttpTestServer, cookie: string | null | undefined): Record<string, string> {
  const value = cookie === undefined ? server.sessionCookie : cookie;
  return value ? { cookie: value } : {};
}

async function answer(res: Response): Promise<RawAnswer> {
  const text = await res.text();
  let body: any = null;
  try {
    const parsed = JSON.parse(text);
    body = Array.isArray(parsed) ? parsed[0] : parsed;
  } catch {
    // not JSON: the test sees the text
  }
  return { status: res.status, body, text };
}

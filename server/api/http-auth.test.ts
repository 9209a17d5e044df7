import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../services/users-demo';
import { getBatch, signIn, startHttpTestServer, type HttpTestServer } from './http-test-server';

/** The sign-in routes over real HTTP, as a browser or a script calls them. */

let server: HttpTestServer;
beforeAll(async () => {
  server = await startHttpTestServer();
}, 60_000);
afterAll(() => server.close());

const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/auth/login', () => {
  it('answers 200 with an httpOnly, SameSite=Lax session cookie holding only a random token', async () => {
    const res = await post('/api/auth/login', { username: 'viewer', password: DEMO_PASSWORD }, { 'x-forwarded-for': '198.51.100.1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, user: { username: 'viewer', displayName: 'Demo viewer', role: 'viewer' } });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ledgerlink_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await post('/api/auth/login', { username: 'viewer', password: DEMO_PASSWORD }, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.2' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('answers every failure 401 with one message, whether or not the user exists', async () => {
    const unknown = await post('/api/auth/login', { username: 'no-such-user', password: 'whatever-123' }, { 'x-forwarded-for': '198.51.100.3' });
    const wrong = await post('/api/auth/login', { username: 'admin', password: 'whatever-123' }, { 'x-forwarded-for': '198.51.100.4' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.text()).toBe(await wrong.text());
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('answers 429 with Retry-After once an address failed 5 times in a row', async () => {
    const from = { 'x-forwarded-for': '198.51.100.99' };
    for (let i = 0; i < 5; i++) expect((await post('/api/auth/login', { username: `guess${i}`, password: 'Summer2026!' }, from)).status).toBe(401);
    const locked = await post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD }, from);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
  }, 30_000);

  it('refuses a malformed body with 400 and a foreign Origin with 403, before any work', async () => {
    expect((await post('/api/auth/login', '["admin"]')).status).toBe(400);
    expect((await post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD }, { origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('POST /api/auth/logout', () => {
  it('deletes the session server-side: the same cookie no longer works', async () => {
    const cookie = await signIn(server, 'analyst', DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.20' });
    expect((await getBatch(server, 'account.me', null, { cookie })).status).toBe(200);
    const res = await post('/api/auth/logout', {}, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^ledgerlink_session=; .*Max-Age=0/);
    expect((await getBatch(server, 'account.me', null, { cookie })).status).toBe(401);
  });
});

describe('GET /api/health', () => {
  it('answers 200 {"ok":true,"db":"ok",queueDepth,oldestPendingAgeS} without a session', async () => {
    const res = await fetch(`${server.origin}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: 'ok', queueDepth: 0, oldestPendingAgeS: 0 });
  });

  it('answers 503 when the database cannot be read, keeping the reason in the log', async () => {
    const { GET } = await import('../../app/api/health/route');
    const holder = globalThis as Record<symbol, unknown>;
    const key = Symbol.for('ledgerlink.server.db');
    const real = holder[key];
    holder[key] = { $client: { prepare: () => { throw new Error('SQLITE_IOERR: disk I/O error'); } } };
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = GET(new Request(`${server.origin}/api/health`, { headers: { host: new URL(server.origin).host } }));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain('SQLITE_IOERR');
      expect(log).toHaveBeenCalled();
    } finally {
      holder[key] = real;
      log.mockRestore();
    }
  });
});

describe('tRPC without a session', () => {
  it('answers 401 UNAUTHORIZED', async () => {
    const r = await getBatch(server, 'mappings.list', null, { cookie: null });
    expect(r.status).toBe(401);
    expect(r.body.error.json.data.code).toBe('UNAUTHORIZED');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../services/users-demo';
import { getBatch, startHttpTestServer, type HttpTestServer } from './http-test-server';

/**
 * `LEDGERLINK_DEMO=0`, first start, over real HTTP: no demo data and no account, so nobody can sign in; the first
 * administrator is created only with the one-time code the server printed to its log, and that code then dies.
 */

let server: HttpTestServer;
beforeAll(async () => {
  server = await startHttpTestServer({ demo: false });
}, 60_000);
afterAll(() => server.close());

const post = (route: string, body: unknown, address: string) =>
  fetch(`${server.origin}${route}`, {
    method: 'POST',
    // An address per step, so the failed attempts of one step cannot lock out the next.
    headers: { 'content-type': 'application/json', origin: server.origin, 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });

const setupCode = () => {
  const line = server.log.find((l) => l.includes('setup code'));
  return line?.match(/setup code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})$/)?.[1];
};

const FIRST_ADMIN = { username: 'zhang.min', displayName: '张敏', password: 'a long first-admin passphrase' };

describe('first start without demo data', () => {
  it('prints a one-time setup code and has no account: the demo admin cannot sign in', async () => {
    expect(setupCode()).toBeDefined();
    const res = await post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD }, '203.0.113.1');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await getBatch(server, 'mappings.list', null, { cookie: null })).status).toBe(401);
  });

  it('refuses the setup with a wrong code, creating nobody', async () => {
    const res = await post('/api/auth/setup', { ...FIRST_ADMIN, setupCode: 'AAAA-BBBB-CCCC' }, '203.0.113.2');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/setup code is not correct/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await post('/api/auth/login', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password }, '203.0.113.3')).status).toBe(401);
  });

  it('creates the first administrator with the printed code and signs them in', async () => {
    // Typed as a person would read it off a terminal: lower case, spaces around.
    const res = await post('/api/auth/setup', { ...FIRST_ADMIN, setupCode: ` ${setupCode()!.toLowerCase()} ` }, '203.0.113.4');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, user: { username: 'zhang.min', displayName: '张敏', role: 'admin' } });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const me = await getBatch(server, 'account.me', null, { cookie });
    expect(me.status).toBe(200);
    expect(me.body.result.data.json).toMatchObject({ username: 'zhang.min', role: 'admin' });
    // No demo company either: the new administrator starts from an empty studio.
    expect((await getBatch(server, 'mappings.list', null, { cookie })).body.result.data.json).toEqual([]);
    expect((await post('/api/auth/login', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password }, '203.0.113.5')).status).toBe(200);
  });

  it('then refuses the same code: a second administrator cannot be made that way', async () => {
    const res = await post('/api/auth/setup', { username: 'intruder', password: 'another long passphrase', setupCode: setupCode() }, '203.0.113.6');
    expect(res.status).toBe(412);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await post('/api/auth/login', { username: 'intruder', password: 'another long passphrase' }, '203.0.113.7')).status).toBe(401);
  });
});

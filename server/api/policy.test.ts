import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../services/users-demo';
import { ROLES, type Role } from '../services/users-roles';
import { getBatch, postBatch, signIn, startHttpTestServer, type HttpTestServer } from './http-test-server';
import { PROCEDURE_POLICY, rolesForProcedure, ROUTE_POLICY } from './policy';
import { appRouter } from './root';

/**
 * The access policy, enforced: every procedure of the app router has an entry, and over real HTTP with real
 * session cookies each role gets exactly what the table says — 403 where it is not listed, past the check where it
 * is — and a caller without a session gets 401 everywhere.
 */

type ProcedureDef = { _def: { type: 'query' | 'mutation' | 'subscription' } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(([p, proc]) => ({
  path: p,
  type: proc._def.type,
}));

describe('the policy table', () => {
  it('has an entry for every procedure of the app router', () => {
    const missing = procedures.filter((p) => !rolesForProcedure(p.path)).map((p) => p.path);
    expect(missing, 'add these to PROCEDURE_POLICY in server/api/policy.ts').toEqual([]);
  });

  it('names no procedure that does not exist (a stale entry hides a renamed one)', () => {
    const known = new Set(procedures.map((p) => p.path));
    expect(Object.keys(PROCEDURE_POLICY).filter((k) => !known.has(k))).toEqual([]);
  });

  it('has an entry for every method of every route handler under app/api', async () => {
    const root = path.resolve(__dirname, '../../app/api');
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts'));
    const keys: string[] = [];
    for (const file of files) {
      const mod = (await import(path.join(root, file))) as Record<string, unknown>;
      const routePath = `/api/${path.dirname(file).split(path.sep).join('/')}`;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
        if (typeof mod[method] === 'function') keys.push(`${method} ${routePath}`);
    }
    expect(keys.length).toBeGreaterThan(4);
    expect(keys.filter((k) => !Object.hasOwn(ROUTE_POLICY, k)), 'add these to ROUTE_POLICY').toEqual([]);
  });
});

describe('every procedure as every role, over HTTP', () => {
  let server: HttpTestServer;
  const cookies = {} as Record<Role, string>;

  beforeAll(async () => {
    server = await startHttpTestServer();
    for (const role of ROLES) cookies[role] = await signIn(server, DEMO_USERS.find((u) => u.role === role)!.username, DEMO_PASSWORD);
  }, 60_000);
  afterAll(() => server.close());

  // An input no procedure accepts (every input is an object): an allowed call stops at validation, so the probe
  // changes nothing; a refused one never gets that far, because the policy check runs before input parsing.
  const PROBE = 'policy-probe';
  const call = (p: { path: string; type: string }, cookie: string | null) =>
    p.type === 'mutation' ? postBatch(server, p.path, { json: PROBE, cookie }) : getBatch(server, p.path, PROBE, { cookie });

  it('answers 401 to a caller without a session, for every procedure', async () => {
    for (const p of procedures) {
      const r = await call(p, null);
      expect([p.path, r.status, r.body?.error?.json?.data?.code]).toEqual([p.path, 401, 'UNAUTHORIZED']);
    }
  });

  it('answers 401 to a forged or ended session', async () => {
    const r = await getBatch(server, 'mappings.list', null, { cookie: 'ledgerlink_session=forged-token' });
    expect(r.status).toBe(401);
  });

  for (const role of ROLES) {
    it(`lets ${role} call exactly the procedures the table gives it`, async () => {
      const verdicts: string[] = [];
      const expected: string[] = [];
      for (const p of procedures) {
        const r = await call(p, cookies[role]);
        const allowed = rolesForProcedure(p.path)!.includes(role);
        expected.push(`${p.path}: ${allowed ? 'allowed' : 'denied'}`);
        // Denied is 403; allowed is anything past the check (200 for a query without input, 400 for the probe).
        verdicts.push(`${p.path}: ${r.status === 403 ? 'denied' : r.status === 401 || r.status >= 500 ? `broken ${r.status}` : 'allowed'}`);
      }
      expect(verdicts).toEqual(expected);
    });
  }
});

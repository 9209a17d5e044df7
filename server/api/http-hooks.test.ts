import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents } from '../../db/schema';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { createConnector } from '../services/connectors';
import { getDb } from './db';
import { startHttpTestServer, type HttpTestServer } from './http-test-server';

/** POST /api/hooks/NAME over real HTTP: the raw bytes, the limits and the answers a sender sees. */
let server: HttpTestServer;
let secret: string;
const body = fs.readFileSync(path.join(__dirname, '../../db/seed/payloads/dingtalk-instance.json'), 'utf8');

beforeAll(async () => {
  server = await startHttpTestServer();
  secret = createConnector(getDb(), { username: 'it', role: 'integrator' }, { name: 'oa', kind: 'webhook', format: 'dingtalk', templateCode: 'PROC-TRAVEL-EXPENSE' }).secret!;
}, 60_000);
afterAll(() => server.close());

const send = (name: string, text: string, headers: Record<string, string>) =>
  fetch(`${server.origin}/api/hooks/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text as string });
const events = () => getDb().select().from(inboundEvents).all().length;

describe('POST /api/hooks/NAME', () => {
  it('accepts a signed instance with 202 after storing it, without a session, Origin or cookie', async () => {
    const res = await send('oa', body, signStandardWebhook(secret, { id: 'h-1', timestamp: new Date(), body }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ ok: true, messageId: 'h-1' });
    expect(getDb().select().from(inboundEvents).all().some((e) => e.messageId === 'h-1')).toBe(true);
    const again = await send('oa', body, signStandardWebhook(secret, { id: 'h-1', timestamp: new Date(), body }));
    expect(again.status).toBe(200);
  });

  it('checks the signature on the bytes as sent: a re-encoded body is refused', async () => {
    const headers = signStandardWebhook(secret, { id: 'h-2', timestamp: new Date(), body });
    const reformatted = JSON.stringify(JSON.parse(body));
    const before = events();
    expect((await send('oa', reformatted, headers)).status).toBe(401);
    expect((await send('oa', body, { 'content-type': 'application/json' })).status).toBe(401);
    expect(events()).toBe(before);
  });

  it('reports the live queue on GET /api/health', async () => {
    const res = await fetch(`${server.origin}/api/health`);
    const health = await res.json();
    expect(health).toMatchObject({ ok: true, db: 'ok' });
    expect(health.queueDepth).toBeGreaterThanOrEqual(0);
    expect(typeof health.oldestPendingAgeS).toBe('number');
  });
  // Last: the server stops reading the oversize body and closes that connection, which the client's pool may reuse.
  it('refuses a body over 1 MB with 413 while reading, and an unknown connector with 404', async () => {
    expect((await send('nobody', body, signStandardWebhook(secret, { id: 'h-4', timestamp: new Date(), body }))).status).toBe(404);
    const huge = `{"pad":"${'x'.repeat(1024 * 1024)}"}`;
    const res = await send('oa', huge, signStandardWebhook(secret, { id: 'h-3', timestamp: new Date(), body: huge }));
    expect(res.status).toBe(413);
  });

});

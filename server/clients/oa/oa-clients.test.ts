import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { getConnector, parseJsonPayload } from '../../connectors';
import { startOaSimulator, type OaSimulator, type OaSimulatorOptions } from '../simulators/oa-server';
import { createOaClient, OA_CREDENTIALS_SCHEMAS, type OaClient, type OaVendor } from './index';

const payloads = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/seed/payloads');
const read = (name: string) => readFileSync(path.join(payloads, name), 'utf8');

interface Case {
  vendor: OaVendor;
  fixture: string;
  instanceId: string;
  credentials: Record<string, string>;
  wrong: Record<string, string>;
  secret: string;
  /** The key whose object is the bare instance, last in the fixture (for the envelope-wrapping test). */
  lastKey?: string;
}

const CASES: Case[] = [
  {
    vendor: 'dingtalk',
    fixture: 'dingtalk-instance.json',
    instanceId: 'Xk3p9R2aTQmB7uVw1cYdGg04891741914753',
    credentials: { appKey: 'dingsimappkey0001', appSecret: 'dt-secret-4c1f9a7e2b' },
    wrong: { appKey: 'dingsimappkey0001', appSecret: 'dt-wrong-secret-77' },
    secret: 'dt-wrong-secret-77',
  },
  {
    vendor: 'wecom',
    fixture: 'wecom-approval-detail.json',
    instanceId: '202503140012',
    credentials: { corpId: 'ww1cSD21f1e9c0caaa', corpSecret: 'wc-secret-a8b7c6d5e4' },
    wrong: { corpId: 'ww1cSD21f1e9c0caaa', corpSecret: 'wc-wrong-secret-99' },
    secret: 'wc-wrong-secret-99',
    lastKey: 'info',
  },
  {
    vendor: 'feishu',
    fixture: 'feishu-instance.json',
    instanceId: 'C34A7ECB-E60A-457A-AA1F-36890ABB9B68',
    credentials: { appId: 'cli_a7b1c2d3e4f5a6b7', appSecret: 'fs-secret-0f1e2d3c4b' },
    wrong: { appId: 'cli_a7b1c2d3e4f5a6b7', appSecret: 'fs-wrong-secret-55' },
    secret: 'fs-wrong-secret-55',
    lastKey: 'data',
  },
];

const started: OaSimulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function simulator(c: Case, extra: Partial<OaSimulatorOptions> = {}): Promise<OaSimulator> {
  const sim = await startOaSimulator({ vendor: c.vendor, credentials: c.credentials, ...extra } as OaSimulatorOptions);
  started.push(sim);
  return sim;
}

function clientFor(c: Case, sim: OaSimulator, credentials = c.credentials, now?: () => number): OaClient {
  const allow = [new URL(sim.url).host];
  return createOaClient(c.vendor, { baseUrl: sim.url, credentials: credentials as never, policy: { allow }, now });
}

function normalise(vendor: OaVendor, bodyText: string, instanceId: string) {
  const parsed = parseJsonPayload(bodyText);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return getConnector(vendor).normalize(parsed.value, { instanceId });
}

describe.each(CASES)('$vendor client against the simulator', (c) => {
  const fixtureText = read(c.fixture);

  it('fetches the token once for 5 concurrent fetches and returns the API body verbatim', async () => {
    const sim = await simulator(c);
    sim.addInstance(c.instanceId, fixtureText);
    const client = clientFor(c, sim);
    const results = await Promise.all(Array.from({ length: 5 }, () => client.fetchInstance(c.instanceId)));
    for (const r of results) expect(r).toEqual({ ok: true, bodyText: fixtureText });
    expect(sim.tokenRequests).toBe(1);
    expect(sim.instanceRequests).toBe(5);
  });

  it('replaces an expired token once and the fetch succeeds', async () => {
    const sim = await simulator(c);
    sim.addInstance(c.instanceId, fixtureText);
    const client = clientFor(c, sim);
    expect((await client.fetchInstance(c.instanceId)).ok).toBe(true);
    sim.expireTokens();
    const again = await Promise.all([client.fetchInstance(c.instanceId), client.fetchInstance(c.instanceId)]);
    expect(again.map((r) => r.ok)).toEqual([true, true]);
    // Both callers held the expired token; only one replacement is requested.
    expect(sim.tokenRequests).toBe(2);
  });

  it('refreshes shortly before expires_in, not after', async () => {
    let clock = Date.UTC(2025, 2, 15, 8, 0, 0);
    const now = () => clock;
    const sim = await simulator(c, { now });
    sim.addInstance(c.instanceId, fixtureText);
    const client = clientFor(c, sim, c.credentials, now);
    await client.fetchInstance(c.instanceId);
    clock += (7200 - 301) * 1000;
    expect((await client.fetchInstance(c.instanceId)).ok).toBe(true);
    expect(sim.tokenRequests).toBe(1);
    clock += 2 * 1000;
    expect((await client.fetchInstance(c.instanceId)).ok).toBe(true);
    expect(sim.tokenRequests).toBe(2);
  });

  it('gives up after one replacement when the vendor refuses fresh tokens too (retryable)', async () => {
    const sim = await simulator(c, { tokenTtlS: 0 });
    sim.addInstance(c.instanceId, fixtureText);
    const r = await clientFor(c, sim).fetchInstance(c.instanceId);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.retryable).toBe(true);
    expect(r.message).toMatch(/freshly issued access token/);
    expect(sim.tokenRequests).toBe(2);
  });

  it('reports an unknown instance as not retryable', async () => {
    const sim = await simulator(c);
    const r = await clientFor(c, sim).fetchInstance('no-such-instance-42');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.retryable).toBe(false);
    expect(r.message).toContain('no-such-instance-42');
    expect(typeof r.status).toBe('number');
  });

  it('reports a vendor 500 as retryable, then succeeds with the same token', async () => {
    const sim = await simulator(c);
    sim.addInstance(c.instanceId, fixtureText);
    sim.failNextInstanceRequests(1, 500);
    const client = clientFor(c, sim);
    const r = await client.fetchInstance(c.instanceId);
    expect(r).toMatchObject({ ok: false, retryable: true, status: 500 });
    expect((await client.fetchInstance(c.instanceId)).ok).toBe(true);
    expect(sim.tokenRequests).toBe(1);
  });

  it('refuses wrong credentials as not retryable, without the secret in the message', async () => {
    const sim = await simulator(c);
    sim.addInstance(c.instanceId, fixtureText);
    const r = await clientFor(c, sim, c.wrong).fetchInstance(c.instanceId);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.retryable).toBe(false);
    expect(r.message).toMatch(/access token/);
    expect(r.message).not.toContain(c.secret);
    expect(sim.instanceRequests).toBe(0);
  });

  it('normalises the fetched body into the same FormRecord as the fixture', async () => {
    const sim = await simulator(c);
    sim.addInstance(c.instanceId, fixtureText);
    const r = await clientFor(c, sim).fetchInstance(c.instanceId);
    if (!r.ok) throw new Error(r.message);
    const fetched = normalise(c.vendor, r.bodyText, c.instanceId);
    const expected = normalise(c.vendor, fixtureText, c.instanceId);
    expect(fetched.ok).toBe(true);
    expect(fetched).toEqual(expected);
    if (fetched.ok) expect(fetched.record.status).toBe('approved');
  });

  it('validates its credentials with the exported schema', () => {
    const schema = OA_CREDENTIALS_SCHEMAS[c.vendor];
    expect(schema.safeParse(c.credentials).success).toBe(true);
    expect(schema.safeParse({ ...c.credentials, extra: 'x' }).success).toBe(false);
    const [firstKey] = Object.keys(c.credentials);
    expect(schema.safeParse({ ...c.credentials, [firstKey]: '  ' }).success).toBe(false);
  });
});

describe.each(CASES.filter((c) => c.lastKey))('$vendor simulator', (c) => {
  it('wraps a bare instance object in the vendor envelope', async () => {
    const fixtureText = read(c.fixture);
    const marker = `"${c.lastKey}":`;
    const start = fixtureText.indexOf(marker) + marker.length;
    const bare = fixtureText.slice(start, fixtureText.lastIndexOf('}')).trim();
    const sim = await simulator(c);
    sim.addInstance(c.instanceId, bare);
    const r = await clientFor(c, sim).fetchInstance(c.instanceId);
    if (!r.ok) throw new Error(r.message);
    expect(r.bodyText).not.toBe(fixtureText);
    expect(normalise(c.vendor, r.bodyText, c.instanceId)).toEqual(normalise(c.vendor, fixtureText, c.instanceId));
  });

});

describe('OA client transport failures', () => {
  const c = CASES[1]; // WeCom: its token request carries the secret in the URL, the worst case for leaks.

  it('treats a closed port as retryable and keeps the secret out of the message', async () => {
    const sim = await startOaSimulator({ vendor: 'wecom', credentials: c.credentials as never });
    const url = sim.url;
    await sim.close();
    const client = createOaClient('wecom', { baseUrl: url, credentials: c.credentials as never, policy: { allow: [new URL(url).host] } });
    const r = await client.fetchInstance(c.instanceId);
    expect(r).toMatchObject({ ok: false, retryable: true });
    if (!r.ok) expect(r.message).not.toContain(c.credentials.corpSecret);
  });

  it('refuses a loopback API address not on the allow-list, as not retryable', async () => {
    const sim = await simulator(c);
    const client = createOaClient('wecom', { baseUrl: sim.url, credentials: c.credentials as never, policy: { allow: [] } });
    const r = await client.fetchInstance(c.instanceId);
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(sim.tokenRequests).toBe(0);
  });

  it('refuses an empty instance id before any request', async () => {
    const sim = await simulator(c);
    const r = await clientFor(c, sim).fetchInstance('  ');
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(sim.tokenRequests).toBe(0);
  });
});

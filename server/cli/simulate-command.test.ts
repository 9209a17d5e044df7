import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createConnector, liveConnector, updateConnector, type LiveConnector } from '../services/connectors';
import { liveQueue } from '../services/live-queue';
import { startLiveWorker, stopLiveWorker } from '../services/live-worker';
import { listRuns } from '../services/runs';
import { generateClaims } from '../simulate/claims';
import { startHttpTestServer, type HttpTestServer } from '../api/http-test-server';
import { simulate } from '../simulate/simulator';
import { isLoopbackHost, simulationTarget } from '../simulate/target';
import { simulateCommand } from './simulate-command';

let server: HttpTestServer;
const actor = { username: 'it', role: 'integrator' };

/** Runs the command as the CLI does, against the test server's database file. */
async function simulateCli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await simulateCommand(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, { openDb: () => openDatabase(server.dbFile), env: {} });
  const stdout = out.join('');
  return { code, stdout, stderr: err.join(''), summary: stdout ? JSON.parse(stdout) : null };
}

/** Until the live queue is empty (every event run, every voucher delivered or dead). */
async function drained(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (liveQueue(server.db).stats().queueDepth > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(liveQueue(server.db).stats().queueDepth).toBe(0);
}

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  process.env.LEDGERLINK_RETRY_BASE_MS = '1';
  server = await startHttpTestServer();
});
afterAll(async () => {
  await stopLiveWorker();
  await server?.close();
  delete process.env.LEDGERLINK_OUTBOUND_ALLOW;
});

describe('ledgerlink simulate against a running server', () => {
  it('sends signed claims to a webhook connector; every one is stored, and the worker makes one run each', async () => {
    const { code, stdout, stderr, summary } = await simulateCli([
      '--connector', 'demo-dingtalk', '--count', '12', '--rate', '50', '--faulty', '0.25', '--seed', 'e2e', '--url', server.origin,
    ]);
    expect(stderr).not.toMatch(/ledgerlink:/);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(summary).toMatchObject({ sent: 12, accepted: 12, duplicates: 0, refused: 0, failed: 0, valid: 9, faulty: 3 });
    expect(Object.keys(summary)).toEqual(['sent', 'accepted', 'duplicates', 'refused', 'failed', 'valid', 'faulty', 'elapsedMs', 'ratePerS']);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.filter((l) => / valid → 202$/.test(l))).toHaveLength(9);
    expect(lines.filter((l) => / faulty \(.+\) → 202$/.test(l))).toHaveLength(3);

    startLiveWorker(server.db, { pollMs: 20 });
    await drained();
    const runs = listRuns(server.db, { connector: 'demo-dingtalk' });
    expect(runs).toHaveLength(12);
    expect(runs.filter((r) => r.status === 'ok')).toHaveLength(9);
    const refused = runs.filter((r) => r.status === 'error');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.errors.some((e) => typeof e.field === 'string' && e.field.length > 0)).toBe(true);
    await stopLiveWorker();
    // Every voucher reached the demo ledger, once.
    for (const r of runs.filter((x) => x.status === 'ok')) expect(r.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
    // The OA references logged are those of the runs.
    const logged = lines.map((l) => l.split(' ')[1]).sort();
    expect(runs.map((r) => r.oaReference).sort()).toEqual(logged);
  });

  it('re-sending the same seed is a new delivery of the same instances: accepted, and no second voucher', async () => {
    const { code, summary } = await simulateCli(['--connector', 'demo-dingtalk', '--count', '6', '--rate', '50', '--faulty', '0', '--seed', 'e2e', '--url', server.origin]);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ sent: 6, accepted: 6, refused: 0, valid: 6 });
    startLiveWorker(server.db, { pollMs: 20 });
    await drained();
    await stopLiveWorker();
    // The first run's claims 1–6: those that were valid have their voucher already; the faulty ones, now sent
    // without their fault, get their first.
    const first = generateClaims({ format: 'dingtalk', count: 12, faultyShare: 0.25, seed: 'e2e' }).slice(0, 6);
    const again = listRuns(server.db, { connector: 'demo-dingtalk' }).filter((r) => first.some((c) => c.instanceId === r.instanceId));
    for (const c of first) {
      const statuses = again.filter((r) => r.instanceId === c.instanceId).map((r) => r.status).sort();
      expect(statuses).toEqual(c.valid ? ['duplicate', 'ok'] : ['error', 'ok']);
    }
    expect(listRuns(server.db, { connector: 'demo-dingtalk' })).toHaveLength(18);
  });

  it('keeps the requested rate over the whole run', async () => {
    const t = Date.now();
    const { summary } = await simulateCli(['--connector', 'demo-feishu', '--count', '11', '--rate', '20', '--seed', 'rate', '--url', server.origin]);
    // 11 messages at 20/s: the last starts 500 ms after the first, not at once.
    expect(Date.now() - t).toBeGreaterThanOrEqual(490);
    expect(summary.ratePerS).toBeGreaterThan(17);
    expect(summary.ratePerS).toBeLessThanOrEqual(20.5);
    expect(summary.accepted).toBe(11);
  });

  const VENDORS = {
    wecom: {
      settings: { corpId: 'wwsimulatedcorp01' },
      secrets: () => ({ token: 'sim-token', aesKey: randomBytes(32).toString('base64').slice(0, 43), corpSecret: 'sim-corp-secret' }),
    },
    dingtalk: {
      settings: { appKey: 'dingsimappkey0001', ownerKey: 'dingsimappkey0001' },
      secrets: () => ({ token: 'sim-token', aesKey: randomBytes(32).toString('base64').slice(0, 43), appSecret: 'sim-app-secret' }),
    },
    feishu: {
      settings: { appId: 'cli_a7b1c2d3e4f5a6b7' },
      secrets: () => ({ verificationToken: 'sim-verify', encryptKey: 'sim-encrypt-key', appSecret: 'sim-app-secret' }),
    },
  } as const;

  it.each(Object.keys(VENDORS) as (keyof typeof VENDORS)[])(
    'plays %s for a vendor connector: encrypted callbacks, then serves each instance until the server fetched it',
    async (vendor) => {
      const port = await freePort();
      process.env.LEDGERLINK_OUTBOUND_ALLOW = `127.0.0.1:${port}`;
      const name = `oa-${vendor}`;
      createConnector(server.db, actor, {
        name,
        kind: vendor,
        format: vendor,
        settings: { apiBaseUrl: `http://127.0.0.1:${port}`, ...VENDORS[vendor].settings },
        secrets: VENDORS[vendor].secrets(),
      });
      startLiveWorker(server.db, { pollMs: 20 });
      const { code, stderr, summary } = await simulateCli(['--connector', name, '--count', '5', '--rate', '25', '--faulty', '0.2', '--seed', vendor, '--url', server.origin, '--wait', '20']);
      expect(stderr).toContain(`LEDGERLINK_OUTBOUND_ALLOW=127.0.0.1:${port}`);
      expect(code).toBe(0);
      expect(summary).toMatchObject({ sent: 5, accepted: 5, refused: 0, failed: 0, valid: 4, faulty: 1 });
      expect(summary.instancesFetched).toBeGreaterThanOrEqual(5);
      await drained();
      await stopLiveWorker();
      const runs = listRuns(server.db, { connector: name });
      expect(runs.map((r) => r.status).sort()).toEqual(['error', 'ok', 'ok', 'ok', 'ok']);
      const sent = generateClaims({ format: vendor, count: 5, faultyShare: 0.2, seed: vendor });
      expect(runs.map((r) => r.instanceId).sort()).toEqual(sent.map((c) => c.instanceId).sort());
    },
  );

  it('says what is wrong before sending anything', async () => {
    const none = await simulateCli(['--connector', 'nobody', '--count', '1', '--url', server.origin]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no connector is named "nobody"/);
    const usage = await simulateCli(['--connector', 'demo-wecom']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--connector NAME --count N/);
    const badRate = await simulateCli(['--connector', 'demo-wecom', '--count', '1', '--rate', '0']);
    expect(badRate.stderr).toMatch(/--rate must be a number of messages per second above 0/);
    const noServer = await simulateCli(['--connector', 'demo-wecom', '--count', '1', '--url', `http://127.0.0.1:${await freePort()}`]);
    expect(noServer.code).toBe(1);
    expect(noServer.stderr).toMatch(/no Ledgerlink server answers at http:\/\/127\.0\.0\.1:\d+/);
    expect(noServer.stdout).toBe('');
  });

  it('counts refusals with their reason and exits 1: a connector for another form template', async () => {
    createConnector(server.db, actor, { name: 'other-form', kind: 'webhook', format: 'wecom', templateCode: 'C4NtGeneralExpense' });
    const { code, stderr, summary } = await simulateCli(['--connector', 'other-form', '--count', '3', '--rate', '50', '--seed', 'x', '--url', server.origin]);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ sent: 3, accepted: 0, refused: 3, failed: 0 });
    expect(stderr.trim().split('\n')[0]).toMatch(/^#1 \d{14} valid → 400 the instance is of form template "3WLJF6naF5jhnXvwisuPmE85wVMYcy1S1ZvYibkw"/);
  });

  it('signs with the secret the server holds: a rotated secret is refused (401) with the reason', async () => {
    createConnector(server.db, actor, { name: 'rotated', kind: 'webhook', format: 'wecom' });
    const stale = liveConnector(server.db, 'rotated');
    updateConnector(server.db, actor, { name: 'rotated', secrets: { webhookSecrets: ['whsec_' + randomBytes(32).toString('base64')] } });
    const lines: string[] = [];
    const summary = await simulate({ url: server.origin, target: simulationTarget(stale, 'rotated'), count: 2, ratePerS: 50, faultyShare: 0, seed: 'x', log: (l) => lines.push(l) });
    expect(summary).toMatchObject({ sent: 2, accepted: 0, refused: 2 });
    expect(lines[0]).toMatch(/→ 401 the webhook signature was refused/);
  });
});

describe('what simulate plays', () => {
  const vendor = (apiBaseUrl: string): LiveConnector => ({
    id: 1,
    name: 'oa',
    kind: 'dingtalk',
    format: 'dingtalk',
    templateCode: null,
    settings: { apiBaseUrl, appKey: 'k', ownerKey: 'k' } as never,
    secrets: { token: 't', aesKey: 'a'.repeat(43), appSecret: 's' } as never,
    enabled: true,
  });

  it('plays a vendor only on a loopback API address, and says how to point the connector there', () => {
    expect(() => simulationTarget(vendor('https://api.dingtalk.com'), 'oa')).toThrow(/fetches instances from https:\/\/api\.dingtalk\.com, not this machine.*e\.g\. http:\/\/127\.0\.0\.1:4100/);
    expect(() => simulationTarget(vendor('http://127.0.0.1:4100/v1'), 'oa')).toThrow(/has a path/);
    expect(simulationTarget(vendor('http://localhost:4100'), 'oa')).toMatchObject({ kind: 'vendor', host: '127.0.0.1', port: 4100 });
    expect(simulationTarget(vendor('http://[::1]:4101'), 'oa')).toMatchObject({ host: '::1', port: 4101 });
  });

  it('knows loopback from other private addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', '192.168.1.2', 'example.com', '0.0.0.0', '::'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses a generic webhook connector: it writes only the three OA formats', () => {
    const generic = { ...vendor(''), kind: 'webhook', format: 'generic', secrets: { webhookSecrets: ['whsec_x'] } } as unknown as LiveConnector;
    expect(() => simulationTarget(generic, 'g')).toThrow(/takes generic bodies/);
  });
});

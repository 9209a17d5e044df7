import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyStandardWebhook } from '../inbound/standard-webhook';
import { achievedRate, paced } from './pacing';
import { simulate } from './simulator';

const secret = 'whsec_' + Buffer.alloc(32, 3).toString('base64');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A receiver that answers health, and hooks with `answer(n)` for the n-th POST (null: drop the connection). */
async function receiver(answer: (n: number) => number | null) {
  const posts: { webhookId: string; verified: boolean }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/api/health') return void res.writeHead(200).end('{"ok":true}');
      const headers = req.headers as Record<string, string>;
      posts.push({ webhookId: headers['webhook-id'], verified: verifyStandardWebhook([secret], headers, Buffer.concat(chunks).toString('utf8')).ok });
      const status = answer(posts.length);
      if (status === null) return void req.socket.destroy();
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"ok":true,"duplicate":true}' : '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts };
}

const target = { kind: 'webhook' as const, connector: 'sim', format: 'dingtalk' as const, secret };

describe('sending', () => {
  it('sends a message again under the same webhook-id when the connection drops, and counts it once', async () => {
    const r = await receiver((n) => (n === 1 ? null : 202));
    const lines: string[] = [];
    const summary = await simulate({ url: r.url, target, count: 2, ratePerS: 100, faultyShare: 0, seed: 's', log: (l) => lines.push(l) });
    expect(summary).toMatchObject({ sent: 2, accepted: 2, failed: 0, refused: 0 });
    expect(r.posts).toHaveLength(3);
    expect(r.posts.every((p) => p.verified)).toBe(true);
    const ids = r.posts.map((p) => p.webhookId);
    expect(new Set(ids).size).toBe(2);
    expect(lines.some((l) => l.endsWith('→ 202 (after 2 tries)'))).toBe(true);
  });

  it('tells a duplicate answer from an accepted one, and gives up after three tries without an answer', async () => {
    const r = await receiver((n) => (n === 1 ? 200 : null));
    const summary = await simulate({ url: r.url, target, count: 2, ratePerS: 100, faultyShare: 0, seed: 's', log: () => {} });
    expect(summary).toMatchObject({ sent: 2, accepted: 0, duplicates: 1, failed: 1 });
    expect(r.posts).toHaveLength(4);
  });
});

describe('pacing', () => {
  it('starts message i at i/R, not in bursts, even when answers are slow', async () => {
    const starts: number[] = [];
    const t0 = performance.now();
    const run = await paced(8, 40, 100, async () => {
      starts.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 120)); // each answer takes longer than the interval
    });
    for (const [i, at] of starts.entries()) {
      expect(at).toBeGreaterThanOrEqual(i * 25 - 2);
      expect(at).toBeLessThan(i * 25 + 40);
    }
    expect(achievedRate(8, 40, run)).toBeGreaterThan(35);
    expect(achievedRate(8, 40, run)).toBeLessThanOrEqual(40.5);
  });

  it('waits for a slot when the in-flight cap binds, and the achieved rate shows it', async () => {
    const run = await paced(6, 1000, 1, () => new Promise((r) => setTimeout(r, 30)));
    expect(achievedRate(6, 1000, run)).toBeLessThan(60);
  });
});

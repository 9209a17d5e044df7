/**
 * The ingest benchmark (`npm run bench:ingest`; see bench/README.md, "Ingest"). Three figures against the real
 * built server on loopback:
 *
 * 1. ingest/baseline: sustained signed ingest (POST /api/hooks/NAME: Standard Webhooks verification, the instance
 *    check, the event and its job committed with synchronous=FULL) over a bare Next.js route handler making the same
 *    durable insert (POST /api/bench/baseline, LEDGERLINK_BENCH=1), measured in the same run on the same server,
 *    alternating rounds, worker off, closed loop with CONCURRENCY senders. Events acknowledged per second.
 * 2. ack_p99_ms: acknowledgement latency (send → 2xx) of signed claims sent open-loop at 50 events/s while the worker
 *    is busy draining a backlog of BACKLOG claims sent just before (the queue depth is shown at the start and end).
 * 3. voucher_p95_ms: receipt → delivered voucher, at 50 events/s with no backlog: from the moment a claim is sent
 *    until the finance system (a Standard Webhooks finance simulator in this process) has booked its voucher.
 */
import { startWebhookFinanceSimulator, type BookedVoucher } from '../../server/clients/simulators/finance-webhook';
import { signStandardWebhook } from '../../server/inbound/standard-webhook';
import { makeClaim, referencesIn } from '../../reliability/claims';
import { LedgerlinkServer, waitFor } from '../../reliability/server';
import os from 'node:os';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUND_MS = arg('round-ms', 4000);
const ROUNDS = arg('rounds', 3);
const CONCURRENCY = arg('concurrency', 16);
const RATE = arg('rate', 50);
const RATE_SECONDS = arg('seconds', 10);
const BACKLOG = arg('backlog', 400);
const FINANCE_SECRET = 'whsec_' + Buffer.alloc(32, 5).toString('base64');
const MAPPING = 'travel-reimbursement.dingtalk-kingdee';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : String(n));
let claimNo = 0;
const nextClaim = (tag: number) => makeClaim('dingtalk', tag, claimNo++);

async function post(url: string, headers: Record<string, string>, body: string): Promise<number | null> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

async function setUp(name: string, env: Record<string, string>, simHost: string) {
  const server = new LedgerlinkServer(name, { env: { LEDGERLINK_OUTBOUND_ALLOW: simHost, ...env } });
  await server.start();
  const secret: string = server.cli(['connectors', 'create', '--kind', 'webhook', '--format', 'dingtalk', '--name', 'bench-dingtalk', '--template', 'PROC-TRAVEL-EXPENSE']).secret;
  return { server, secret };
}

/** Closed loop: CONCURRENCY senders for `ms`, each sending the next request when its previous was answered. */
async function closedLoop(ms: number, request: () => Promise<number | null>): Promise<{ ok: number; other: number; seconds: number }> {
  let ok = 0;
  let other = 0;
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const status = await request();
        if (status !== null && status >= 200 && status < 300) ok++;
        else other++;
      }
    }),
  );
  return { ok, other, seconds: (performance.now() - started) / 1000 };
}

/** Open loop: `count` sends at `rate` per second on a fixed schedule, whatever the answers take. */
async function openLoop(count: number, rate: number, send: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
}

async function queueDepth(server: LedgerlinkServer): Promise<number> {
  const h = (await (await fetch(`${server.url}/api/health`)).json()) as { queueDepth: number };
  return h.queueDepth;
}

async function main() {
  console.log(`ingest benchmark: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const bookedAt = new Map<string, number>();
  const sim = await startWebhookFinanceSimulator({ secret: FINANCE_SECRET });
  const known = new Set<string>();
  // Stamp each booking as it happens (the simulator books synchronously in its request handler).
  const push = sim.booked.push.bind(sim.booked);
  sim.booked.push = (...items: BookedVoucher[]) => {
    const now = performance.now();
    for (const b of items) for (const ref of referencesIn(b.body, known)) bookedAt.set(ref, now);
    return push(...items);
  };
  const simHost = new URL(sim.url).host;
  const servers: LedgerlinkServer[] = [];
  try {
    // 1. throughput, worker off: the signed route and the baseline on the same server, alternating rounds
    const a = await setUp('bench-throughput', { LEDGERLINK_BENCH: '1', LEDGERLINK_WORKER: 'off' }, simHost);
    servers.push(a.server);
    const hookUrl = `${a.server.url}/api/hooks/bench-dingtalk`;
    const baselineUrl = `${a.server.url}/api/bench/baseline?connector=bench-dingtalk`;
    const baselineHeaders = { 'content-type': 'application/json', origin: a.server.url };
    const ingestRound = () =>
      closedLoop(ROUND_MS, () => {
        const c = nextClaim(1);
        const headers = { 'content-type': 'application/json', ...signStandardWebhook(a.secret, { id: `i-${claimNo}`, timestamp: new Date(), body: c.body }) };
        return post(hookUrl, headers, c.body);
      });
    const baselineRound = () =>
      closedLoop(ROUND_MS, () => {
        const c = nextClaim(2);
        return post(baselineUrl, { ...baselineHeaders, 'webhook-id': `b-${claimNo}` }, c.body);
      });
    // warm-up (first requests compile routes, fill caches)
    await closedLoop(1000, () => post(baselineUrl, { ...baselineHeaders, 'webhook-id': `w-${claimNo++}` }, nextClaim(3).body));
    await closedLoop(1000, () => {
      const c = nextClaim(3);
      return post(hookUrl, { 'content-type': 'application/json', ...signStandardWebhook(a.secret, { id: `w-${claimNo}`, timestamp: new Date(), body: c.body }) }, c.body);
    });
    const ingestRates: number[] = [];
    const baselineRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const b = await baselineRound();
      const i = await ingestRound();
      if (b.other || i.other) throw new Error(`non-2xx answers in round ${r + 1}: baseline ${b.other}, ingest ${i.other}`);
      baselineRates.push(b.ok / b.seconds);
      ingestRates.push(i.ok / i.seconds);
      console.log(`  round ${r + 1}: baseline ${fmt(b.ok / b.seconds)} events/s, signed ingest ${fmt(i.ok / i.seconds)} events/s`);
    }
    const ingestRate = quantile(ingestRates, 0.5);
    const baselineRate = quantile(baselineRates, 0.5);
    const ratio = ingestRate / baselineRate;
    console.log(`sustained ingest (median of ${ROUNDS} rounds of ${ROUND_MS} ms, ${CONCURRENCY} senders): signed ${fmt(ingestRate)}/s, baseline ${fmt(baselineRate)}/s → ${ratio.toFixed(2)}`);
    await a.server.dispose();
    servers.length = 0;

    // 2 and 3 on a server with its worker, delivering to the finance simulator
    const b = await setUp('bench-latency', {}, simHost);
    servers.push(b.server);
    b.server.cli(['targets', 'create', '--kind', 'webhook', '--name', 'bench-ledger', '--url', sim.url, '--secret', FINANCE_SECRET, '--mapping', MAPPING]);
    const url = `${b.server.url}/api/hooks/bench-dingtalk`;
    const sendClaim = async (tag: number, onAck?: (ms: number, status: number | null) => void, onSent?: (ref: string, at: number) => void) => {
      const c = nextClaim(tag);
      known.add(c.reference);
      const headers = { 'content-type': 'application/json', ...signStandardWebhook(b.secret, { id: `l-${claimNo}`, timestamp: new Date(), body: c.body }) };
      const t0 = performance.now();
      onSent?.(c.reference, t0);
      const status = await post(url, headers, c.body);
      onAck?.(performance.now() - t0, status);
    };
    // warm-up: a few claims through the whole path
    await openLoop(20, 20, () => sendClaim(4));
    await waitFor('the warm-up to drain', async () => (await queueDepth(b.server)) === 0, 60_000, 50);

    // 3. receipt → delivered voucher at RATE/s, no backlog
    const sentAt = new Map<string, number>();
    let bad = 0;
    await openLoop(RATE * RATE_SECONDS, RATE, () =>
      sendClaim(5, (_, s) => (s === 202 ? undefined : bad++), (ref, at) => sentAt.set(ref, at)),
    );
    await waitFor('every voucher to be booked', () => [...sentAt.keys()].every((r) => bookedAt.has(r)), 120_000, 20);
    if (bad) throw new Error(`${bad} claims were not acknowledged with 202`);
    const voucherMs = [...sentAt].map(([ref, t]) => bookedAt.get(ref)! - t);
    const voucherP95 = quantile(voucherMs, 0.95);
    console.log(`receipt → delivered voucher at ${RATE}/s for ${RATE_SECONDS} s (${voucherMs.length} claims): p50 ${fmt(quantile(voucherMs, 0.5))} ms, p95 ${fmt(voucherP95)} ms, max ${fmt(Math.max(...voucherMs))} ms`);

    // 2. acknowledgement latency at RATE/s with the worker busy on a backlog
    await Promise.all(Array.from({ length: BACKLOG }, () => sendClaim(6)));
    const depthBefore = await queueDepth(b.server);
    const ackMs: number[] = [];
    await openLoop(RATE * RATE_SECONDS, RATE, () =>
      sendClaim(7, (ms, s) => {
        if (s !== 202) bad++;
        ackMs.push(ms);
      }),
    );
    const depthAfter = await queueDepth(b.server);
    if (bad) throw new Error(`${bad} claims were not acknowledged with 202`);
    const ackP99 = quantile(ackMs, 0.99);
    console.log(
      `acknowledgement at ${RATE}/s for ${RATE_SECONDS} s with the worker busy (queue ${depthBefore} jobs at the start, ${depthAfter} at the end): ` +
        `p50 ${fmt(quantile(ackMs, 0.5))} ms, p99 ${fmt(ackP99)} ms, max ${fmt(Math.max(...ackMs))} ms`,
    );
    console.log(`load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`ingest/baseline=${ratio.toFixed(2)} ack_p99_ms=${Math.round(ackP99)} voucher_p95_ms=${Math.round(voucherP95)}`);
  } finally {
    for (const s of servers) await s.dispose();
    await sim.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookFinanceSimulator, type WebhookFinanceSimulator } from '../server/clients/simulators/finance-webhook';
import { makeClaims, referencesIn, type Claim } from './claims';
import { inParallel, LedgerlinkServer, sendSigned, waitFor, type SendResult } from './server';

/**
 * `kill -9` of the whole server (start.js, next start, next-server) in the middle of a burst of 1,000 signed
 * claims from 32 concurrent senders, then a restart: every event that got a 2xx is stored once and processed, no
 * voucher reaches the finance system twice, and once the senders have re-sent what was not acknowledged every
 * valid claim has exactly one delivered voucher.
 */
const MAPPING = 'travel-reimbursement.dingtalk-kingdee';
const FINANCE_SECRET = 'whsec_' + Buffer.alloc(32, 11).toString('base64');
const COUNT = 1000;
const KILL_AFTER_ACKS = 300;

let sim: WebhookFinanceSimulator;
let server: LedgerlinkServer;
let secret: string;
let hookUrl: string;
let connectorId: number;

beforeAll(async () => {
  sim = await startWebhookFinanceSimulator({ secret: FINANCE_SECRET });
  server = new LedgerlinkServer('kill', { env: { LEDGERLINK_OUTBOUND_ALLOW: new URL(sim.url).host } });
  await server.start();
  secret = server.cli(['connectors', 'create', '--kind', 'webhook', '--format', 'dingtalk', '--name', 'rel-dingtalk', '--template', 'PROC-TRAVEL-EXPENSE']).secret;
  server.cli(['targets', 'create', '--kind', 'webhook', '--name', 'rel-ledger', '--url', sim.url, '--secret', FINANCE_SECRET, '--mapping', MAPPING]);
  hookUrl = `${server.url}/api/hooks/rel-dingtalk`;
  connectorId = server.query<{ id: number }>(`SELECT id FROM connectors WHERE name = 'rel-dingtalk'`)[0].id;
}, 700_000);

afterAll(async () => {
  await server?.dispose();
  await sim?.close();
});

describe('kill -9 during a burst of 1,000 signed claims', () => {
  it('loses no acknowledged event and delivers no voucher twice', async () => {
    const claims = makeClaims('dingtalk', 7301, COUNT, 0.05, 42);
    const idOf = (i: number) => `burst-${i}`;
    const first: (SendResult | undefined)[] = new Array(COUNT);
    let acked = 0;
    let killing: Promise<void> | undefined;

    await inParallel(claims, 32, async (claim: Claim, i) => {
      const r = await sendSigned(hookUrl, secret, idOf(i), claim.body);
      first[i] = r;
      if (r.status !== null && r.status >= 200 && r.status < 300 && ++acked >= KILL_AFTER_ACKS && !killing) killing = server.kill9();
    });
    await killing;
    const ackedFirst = first.flatMap((r, i) => (r && r.status !== null && r.status >= 200 && r.status < 300 ? [i] : []));
    const other = first.filter((r) => r && r.status !== null && (r.status < 200 || r.status >= 300));
    expect(other, 'before the kill every answer is a 2xx').toEqual([]);
    expect(ackedFirst.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(ackedFirst.length, 'the kill came in the middle of the burst').toBeLessThan(COUNT);

    // What the kill left: every acknowledged event is stored, once.
    const storedAfterKill = new Map(
      server.query<{ message_id: string; n: number }>(`SELECT message_id, count(*) AS n FROM inbound_events WHERE connector_id = ? GROUP BY message_id`, connectorId).map((r) => [r.message_id, r.n]),
    );
    for (const i of ackedFirst) expect(storedAfterKill.get(idOf(i)), `acknowledged ${idOf(i)} is stored once`).toBe(1);

    await server.start();
    // The senders send again what was not acknowledged (Standard Webhooks retries), and some of what was.
    const resend = [...claims.keys()].filter((i) => !ackedFirst.includes(i)).concat(ackedFirst.slice(0, 50));
    const second: SendResult[] = [];
    let retried = 0;
    await inParallel(resend, 16, async (i) => {
      // as a Standard Webhooks sender does: a request without an answer (a reset keep-alive socket) is sent again
      second[i] = await waitFor(`an answer to ${idOf(i)}`, async () => {
        const r = await sendSigned(hookUrl, secret, idOf(i), claims[i].body);
        if (r.status === null) retried++;
        return r.status === null ? null : r;
      }, 30_000, 10);
    });
    const failed = resend.filter((i) => !(second[i].status! >= 200 && second[i].status! < 300)).map((i) => `${idOf(i)}: ${second[i].status ?? second[i].error}`);
    expect(failed, 'every re-send is acknowledged').toEqual([]);
    for (const i of ackedFirst.slice(0, 50)) expect(second[i].status, 'a re-sent stored event is a duplicate').toBe(200);

    // Drained: no job pending or active (the killed worker's leases expire and are taken over).
    await waitFor(
      'the queue to drain',
      async () => {
        const health = (await (await fetch(`${server.url}/api/health`)).json()) as { queueDepth: number };
        return health.queueDepth === 0;
      },
      150_000,
      250,
    );

    const events = server.query<{ id: number; message_id: string; status: string }>(`SELECT id, message_id, status FROM inbound_events WHERE connector_id = ?`, connectorId);
    expect(events).toHaveLength(COUNT);
    expect(new Set(events.map((e) => e.message_id)).size).toBe(COUNT);
    expect(events.every((e) => e.status === 'accepted')).toBe(true);

    const runs = server.query<{ event_id: number; instance_id: string; status: string; id: number }>(
      `SELECT r.id, r.event_id, r.instance_id, r.status FROM runs r JOIN mappings m ON m.id = r.mapping_id WHERE m.name = ?`,
      MAPPING,
    );
    const runsByEvent = new Map<number, typeof runs>();
    for (const r of runs) runsByEvent.set(r.event_id, [...(runsByEvent.get(r.event_id) ?? []), r]);
    const eventOf = new Map(events.map((e) => [e.message_id, e.id]));
    claims.forEach((claim, i) => {
      const eventRuns = runsByEvent.get(eventOf.get(idOf(i))!) ?? [];
      expect(eventRuns, `${idOf(i)} was processed once`).toHaveLength(1);
      expect(eventRuns[0].status, `${idOf(i)} ${claim.faulty ? 'is faulty' : 'is valid'}`).toBe(claim.faulty ? 'error' : 'ok');
    });

    // Every valid claim: one delivered voucher, in our outbox and at the finance system.
    const delivered = server.query<{ instance_id: string; status: string; n: number }>(
      `SELECT r.instance_id, d.status, count(*) AS n FROM deliveries d JOIN runs r ON r.id = d.run_id JOIN mappings m ON m.id = r.mapping_id WHERE m.name = ? GROUP BY r.instance_id, d.status`,
      MAPPING,
    );
    expect(delivered.filter((d) => d.status !== 'delivered')).toEqual([]);
    const valid = claims.filter((c) => !c.faulty);
    expect(delivered.map((d) => d.instance_id).sort()).toEqual(valid.map((c) => c.instanceId).sort());
    expect(delivered.every((d) => d.n === 1)).toBe(true);

    const ids = sim.booked.map((b) => b.webhookId);
    expect(new Set(ids).size, 'one booking per webhook-id').toBe(ids.length);
    const known = new Set(claims.map((c) => c.reference));
    const bookingsPerReference = new Map<string, number>();
    for (const b of sim.booked) for (const ref of referencesIn(b.body, known)) bookingsPerReference.set(ref, (bookingsPerReference.get(ref) ?? 0) + 1);
    expect([...bookingsPerReference.values()].filter((n) => n !== 1), 'no OA reference is booked twice').toEqual([]);
    expect([...bookingsPerReference.keys()].sort()).toEqual(valid.map((c) => c.reference).sort());
    expect(sim.booked).toHaveLength(valid.length);
    console.log(
      `[kill-burst] ${ackedFirst.length} acknowledged before the kill, ${storedAfterKill.size} stored; ${resend.length} re-sent; ` +
        `(${retried} again after a connection error); ${valid.length} vouchers booked, ${sim.received.filter((r) => r.duplicate).length} re-deliveries recognised by webhook-id`,
    );
  }, 400_000);
});

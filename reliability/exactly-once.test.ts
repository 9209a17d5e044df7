import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinanceFault } from '../server/clients/simulators/finance-sim-server';
import { startWebhookFinanceSimulator, type WebhookFinanceSimulator } from '../server/clients/simulators/finance-webhook';
import { makeClaim, referencesIn, type Claim } from './claims';
import { LedgerlinkServer, sendSigned, waitFor } from './server';

/**
 * One voucher per OA instance against the real server: duplicates at the door (the same message three times at
 * once; the same instance under three message ids), a finance system that fails, hangs, or books and then drops
 * the line, and a finance system on a private address that is not allowed.
 */
const TAG = 7302;
const secretOf = (n: number) => 'whsec_' + Buffer.alloc(32, n).toString('base64');

let server: LedgerlinkServer;
let ledger: WebhookFinanceSimulator; // the DingTalk mapping's finance system
let faulty: WebhookFinanceSimulator; // the WeCom mapping's, with scripted faults
let hidden: WebhookFinanceSimulator; // the Feishu mapping's, on an address the server may not reach
const hookSecrets: Record<string, string> = {};

interface DeliveryRow {
  id: number;
  status: string;
  attempts: number;
  last_error: string | null;
  idempotency_key: string;
  run_status: string;
}

function runsOf(instanceId: string) {
  return server.query<{ id: number; status: string; event_id: number }>(`SELECT id, status, event_id FROM runs WHERE instance_id = ? ORDER BY id`, instanceId);
}

function deliveriesOf(instanceId: string): DeliveryRow[] {
  return server.query<DeliveryRow>(
    `SELECT d.id, d.status, d.attempts, d.last_error, d.idempotency_key, r.status AS run_status FROM deliveries d JOIN runs r ON r.id = d.run_id WHERE r.instance_id = ? ORDER BY d.id`,
    instanceId,
  );
}

function attemptsOf(deliveryId: number) {
  return server.query<{ outcome: string; http_status: number | null; error: string | null }>(`SELECT outcome, http_status, error FROM delivery_attempts WHERE delivery_id = ? ORDER BY id`, deliveryId);
}

/** Waits until the instance's runs number `runs` and its delivery (if any) is no longer pending. */
async function settled(claim: Claim, runs: number, timeoutMs = 30_000): Promise<DeliveryRow[]> {
  return waitFor(
    `${claim.format} claim ${claim.reference} to settle`,
    () => {
      if (runsOf(claim.instanceId).length < runs) return null;
      const d = deliveriesOf(claim.instanceId);
      return d.length > 0 && d.every((x) => x.status !== 'pending') ? d : null;
    },
    timeoutMs,
  );
}

function bookingsOf(sim: WebhookFinanceSimulator, claim: Claim) {
  return sim.booked.filter((b) => referencesIn(b.body, new Set([claim.reference])).length > 0);
}

const send = (connector: string, id: string, claim: Claim) => sendSigned(`${server.url}/api/hooks/${connector}`, hookSecrets[connector], id, claim.body);

beforeAll(async () => {
  ledger = await startWebhookFinanceSimulator({ secret: secretOf(21) });
  faulty = await startWebhookFinanceSimulator({ secret: secretOf(22) });
  hidden = await startWebhookFinanceSimulator({ secret: secretOf(23) });
  // The private address of `hidden` is deliberately not in the allow-list.
  const allow = [ledger, faulty].map((s) => new URL(s.url).host).join(',');
  server = new LedgerlinkServer('once', { env: { LEDGERLINK_OUTBOUND_ALLOW: allow } });
  await server.start();
  for (const [format, template] of [['dingtalk', 'PROC-TRAVEL-EXPENSE'], ['wecom', null], ['feishu', null]] as const) {
    const args = ['connectors', 'create', '--kind', 'webhook', '--format', format, '--name', `rel-${format}`];
    hookSecrets[`rel-${format}`] = server.cli(template ? [...args, '--template', template] : args).secret;
  }
  const target = (name: string, sim: WebhookFinanceSimulator, secret: string, mapping: string) =>
    server.cli(['targets', 'create', '--kind', 'webhook', '--name', name, '--url', sim.url, '--secret', secret, '--mapping', mapping]);
  target('rel-ledger', ledger, secretOf(21), 'travel-reimbursement.dingtalk-kingdee');
  target('rel-faulty', faulty, secretOf(22), 'travel-reimbursement.wecom-u8');
  target('rel-private', hidden, secretOf(23), 'travel-reimbursement.feishu-kingdee');
}, 700_000);

afterAll(async () => {
  await server?.dispose();
  await Promise.all([ledger, faulty, hidden].map((s) => s?.close()));
});

describe('duplicates at the door', () => {
  it('the same event sent three times at once makes one event, one run, one voucher', async () => {
    const claim = makeClaim('dingtalk', TAG, 1);
    const answers = await Promise.all([1, 2, 3].map(() => send('rel-dingtalk', 'same-event', claim)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 202]);
    const [delivery] = await settled(claim, 1);
    expect(server.query(`SELECT id FROM inbound_events WHERE message_id = 'same-event'`)).toHaveLength(1);
    expect(runsOf(claim.instanceId).map((r) => r.status)).toEqual(['ok']);
    expect(deliveriesOf(claim.instanceId)).toHaveLength(1);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(bookingsOf(ledger, claim)).toHaveLength(1);
  });

  it('the same instance under three message ids makes three events, one voucher and two duplicate runs', async () => {
    const claim = makeClaim('dingtalk', TAG, 2);
    const answers = await Promise.all(['inst-a', 'inst-b', 'inst-c'].map((id) => send('rel-dingtalk', id, claim)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    await settled(claim, 3);
    expect(runsOf(claim.instanceId).map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'ok']);
    expect(deliveriesOf(claim.instanceId)).toMatchObject([{ status: 'delivered', attempts: 1, run_status: 'ok' }]);
    expect(bookingsOf(ledger, claim)).toHaveLength(1);
  });
});

describe('a finance system that fails', () => {
  // One claim at a time, so each scripted fault meets the delivery it is meant for.
  async function deliverThrough(n: number, fault: FinanceFault, timeoutMs = 30_000) {
    const claim = makeClaim('wecom', TAG, n);
    faulty.failNext(1, fault);
    expect((await send('rel-wecom', `fault-${n}`, claim)).status).toBe(202);
    const [delivery] = await settled(claim, 1, timeoutMs);
    const requests = faulty.received.filter((r) => r.webhookId === delivery.idempotency_key);
    return { claim, delivery, attempts: attemptsOf(delivery.id), requests };
  }

  it('answers 503, then takes it: one voucher, two attempts', async () => {
    const { claim, delivery, attempts, requests } = await deliverThrough(1, { kind: 'status', status: 503 });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(attempts.map((a) => [a.outcome, a.http_status])).toEqual([['retry', 503], ['delivered', 200]]);
    expect(requests.map((r) => r.fault ?? 'ok')).toEqual(['status', 'ok']);
    expect(bookingsOf(faulty, claim)).toHaveLength(1);
  });

  it('books the voucher and drops the line: the retry under the same webhook-id books nothing new', async () => {
    const { claim, delivery, attempts, requests } = await deliverThrough(2, { kind: 'commit-then-drop' });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(attempts.map((a) => a.outcome)).toEqual(['unknown', 'delivered']);
    expect(requests.map((r) => r.duplicate)).toEqual([false, true]);
    expect(bookingsOf(faulty, claim)).toHaveLength(1);
  });

  it('never answers: the attempt times out and the retry books it once', async () => {
    const { claim, delivery, attempts, requests } = await deliverThrough(3, { kind: 'hang' }, 60_000);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(attempts.map((a) => a.outcome)).toEqual(['unknown', 'delivered']);
    expect(attempts[0].error).toMatch(/no complete reply within \d+ ms after the request was sent/);
    expect(requests.map((r) => r.fault ?? 'ok')).toEqual(['hang', 'ok']);
    expect(bookingsOf(faulty, claim)).toHaveLength(1);
    expect(faulty.booked).toHaveLength(3);
  });
});

describe('outbound addresses', () => {
  it('refuses a finance system on a private address the allow-list does not name: dead at once, nothing sent', async () => {
    const claim = makeClaim('feishu', TAG, 1);
    expect((await send('rel-feishu', 'private-1', claim)).status).toBe(202);
    const [delivery] = await settled(claim, 1);
    expect(delivery).toMatchObject({ status: 'dead', attempts: 1, run_status: 'ok' });
    expect(delivery.last_error).toMatch(/127\.0\.0\.1 is a loopback address; outbound requests to it are refused unless LEDGERLINK_OUTBOUND_ALLOW/);
    expect(attemptsOf(delivery.id).map((a) => [a.outcome, a.http_status])).toEqual([['dead', null]]);
    expect(hidden.received).toEqual([]);
    const listed = (server.cli(['runs', 'list', '--mapping', 'travel-reimbursement.feishu-kingdee', '--json']) as { instanceId: string; deliveries: unknown[] }[]).find(
      (r) => r.instanceId === claim.instanceId,
    );
    expect(listed?.deliveries).toEqual([{ target: 'rel-private', status: 'dead', attempts: 1, voucherNumber: null }]);
  });
});

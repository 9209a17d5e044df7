import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, inboundEvents, jobs, runs } from '../../db/schema';
import { startWebhookFinanceSimulator, type WebhookFinanceSimulator } from '../clients/simulators/finance-webhook';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { createConnector } from './connectors';
import { createTarget } from './finance-targets';
import { ingestHook, type HookRequest } from './ingest';
import { liveHandlers } from './live-handlers';
import { liveQueue } from './live-queue';
import { importMapping } from './mappings';
import { runMapping } from './run-mapping';
import { listRuns } from './runs';
import { replayRuns } from './runs-replay';
import { ROOT, seededDatabase } from './test-support';
import { startWorker } from '../worker/runner';

const db = seededDatabase('live-flow');
const actor = { username: 'it', role: 'integrator' };
const payload = fs.readFileSync(path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json'), 'utf8');
const MAPPING = 'travel-reimbursement.dingtalk-kingdee';
let sim: WebhookFinanceSimulator;
let hookSecret: string;

function signed(id: string, body: string, secret = hookSecret, at = new Date()): HookRequest {
  return { method: 'POST', headers: { ...signStandardWebhook(secret, { id, timestamp: at, body }), 'content-type': 'application/json' }, query: new URLSearchParams(), body, clientAddress: '10.0.0.9' };
}

/** Runs the worker until the queue is empty (every job done or dead). */
async function drain(): Promise<void> {
  const worker = startWorker({ queue: liveQueue(db), handlers: liveHandlers(db), pollMs: 20, concurrency: 2 });
  const deadline = Date.now() + 20_000;
  while (liveQueue(db).stats().queueDepth > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await worker.stop();
}

beforeAll(async () => {
  process.env.LEDGERLINK_RETRY_BASE_MS = '1';
  const financeSecret = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
  sim = await startWebhookFinanceSimulator({ secret: financeSecret });
  process.env.LEDGERLINK_OUTBOUND_ALLOW = new URL(sim.url).host;
  hookSecret = createConnector(db, actor, { name: 'oa-dingtalk', kind: 'webhook', format: 'dingtalk', templateCode: 'PROC-TRAVEL-EXPENSE' }).secret!;
  createTarget(db, actor, { name: 'ledger', kind: 'webhook', url: sim.url, secrets: { secret: financeSecret }, mappings: [MAPPING] });
});
afterAll(async () => {
  await sim.close();
  delete process.env.LEDGERLINK_OUTBOUND_ALLOW;
});

describe('a signed OA event becomes one delivered voucher', () => {
  it('stores the event before answering, runs the version in force, and delivers exactly what `map` prints', async () => {
    const answer = ingestHook(db, 'oa-dingtalk', signed('msg-1', payload));
    expect(answer.status).toBe(202);
    expect(db.select().from(inboundEvents).where(eq(inboundEvents.messageId, 'msg-1')).get()?.status).toBe('accepted');
    await drain();
    const [run] = listRuns(db, { mapping: MAPPING });
    expect(run).toMatchObject({ status: 'ok', version: 1, connector: 'oa-dingtalk', messageId: 'msg-1' });
    expect(run.deliveries).toEqual([{ target: 'ledger', status: 'delivered', attempts: 1, voucherNumber: sim.booked[0].voucherNumber }]);
    const printed = await runMapping(db, (await import('./version-store')).versionInForce(db, MAPPING)!.spec, payload);
    expect(printed.kind).toBe('ok');
    expect(sim.booked).toHaveLength(1);
    expect(sim.booked[0].body).toBe(printed.kind === 'ok' ? printed.document : '');
  });

  it('runs only mappings with a version in force: an unpublished copy of the mapping gets no run', async () => {
    const spec = (await import('./version-store')).versionInForce(db, MAPPING)!.spec;
    importMapping(db, { ...spec, name: 'draft-copy-of-dingtalk' });
    const body = JSON.parse(payload) as { result: Record<string, unknown> };
    body.result.processInstanceId = 'instance-draft-copy';
    expect(ingestHook(db, 'oa-dingtalk', signed('msg-copy', JSON.stringify(body))).status).toBe(202);
    await drain();
    expect(listRuns(db, { reference: 'instance-draft-copy' }).map((r) => r.mapping)).toEqual([MAPPING]);
  });

  it('says on the event why nothing ran it when no mapping of its form is in force', async () => {
    const { secret } = createConnector(db, actor, { name: 'oa-other-form', kind: 'webhook', format: 'dingtalk', templateCode: 'PROC-NOBODY-MAPS' });
    const body = JSON.parse(payload) as { result: Record<string, unknown> };
    body.result.processInstanceId = 'instance-unmapped';
    expect(ingestHook(db, 'oa-other-form', signed('msg-unmapped', JSON.stringify(body), secret)).status).toBe(202);
    await drain();
    expect(listRuns(db, { reference: 'instance-unmapped' })).toEqual([]);
    expect(db.select().from(inboundEvents).where(eq(inboundEvents.messageId, 'msg-unmapped')).get()?.reason).toMatch(/PROC-NOBODY-MAPS.*no|no mapping.*PROC-NOBODY-MAPS/);
  });

  it('answers a repeated message id with 2xx and makes no work; the same instance under a new id is a duplicate run', async () => {
    const bookedBefore = sim.booked.length;
    const again = ingestHook(db, 'oa-dingtalk', signed('msg-1', payload));
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
    expect(ingestHook(db, 'oa-dingtalk', signed('msg-2', payload)).status).toBe(202);
    await drain();
    const statuses = listRuns(db, { reference: 'Xk3p9R2aTQmB7uVw1cYdGg04891741914753' }).map((r) => r.status);
    expect(statuses.sort()).toEqual(['duplicate', 'ok']);
    expect(sim.booked).toHaveLength(bookedBefore);
  });

  it('refuses a bad signature with 401 and stores nothing', () => {
    const before = db.select().from(inboundEvents).all().length;
    const forged = signed('msg-3', payload, 'whsec_' + Buffer.alloc(32, 1).toString('base64'));
    expect(ingestHook(db, 'oa-dingtalk', forged).status).toBe(401);
    const stale = signed('msg-4', payload, hookSecret, new Date(Date.now() - 10 * 60_000));
    expect(ingestHook(db, 'oa-dingtalk', stale).status).toBe(401);
    expect(db.select().from(inboundEvents).all().length).toBe(before);
  });

  it('quarantines a signed body that is not an instance (400), and one naming another form template', () => {
    const notInstance = ingestHook(db, 'oa-dingtalk', signed('msg-5', '{"hello":"world"}'));
    expect(notInstance.status).toBe(400);
    const other = JSON.parse(payload) as Record<string, unknown>;
    (other.result as Record<string, unknown>).processCode = 'PROC-OTHER';
    const wrongForm = ingestHook(db, 'oa-dingtalk', signed('msg-6', JSON.stringify(other)));
    expect(wrongForm.status).toBe(400);
    expect(JSON.parse(wrongForm.body).error.message).toContain('PROC-OTHER');
    const kept = db.select().from(inboundEvents).where(eq(inboundEvents.status, 'quarantined')).all();
    expect(kept.map((e) => e.messageId).sort()).toEqual(['msg-5', 'msg-6']);
    const jobEvents = db.select().from(jobs).all().map((j) => (JSON.parse(j.payloadJson) as { eventId?: number }).eventId);
    expect(jobEvents).not.toContain(kept[0].id);
    expect(jobEvents).not.toContain(kept[1].id);
  });

  it('retries a failing finance system, then delivers once; a dead delivery is replayed under the same key', async () => {
    const body = JSON.parse(payload) as { result: Record<string, unknown> };
    body.result.businessId = '202503140912000286999';
    body.result.processInstanceId = 'instance-retried';
    sim.failNext(2, { kind: 'status', status: 503 });
    expect(ingestHook(db, 'oa-dingtalk', signed('msg-7', JSON.stringify(body))).status).toBe(202);
    await drain();
    const run = listRuns(db, { reference: '202503140912000286999' })[0];
    expect(run.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3 });

    body.result.businessId = '202503140912000287000';
    body.result.processInstanceId = 'instance-refused';
    sim.failNext(1, { kind: 'status', status: 400 });
    ingestHook(db, 'oa-dingtalk', signed('msg-8', JSON.stringify(body)));
    await drain();
    const refused = listRuns(db, { reference: '202503140912000287000' })[0];
    expect(refused.deliveries[0]).toMatchObject({ status: 'dead', attempts: 1 });
    const replay = await replayRuns(db, actor, { ids: [refused.id] });
    expect(replay.replayed).toEqual([{ run: refused.id, status: 'ok', delivery: 'reopened' }]);
    await drain();
    const after = listRuns(db, { reference: '202503140912000287000' })[0];
    expect(after.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    const key = db.select().from(deliveries).where(eq(deliveries.runId, refused.id)).get()!.idempotencyKey;
    expect(sim.received.filter((r) => r.webhookId === key)).toHaveLength(2);
    expect(db.select().from(runs).where(eq(runs.instanceId, run.instanceId!)).all()).toHaveLength(1);
  });
});

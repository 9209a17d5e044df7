import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliveries, deliveryAttempts } from '../../db/schema';
import type { FinanceClient, FinanceDelivery } from '../clients/finance/types';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { createConnector } from './connectors';
import { deliverOnce } from './deliveries';
import { ingestHook } from './ingest';
import { liveInstanceSource } from './live-instances';
import { processEvent } from './live-run';
import { ROOT, seededDatabase } from './test-support';
import { inboundEvents } from '../../db/schema';

const db = seededDatabase('deliveries');
const actor = { username: 'it', role: 'integrator' };

/** A finance client that records what it was asked and answers as told. */
function scripted(outcomes: FinanceClient['deliver'] extends (d: FinanceDelivery) => Promise<infer R> ? R[] : never) {
  const asked: FinanceDelivery[] = [];
  return { asked, client: { deliver: async (d: FinanceDelivery) => (asked.push(d), outcomes.shift()!) } satisfies FinanceClient };
}

async function oneDelivery(messageId: string, instance: string): Promise<number> {
  const { secret } = createConnector(db, actor, { name: `c-${messageId}`, kind: 'webhook', format: 'dingtalk' });
  const body = JSON.parse(fs.readFileSync(path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json'), 'utf8')) as { result: Record<string, unknown> };
  body.result.processInstanceId = instance;
  const text = JSON.stringify(body);
  ingestHook(db, `c-${messageId}`, { method: 'POST', headers: signStandardWebhook(secret!, { id: messageId, timestamp: new Date(), body: text }), query: new URLSearchParams(), body: text, clientAddress: null });
  const event = db.select().from(inboundEvents).where(eq(inboundEvents.messageId, messageId)).get()!;
  await processEvent(db, event.id, liveInstanceSource(db));
  return db.select().from(deliveries).all().at(-1)!.id;
}

describe('one delivery attempt', () => {
  it('keeps the same idempotency key on every attempt and records each reply', async () => {
    const id = await oneDelivery('m1', 'inst-1');
    const { asked, client } = scripted([
      { outcome: 'retry', httpStatus: 503, responseText: 'busy', retryAfterMs: 2000, durationMs: 5 },
      { outcome: 'delivered', httpStatus: 200, voucherNumber: '记-0042', durationMs: 5 },
    ]);
    expect(await deliverOnce(db, id, { attempt: 1, maxAttempts: 3 }, () => client)).toEqual({ step: 'retry', message: 'HTTP 503', retryAfterMs: 2000 });
    expect(await deliverOnce(db, id, { attempt: 2, maxAttempts: 3 }, () => client)).toEqual({ step: 'done', status: 'delivered' });
    expect(asked.map((a) => a.idempotencyKey)).toEqual([asked[0].idempotencyKey, asked[0].idempotencyKey]);
    expect(db.select().from(deliveries).where(eq(deliveries.id, id)).get()).toMatchObject({ status: 'delivered', attempts: 2, voucherNumber: '记-0042', sendStartedAt: null });
    expect(db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, id)).all().map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['retry', 503],
      ['delivered', 200],
    ]);
    // Delivered is final: a stray job for it sends nothing.
    expect(await deliverOnce(db, id, { attempt: 3, maxAttempts: 3 }, () => client)).toEqual({ step: 'done', status: 'not_pending' });
    expect(asked).toHaveLength(2);
  });

  it('asks the finance system first after a send that never recorded its outcome (a killed process)', async () => {
    const id = await oneDelivery('m2', 'inst-2');
    // What a kill -9 between sending and recording leaves behind.
    db.update(deliveries).set({ sendStartedAt: new Date().toISOString() }).where(eq(deliveries.id, id)).run();
    const { asked, client } = scripted([{ outcome: 'delivered', voucherNumber: '记-0007', durationMs: 1 }]);
    await deliverOnce(db, id, { attempt: 2, maxAttempts: 8 }, () => client);
    expect(asked[0].outcomeUnknown).toBe(true);
  });

  it('is dead at the last attempt, and at once on a refusal', async () => {
    const id = await oneDelivery('m3', 'inst-3');
    const { client } = scripted([{ outcome: 'retry', httpStatus: 502, durationMs: 1 }]);
    expect(await deliverOnce(db, id, { attempt: 8, maxAttempts: 8 }, () => client)).toEqual({ step: 'done', status: 'dead' });
    const refusedId = await oneDelivery('m4', 'inst-4');
    const refusal = scripted([{ outcome: 'dead', httpStatus: 422, responseText: '{"error":"account 6602 closed"}', durationMs: 1 }]);
    expect(await deliverOnce(db, refusedId, { attempt: 1, maxAttempts: 8 }, () => refusal.client)).toEqual({ step: 'done', status: 'dead' });
    expect(db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, refusedId)).get()?.responseText).toContain('account 6602 closed');
  });
});

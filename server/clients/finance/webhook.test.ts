import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../inbound/standard-webhook';
import { startWebhookFinanceSimulator, type WebhookFinanceSimulator } from '../simulators/finance-webhook';
import type { FinanceDelivery } from './types';
import { createWebhookClient } from './webhook';

const document = fs.readFileSync(path.join(__dirname, 'fixtures', 'dingtalk-demo-kingdee-save.json'), 'utf8');
const delivery = (over: Partial<FinanceDelivery> = {}): FinanceDelivery => ({
  documentText: document,
  contentType: 'application/json',
  idempotencyKey: 'run-41-target-2',
  oaReference: '202503140912000286417',
  outcomeUnknown: false,
  ...over,
});

let sim: WebhookFinanceSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(secret = newWebhookSecret()) {
  sim = await startWebhookFinanceSimulator({ port: 0, secret });
  const allow = [new URL(sim.url).host];
  return { sim, client: createWebhookClient({ url: `${sim.url}/vouchers`, secret, policy: { allow }, timeoutMs: 1000 }), secret };
}

describe('webhook finance client', () => {
  it('delivers the document byte for byte, signed, and keeps the voucher number from the reply', async () => {
    const { sim, client } = await setup();
    const result = await client.deliver(delivery());
    expect(result).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0001', httpStatus: 200 });
    expect(sim.received).toHaveLength(1);
    expect(sim.received[0]).toMatchObject({ webhookId: 'run-41-target-2', verified: true, duplicate: false });
    expect(sim.received[0].body).toBe(document);
    expect(sim.received[0].contentType).toBe('application/json; charset=utf-8');
  });

  it('is refused (dead, reply kept) when the receiver holds another secret', async () => {
    const { sim } = await setup();
    const wrong = createWebhookClient({ url: sim.url, secret: newWebhookSecret(), policy: { allow: [new URL(sim.url).host] } });
    const result = await wrong.deliver(delivery());
    expect(result).toMatchObject({ outcome: 'dead', httpStatus: 401 });
    expect(result.responseText).toContain('bad_signature');
    expect(sim.booked).toHaveLength(0);
  });

  it('retries on 503 with the Retry-After it was given', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'status', status: 503, retryAfter: '30' });
    const first = await client.deliver(delivery());
    expect(first).toMatchObject({ outcome: 'retry', httpStatus: 503, retryAfterMs: 30_000 });
    expect(sim.booked).toHaveLength(0);
    expect(await client.deliver(delivery())).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0001' });
  });

  it('is dead on 400 with the reply kept', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'status', status: 400, body: '科目 6601.02 不存在' });
    const result = await client.deliver(delivery());
    expect(result).toMatchObject({ outcome: 'dead', httpStatus: 400, responseText: '科目 6601.02 不存在' });
    expect(result.error).toContain('400');
  });

  it('after commit-then-drop the outcome is unknown, and the retry with the same webhook-id books nothing new', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'commit-then-drop' });
    const first = await client.deliver(delivery());
    expect(first.outcome).toBe('unknown');
    expect(sim.booked).toHaveLength(1);

    const second = await client.deliver(delivery({ outcomeUnknown: true }));
    expect(second).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0001' });
    expect(sim.received.map((r) => r.webhookId)).toEqual(['run-41-target-2', 'run-41-target-2']);
    expect(sim.received[1].duplicate).toBe(true);
    expect(sim.booked).toHaveLength(1);
  });

  it('times out against a hanging endpoint: sent, so unknown', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'hang' });
    const result = await client.deliver(delivery());
    expect(result.outcome).toBe('unknown');
    expect(result.durationMs).toBeGreaterThanOrEqual(900);
  });

  it('will not post to a loopback endpoint that is not on the allow-list', async () => {
    const { sim, secret } = await setup();
    const result = await createWebhookClient({ url: sim.url, secret, policy: { allow: [] } }).deliver(delivery());
    expect(result.outcome).toBe('dead');
    expect(result.error).toContain('loopback');
    expect(sim.received).toHaveLength(0);
  });
});

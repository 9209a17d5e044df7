import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { createConnector } from './connectors';
import { ingestHook } from './ingest';
import { startLiveWorker, stopLiveWorker } from './live-worker';
import { ROOT, seededDatabase } from './test-support';

const db = seededDatabase('live-worker');
afterAll(() => stopLiveWorker());

describe('the in-process live worker', () => {
  it('runs its jobs with the connection back at synchronous=FULL, and lets the event loop answer between jobs', async () => {
    const secret = createConnector(db, { username: 'it', role: 'integrator' }, { name: 'oa', kind: 'webhook', format: 'dingtalk', templateCode: 'PROC-TRAVEL-EXPENSE' }).secret!;
    const payload = JSON.parse(fs.readFileSync(path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json'), 'utf8'));
    for (let i = 0; i < 20; i++) {
      payload.result.processInstanceId = `worker-${i}`;
      payload.result.businessId = `20250314091200${String(i).padStart(7, '0')}`;
      const body = JSON.stringify(payload);
      const answer = ingestHook(db, 'oa', { method: 'POST', headers: signStandardWebhook(secret, { id: `w-${i}`, timestamp: new Date(), body }), query: new URLSearchParams(), body, clientAddress: null });
      expect(answer.status).toBe(202);
    }
    const pendingEvents = () => (db.$client.prepare(`SELECT count(*) AS n FROM jobs WHERE queue = 'process-event' AND status IN ('pending', 'active')`).get() as { n: number }).n;
    // A timer due now must fire while the backlog is being worked, not after it.
    let timerFiredWithPending = -1;
    setTimeout(() => (timerFiredWithPending = pendingEvents()), 0);
    startLiveWorker(db, { pollMs: 20 });
    const deadline = Date.now() + 20_000;
    while (pendingEvents() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await stopLiveWorker();
    expect(pendingEvents()).toBe(0);
    expect(timerFiredWithPending).toBeGreaterThan(0);
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.$client.prepare(`SELECT count(*) AS n FROM runs WHERE status = 'ok'`).get()).toEqual({ n: 20 });
  });
});

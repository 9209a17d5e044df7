import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { createConnector } from './connectors';
import { ingestHook } from './ingest';
import { spawnLiveWorker, wakeWorkerProcess } from './live-worker-process';
import { listRuns } from './runs';
import { seedDemo } from './seed';
import { ROOT } from './test-support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-worker-process-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the worker as a child process of the server', () => {
  it('is woken over IPC when an event is stored, runs it, and stops when its server goes away', async () => {
    process.env.LEDGERLINK_DB = path.join(dir, 'w.db');
    process.env.LEDGERLINK_ROOT = ROOT;
    // The demo ledger is "this server" (127.0.0.1:PORT): no server here, and never someone's real one on 3000.
    process.env.PORT = '9';
    const db = openDatabase(process.env.LEDGERLINK_DB);
    seedDemo(db, ROOT);
    const { secret } = createConnector(db, { username: 'it', role: 'integrator' }, { name: 'oa', kind: 'webhook', format: 'dingtalk' });
    const child = spawnLiveWorker();
    try {
      await new Promise<void>((resolve) => child.once('spawn', () => resolve()));
      const body = fs.readFileSync(path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json'), 'utf8');
      const answer = ingestHook(db, 'oa', { method: 'POST', headers: signStandardWebhook(secret!, { id: 'p-1', timestamp: new Date(), body }), query: new URLSearchParams(), body, clientAddress: null });
      expect(answer.status).toBe(202);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && listRuns(db).length === 0) {
        wakeWorkerProcess();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(listRuns(db).map((r) => r.status)).toEqual(['ok']);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // What the server's death looks like to the worker: its IPC channel closes.
      child.disconnect();
      expect(await exited).toBe(0);
      db.$client.close();
    }
  }, 60_000);
});

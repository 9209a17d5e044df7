import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { jobs } from '../../db/schema';
import { SqliteJobQueue } from '../jobs/sqlite-job-queue';
import { runWorkerProcess } from './main';
import type { WorkerLog } from './runner';

process.env.LEDGERLINK_ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-worker-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('runWorkerProcess', () => {
  it('drains jobs another process enqueues, and on SIGTERM finishes the running job before closing', async () => {
    const file = path.join(dir, 'ledgerlink.db');
    const messages: string[] = [];
    const log: WorkerLog = (_level, message) => void messages.push(message);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const handled: unknown[] = [];
    const listenersBefore = process.listenerCount('SIGTERM');
    const proc = runWorkerProcess(
      (db) => ({
        'process-event': async (payload) => {
          expect(db.$client.open).toBe(true); // handlers get the process's database
          handled.push(payload);
          if ((payload as { eventId: number }).eventId === 2) await held;
        },
      }),
      { databaseFile: file, pollMs: 10, log },
    );
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore + 1);

    // the web server's connection, as `npm start` and `npm run worker` share the file
    const web = openDatabase(file);
    const producer = new SqliteJobQueue(web);
    const status = (id: number) => web.select().from(jobs).where(eq(jobs.id, id)).get()!.status;
    try {
      const first = web.transaction((tx) => producer.enqueue(tx, 'process-event', { eventId: 1 }));
      await waitFor(() => status(first) === 'done');
      const second = producer.enqueue(web, 'process-event', { eventId: 2 });
      await waitFor(() => handled.length === 2);

      process.emit('SIGTERM', 'SIGTERM');
      let done = false;
      void proc.done.then(() => (done = true));
      await new Promise((r) => setTimeout(r, 30));
      expect(done).toBe(false); // still finishing job 2
      expect(status(second)).toBe('active');
      release();
      await proc.done;
      expect(status(second)).toBe('done');
      expect(proc.db.$client.open).toBe(false);
      expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
      expect(messages).toContain('SIGTERM: finishing running jobs, then stopping');
      expect(messages.at(-1)).toBe('worker stopped');
    } finally {
      release();
      await proc.shutdown();
      web.$client.close();
    }
  });
});

async function waitFor(check: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

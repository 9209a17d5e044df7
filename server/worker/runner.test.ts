import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { jobs } from '../../db/schema';
import { SqliteJobQueue } from '../jobs/sqlite-job-queue';
import { PermanentFailure, RetryLater, startWorker, type JobContext, type RunningWorker, type WorkerLog } from './runner';

process.env.LEDGERLINK_ROOT = path.resolve(__dirname, '../..');

let db: Db;
let queue: SqliteJobQueue;
let worker: RunningWorker | undefined;
const logged: { level: string; message: string }[] = [];
const log: WorkerLog = (level, message) => void logged.push({ level, message });

beforeEach(() => {
  db = openDatabase(':memory:');
  queue = new SqliteJobQueue(db, { retryBaseMs: 5, maxAttempts: 3 });
  logged.length = 0;
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  db.$client.close();
});

const jobRow = (id: number) => db.select().from(jobs).where(eq(jobs.id, id)).get()!;

async function until(what: string, check: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('startWorker', () => {
  it('retries a failing handler with backoff, then completes it', async () => {
    const seen: JobContext[] = [];
    const id = queue.enqueue(db, 'process-event', { eventId: 7 });
    worker = startWorker({
      queue,
      pollMs: 20,
      log,
      handlers: {
        'process-event': async (payload, ctx) => {
          expect(payload).toEqual({ eventId: 7 });
          seen.push(ctx);
          if (ctx.attempt < 3) throw new Error(`OA API timed out (${ctx.attempt})`);
        },
      },
    });
    await until('the job to be done', () => jobRow(id).status === 'done');
    expect(seen.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(seen.map((c) => c.previousError)).toEqual([null, 'OA API timed out (1)', 'OA API timed out (2)']);
    expect(jobRow(id)).toMatchObject({ attempts: 3, lastError: 'OA API timed out (2)' });
  });

  it('buries a job after maxAttempts, and at once on PermanentFailure', async () => {
    const always = queue.enqueue(db, 'deliver-voucher', { runId: 1 });
    const refused = queue.enqueue(db, 'deliver-voucher', { runId: 2 });
    const calls = new Map<number, number>();
    worker = startWorker({
      queue,
      pollMs: 20,
      log,
      handlers: {
        'deliver-voucher': async (payload, ctx) => {
          calls.set(ctx.jobId, (calls.get(ctx.jobId) ?? 0) + 1);
          if ((payload as { runId: number }).runId === 2) throw new PermanentFailure('Kingdee refused: 400 科目不存在');
          throw new RetryLater('Kingdee answered 503');
        },
      },
    });
    await until('both jobs dead', () => jobRow(always).status === 'dead' && jobRow(refused).status === 'dead');
    expect(calls.get(always)).toBe(3);
    expect(calls.get(refused)).toBe(1);
    expect(jobRow(always)).toMatchObject({ attempts: 3, lastError: 'Kingdee answered 503' });
    expect(jobRow(refused)).toMatchObject({ attempts: 1, lastError: 'Kingdee refused: 400 科目不存在' });
  });

  it('waits at least the Retry-After a handler reports', async () => {
    const id = queue.enqueue(db, 'deliver-voucher', {});
    const started: number[] = [];
    worker = startWorker({
      queue,
      pollMs: 10,
      log,
      handlers: {
        'deliver-voucher': async () => {
          started.push(Date.now());
          if (started.length === 1) throw new RetryLater('429 slow down', 150);
        },
      },
    });
    await until('the retry to succeed', () => jobRow(id).status === 'done');
    expect(started[1] - started[0]).toBeGreaterThanOrEqual(150);
  });

  it('takes over the job of a crashed worker when its lease expires', async () => {
    const id = queue.enqueue(db, 'process-event', { eventId: 1 });
    expect(queue.lease('crashed-worker', ['process-event'], 80)?.id).toBe(id); // and then it "dies"
    const seen: JobContext[] = [];
    worker = startWorker({
      queue,
      pollMs: 10,
      log,
      workerId: 'survivor',
      handlers: { 'process-event': async (_p, ctx) => void seen.push(ctx) },
    });
    await new Promise((r) => setTimeout(r, 40));
    expect(seen).toHaveLength(0); // the lease still holds
    await until('the takeover', () => jobRow(id).status === 'done');
    expect(seen[0]).toMatchObject({ attempt: 2, workerId: 'survivor' });
    expect(seen[0].previousError).toBe('the lease of worker crashed-worker expired during attempt 1 of 3');
  });

  it('starts a woken job at once, long before the next poll', async () => {
    let started = 0;
    worker = startWorker({ queue, pollMs: 60_000, log, handlers: { 'process-event': async () => void (started = Date.now()) } });
    await new Promise((r) => setTimeout(r, 20)); // the first, empty pass is over; the next poll is a minute away
    const enqueuedAt = Date.now();
    const id = db.transaction((tx) => queue.enqueue(tx, 'process-event', {}));
    worker.wake();
    await until('the woken job', () => jobRow(id).status === 'done', 1000);
    expect(started - enqueuedAt).toBeLessThan(50);
  });

  it('renews leases while a long handler runs, and never runs more than `concurrency` jobs at once', async () => {
    for (let i = 0; i < 5; i++) queue.enqueue(db, 'q', { i });
    let active = 0;
    let most = 0;
    worker = startWorker({
      queue,
      concurrency: 2,
      leaseMs: 60,
      pollMs: 10,
      log,
      handlers: {
        q: async () => {
          active++;
          most = Math.max(most, active);
          await new Promise((r) => setTimeout(r, 150)); // 2.5 leases long
          active--;
        },
      },
    });
    await until('two jobs running', () => active === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(queue.lease('intruder', ['q'], 1000)?.payload).toEqual({ i: 2 }); // an idle one, not a running one
    await until('the rest done', () => db.select().from(jobs).where(eq(jobs.status, 'done')).all().length === 4);
    expect(most).toBe(2);
    expect(logged.filter((l) => l.level !== 'info')).toEqual([]); // no lost lease, no stale outcome
  });

  it('tells a handler that lost its lease, and ignores its late outcome', async () => {
    const id = queue.enqueue(db, 'q', {});
    const aborted = deferred();
    worker = startWorker({
      queue,
      leaseMs: 60,
      pollMs: 10,
      log,
      workerId: 'slow',
      handlers: {
        q: (_p, ctx) =>
          new Promise<void>((resolve) => {
            ctx.signal.addEventListener('abort', () => {
              aborted.resolve();
              resolve();
            });
          }),
      },
    });
    await until('the job leased', () => jobRow(id).status === 'active');
    // as if this worker's process stalled past its lease and another took the job over
    db.$client.prepare('UPDATE jobs SET lease_until = 0 WHERE id = ?').run(id);
    expect(queue.lease('other', ['q'], 60_000)?.id).toBe(id);
    await aborted.promise;
    await until('the stale outcome logged', () => logged.some((l) => l.level === 'warn' && l.message.includes('result ignored')));
    expect(jobRow(id)).toMatchObject({ status: 'active', leasedBy: 'other' });
  });

  it('stop() lets running jobs finish and leases nothing more', async () => {
    const release = deferred();
    const first = queue.enqueue(db, 'q', {});
    let runs = 0;
    worker = startWorker({
      queue,
      pollMs: 10,
      log,
      handlers: {
        q: async () => {
          runs++;
          await release.promise;
        },
      },
    });
    await until('the job running', () => runs === 1);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    const second = queue.enqueue(db, 'q', {});
    worker.wake();
    await new Promise((r) => setTimeout(r, 40));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(jobRow(first).status).toBe('done');
    expect(jobRow(second).status).toBe('pending');
    expect(runs).toBe(1);
  });

  it('refuses nonsense settings', () => {
    expect(() => startWorker({ queue, handlers: {}, concurrency: 0 })).toThrow(
      "the worker's concurrency must be a positive whole number; got 0",
    );
    expect(() => startWorker({ queue, handlers: {}, pollMs: Number.NaN })).toThrow("the worker's pollMs must be a positive number");
  });
});

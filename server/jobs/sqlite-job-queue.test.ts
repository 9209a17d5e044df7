import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { connectors, inboundEvents, jobs } from '../../db/schema';
import { SqliteJobQueue } from './sqlite-job-queue';

process.env.LEDGERLINK_ROOT = path.resolve(__dirname, '../..');

const T0 = 1_700_000_000_000;
const row = (db: Db, id: number) => db.select().from(jobs).where(eq(jobs.id, id)).get()!;

describe('SqliteJobQueue', () => {
  let db: Db;
  let queue: SqliteJobQueue;
  beforeEach(() => {
    db = openDatabase(':memory:');
    queue = new SqliteJobQueue(db, { retryBaseMs: 1000, retryCapMs: 60_000, maxAttempts: 3, random: () => 0.5 });
  });

  it('leases the oldest due job once, counting the attempt at lease', () => {
    const later = queue.enqueue(db, 'process-event', { eventId: 2 }, { now: T0, runAt: T0 + 5000 });
    const first = queue.enqueue(db, 'process-event', { eventId: 1 }, { now: T0 });
    const job = queue.lease('w1', ['process-event'], 30_000, T0 + 10);
    expect(job).toMatchObject({ id: first, queue: 'process-event', payload: { eventId: 1 }, attempt: 1, maxAttempts: 3 });
    expect(job!.leaseUntil).toBe(T0 + 10 + 30_000);
    expect(row(db, first)).toMatchObject({ status: 'active', attempts: 1, leasedBy: 'w1' });
    // the other job is not due yet, and the leased one is not handed out twice
    expect(queue.lease('w2', ['process-event'], 30_000, T0 + 10)).toBeNull();
    expect(queue.lease('w2', ['process-event'], 30_000, T0 + 5000)?.id).toBe(later);
  });

  it('leases only from the queues asked for', () => {
    queue.enqueue(db, 'deliver-voucher', { runId: 1 }, { now: T0 });
    expect(queue.lease('w1', ['process-event'], 1000, T0)).toBeNull();
    expect(queue.lease('w1', [], 1000, T0)).toBeNull();
    expect(queue.lease('w1', ['process-event', 'deliver-voucher'], 1000, T0)?.queue).toBe('deliver-voucher');
  });

  it('enqueues inside the caller’s transaction: the job and the event commit or roll back together', () => {
    const connectorId = db
      .insert(connectors)
      .values({ name: 'expenses', kind: 'webhook', format: 'dingtalk', secretsSealed: 'v1.x.y.z' })
      .returning({ id: connectors.id })
      .get().id;
    const ingest = (messageId: string, connector: number) =>
      db.transaction((tx) => {
        const event = tx
          .insert(inboundEvents)
          .values({ connectorId: connector, messageId, status: 'accepted', bodyText: '{}' })
          .returning({ id: inboundEvents.id })
          .get();
        return queue.enqueue(tx, 'process-event', { eventId: event.id }, { now: T0 });
      });
    const id = ingest('m-1', connectorId);
    expect(row(db, id)).toMatchObject({ status: 'pending', payloadJson: JSON.stringify({ eventId: 1 }) });
    // the repeated message id violates the event's identity: neither the event nor a second job is stored
    expect(() => ingest('m-1', connectorId)).toThrow(/UNIQUE constraint failed/);
    // and a job enqueued before a failing statement goes with it
    expect(() =>
      db.transaction((tx) => {
        queue.enqueue(tx, 'process-event', { eventId: 99 }, { now: T0 });
        tx.insert(inboundEvents).values({ connectorId: 999, messageId: 'm-2', status: 'accepted', bodyText: '{}' }).run();
      }),
    ).toThrow(/FOREIGN KEY constraint failed/);
    expect(db.select().from(jobs).all().map((j) => j.id)).toEqual([id]);
  });

  it('completes only for the lease holder', () => {
    const id = queue.enqueue(db, 'q', {}, { now: T0 });
    queue.lease('w1', ['q'], 1000, T0);
    expect(queue.complete(id, 'w2', T0 + 1)).toEqual({ outcome: 'stale', reason: `job ${id} is leased by w1 now, not w2` });
    expect(queue.complete(id, 'w1', T0 + 2)).toEqual({ outcome: 'done' });
    expect(row(db, id)).toMatchObject({ status: 'done', finishedAt: T0 + 2, leaseUntil: null });
    expect(queue.complete(id, 'w1', T0 + 3).outcome).toBe('stale');
  });

  it('retries with full-jitter backoff, then buries the job after maxAttempts', () => {
    const id = queue.enqueue(db, 'q', {}, { now: T0 });
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const job = queue.lease('w1', ['q'], 1000, now)!;
      expect(job.attempt).toBe(attempt);
      const r = queue.fail(id, 'w1', `boom ${attempt}`, {}, now);
      if (r.outcome !== 'retry') throw new Error(`expected a retry, got ${r.outcome}`);
      delays.push(r.delayMs);
      expect(r.runAt).toBe(now + r.delayMs);
      expect(queue.lease('w1', ['q'], 1000, r.runAt - 1)).toBeNull(); // not before its time
      now = r.runAt;
    }
    // random 0.5 of min(60 s, 1 s·2^(n−1)), inclusive bounds
    expect(delays).toEqual([500, 1000]);
    expect(row(db, id).lastError).toBe('boom 2');
    queue.lease('w1', ['q'], 1000, now);
    expect(queue.fail(id, 'w1', 'boom 3', {}, now)).toEqual({ outcome: 'dead', attempt: 3 });
    expect(row(db, id)).toMatchObject({ status: 'dead', lastError: 'boom 3', finishedAt: now });
    expect(queue.lease('w1', ['q'], 1000, now + 10 ** 9)).toBeNull();
  });

  it('honours Retry-After and permanent failures', () => {
    const id = queue.enqueue(db, 'q', {}, { now: T0 });
    queue.lease('w1', ['q'], 1000, T0);
    expect(queue.fail(id, 'w1', '503', { retryAfterMs: 120_000 }, T0)).toMatchObject({ outcome: 'retry', delayMs: 120_000 });
    queue.lease('w1', ['q'], 1000, T0 + 120_000);
    expect(queue.fail(id, 'w1', '400 refused', { permanent: true }, T0 + 120_000)).toEqual({ outcome: 'dead', attempt: 2 });
  });

  it('ignores a stale worker’s failure after its lease was taken over, and takes over expired leases', () => {
    const id = queue.enqueue(db, 'q', { n: 1 }, { now: T0 });
    queue.lease('crashed', ['q'], 1000, T0);
    expect(queue.lease('w2', ['q'], 1000, T0 + 999)).toBeNull(); // still held
    const taken = queue.lease('w2', ['q'], 1000, T0 + 1000)!;
    expect(taken).toMatchObject({ id, attempt: 2 });
    expect(taken.previousError).toBe('the lease of worker crashed expired during attempt 1 of 3');
    expect(queue.fail(id, 'crashed', 'late', {}, T0 + 1001)).toEqual({
      outcome: 'stale',
      reason: `job ${id} is leased by w2 now, not crashed`,
    });
    expect(row(db, id)).toMatchObject({ status: 'active', leasedBy: 'w2', attempts: 2 });
  });

  it('buries a job whose expired lease was its last attempt, and leases the next one', () => {
    const exhausted = queue.enqueue(db, 'q', {}, { now: T0, maxAttempts: 1 });
    const next = queue.enqueue(db, 'q', {}, { now: T0 + 1 });
    queue.lease('crashed', ['q'], 100, T0 + 1);
    expect(queue.lease('w2', ['q'], 100, T0 + 200)?.id).toBe(next);
    expect(row(db, exhausted)).toMatchObject({ status: 'dead', attempts: 1, finishedAt: T0 + 200 });
    expect(row(db, exhausted).lastError).toBe('the lease of worker crashed expired during attempt 1 of 1');
  });

  it('renews a lease only for its holder', () => {
    const id = queue.enqueue(db, 'q', {}, { now: T0 });
    queue.lease('w1', ['q'], 1000, T0);
    expect(queue.renewLease(id, 'w1', 1000, T0 + 900)).toBe(true);
    expect(queue.lease('w2', ['q'], 1000, T0 + 1500)).toBeNull(); // would have expired without the renewal
    expect(queue.renewLease(id, 'w2', 1000, T0 + 1500)).toBe(false);
    queue.complete(id, 'w1', T0 + 1600);
    expect(queue.renewLease(id, 'w1', 1000, T0 + 1700)).toBe(false);
  });

  it('reports depth and the age of the oldest unfinished job', () => {
    expect(queue.stats(T0)).toEqual({ queueDepth: 0, oldestPendingAgeS: 0 });
    const a = queue.enqueue(db, 'q', {}, { now: T0 });
    queue.enqueue(db, 'q', {}, { now: T0 + 5000 });
    const done = queue.enqueue(db, 'q', {}, { now: T0 - 60_000 });
    queue.lease('w1', ['q'], 1000, T0 + 5000); // the oldest, `done`, is leased first
    queue.complete(done, 'w1', T0 + 5000);
    queue.lease('w1', ['q'], 1000, T0 + 5000); // `a` is active: still outstanding
    expect(row(db, a).status).toBe('active');
    expect(queue.stats(T0 + 42_500)).toEqual({ queueDepth: 2, oldestPendingAgeS: 42 });
  });

  it('refuses payloads and limits that cannot be stored', () => {
    expect(() => queue.enqueue(db, 'q', undefined)).toThrow('the payload of a q job must be a JSON value');
    expect(() => queue.enqueue(db, 'q', {}, { maxAttempts: 0 })).toThrow('maxAttempts of a q job must be a whole number ≥ 1; got 0');
    expect(() => queue.lease('w1', ['q'], 0)).toThrow('a lease must last longer than 0 ms; got 0');
  });

  it('keeps stored errors to a readable length', () => {
    const id = queue.enqueue(db, 'q', {}, { now: T0 });
    queue.lease('w1', ['q'], 1000, T0);
    queue.fail(id, 'w1', 'x'.repeat(10_000), {}, T0);
    expect(row(db, id).lastError).toBe(`${'x'.repeat(4000)}… (10000 characters)`);
  });
});

describe('SqliteJobQueue on two connections to one file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-jobs-'));
  const file = path.join(dir, 'jobs.db');
  const a = openDatabase(file);
  const b = openDatabase(file);
  afterAll(() => {
    a.$client.close();
    b.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never leases one job to both workers, and sees each other’s leases and completions', () => {
    const qa = new SqliteJobQueue(a, { maxAttempts: 3 });
    const qb = new SqliteJobQueue(b, { maxAttempts: 3 });
    const ids = Array.from({ length: 200 }, (_, i) => qa.enqueue(a, 'q', { i }, { now: T0 + i }));
    const leasedBy = new Map<number, string>();
    // alternate the two connections job by job, as two worker processes would interleave
    for (let turn = 0; ; turn++) {
      const [q, who] = turn % 2 === 0 ? [qa, 'worker-a'] : [qb, 'worker-b'];
      const job = q.lease(who, ['q'], 60_000, T0 + 1000);
      if (!job) break;
      expect(leasedBy.has(job.id)).toBe(false);
      leasedBy.set(job.id, who);
    }
    expect([...leasedBy.keys()].sort((x, y) => x - y)).toEqual(ids);
    expect(new Set(leasedBy.values())).toEqual(new Set(['worker-a', 'worker-b']));
    // a completion on one connection is final for the other
    const [firstId, holder] = [...leasedBy.entries()].find(([, w]) => w === 'worker-b')!;
    expect(qb.complete(firstId, holder)).toEqual({ outcome: 'done' });
    expect(qa.fail(firstId, 'worker-a', 'late').outcome).toBe('stale');
    expect(qa.stats(T0 + 1000).queueDepth).toBe(199);
  });
});

describe('SqliteJobQueue across two processes', () => {
  it('hands each job to exactly one of two workers leasing at the same time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-jobs-race-'));
    const file = path.join(dir, 'jobs.db');
    const db = openDatabase(file);
    try {
      const queue = new SqliteJobQueue(db, { maxAttempts: 3 });
      const ids = db.transaction((tx) => Array.from({ length: 600 }, (_, i) => queue.enqueue(tx, 'q', { i })));
      const script = path.join(__dirname, 'fixtures', 'lease-drain.ts');
      const workers = ['worker-a', 'worker-b'].map((id) =>
        spawn(process.execPath, ['--import', 'tsx', script, file, id], { cwd: path.resolve(__dirname, '../..') }),
      );
      const ready: Promise<void>[] = [];
      const outputs = workers.map(
        (child) =>
          new Promise<number[]>((resolve, reject) => {
            let out = '';
            let err = '';
            ready.push(new Promise((r) => child.stdout.once('data', () => r())));
            child.stdout.on('data', (d) => (out += d));
            child.stderr.on('data', (d) => (err += d));
            child.on('close', (code) =>
              code === 0 ? resolve(JSON.parse(out.replace(/^ready\n/, ''))) : reject(new Error(`exit ${code}: ${err}`)),
            );
          }),
      );
      await Promise.all(ready);
      for (const child of workers) child.stdin.end();
      const [gotA, gotB] = await Promise.all(outputs);
      const all = [...gotA, ...gotB].sort((x, y) => x - y);
      expect(all).toEqual(ids); // every job once: none twice, none lost
      // they really raced: the ids alternate between the two many times
      expect(interleavings(gotA, gotB)).toBeGreaterThan(20);
      expect(queue.stats().queueDepth).toBe(0);
    } finally {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
/** How often consecutive job ids went to different workers. */
function interleavings(a: number[], b: number[]) {
  const owner = new Map([...a.map((id) => [id, 'a'] as const), ...b.map((id) => [id, 'b'] as const)]);
  const order = [...owner.keys()].sort((x, y) => x - y).map((id) => owner.get(id));
  return order.filter((w, i) => i > 0 && w !== order[i - 1]).length;
}

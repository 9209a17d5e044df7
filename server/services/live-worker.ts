import type Database from 'better-sqlite3';
import type { Db } from '../../db/client';
import type { SqliteJobQueue } from '../jobs/sqlite-job-queue';
import { startWorker, type JobHandler, type RunningWorker } from '../worker/runner';
import { liveHandlers } from './live-handlers';
import { liveQueue } from './live-queue';
import { wakeWorkerProcess } from './live-worker-process';

/**
 * The worker that drains the live queues. `npm start` runs one inside the server (so a stored event is picked up
 * the moment the ingest route wakes it); `npm run worker` runs the same one alone. Several may run against one
 * database: leases keep them off each other's jobs. Kept on globalThis because Next bundles the instrumentation
 * hook and each route into separate chunks, which must all reach the one worker.
 */
const HANDLE = Symbol.for('ledgerlink.server.worker');
type Holder = { [HANDLE]?: RunningWorker };

export interface LiveWorkerOptions {
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
}

/**
 * The queue's own bookkeeping (lease, complete, fail, renew) committed without waiting for the disk: in WAL mode a
 * commit at synchronous=NORMAL is ordered before every later commit, and the next FULL commit (an event, a run and
 * its outbox row, a delivery attempt: everything a promise or a finance system depends on) makes it durable too. A
 * power cut can take back only the newest of these, and then a job runs again, which every live handler allows
 * (a run is made once per event and mapping, a delivery is sent only while pending, under one key). Each of them
 * was one fsync, four per voucher: a third of the worker's time on the development machine, all of it blocking the
 * event loop that also answers the webhooks.
 */
function withRelaxedBookkeeping(queue: SqliteJobQueue, client: Database.Database): SqliteJobQueue {
  const relaxed =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): R => {
      client.pragma('synchronous = NORMAL');
      try {
        return f(...args);
      } finally {
        client.pragma('synchronous = FULL');
      }
    };
  return Object.assign(Object.create(queue) as SqliteJobQueue, {
    lease: relaxed(queue.lease.bind(queue)),
    complete: relaxed(queue.complete.bind(queue)),
    fail: relaxed(queue.fail.bind(queue)),
    renewLease: relaxed(queue.renewLease.bind(queue)),
  });
}

/**
 * Each job starts in a macrotask of its own. A handler over SQLite resolves without real I/O, so a backlog of jobs
 * would otherwise chain lease → run → complete → lease… in microtasks and starve the HTTP server: a webhook's
 * acknowledgement waited for the whole backlog (seconds). Yielding first lets waiting requests in between jobs.
 */
function yielding(handlers: Record<string, JobHandler>): Record<string, JobHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([queue, handler]) => [
      queue,
      async (payload, ctx) => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        return handler(payload, ctx);
      },
    ]),
  ) as Record<string, JobHandler>;
}

/** The live queue and handlers as every live worker runs them: in the server, or alone (`npm run worker`). */
export function liveWorkerQueue(db: Db): SqliteJobQueue {
  return withRelaxedBookkeeping(liveQueue(db), db.$client);
}
export function liveWorkerHandlers(db: Db): Record<string, JobHandler> {
  return yielding(liveHandlers(db));
}

export function startLiveWorker(db: Db, options: LiveWorkerOptions = {}): RunningWorker {
  const holder = globalThis as Holder;
  holder[HANDLE] ??= startWorker({
    queue: liveWorkerQueue(db),
    handlers: liveWorkerHandlers(db),
    concurrency: options.concurrency ?? 4,
    pollMs: options.pollMs ?? 500,
    // Short, renewed while a job runs: a killed server's jobs are taken up again within seconds of a restart.
    leaseMs: options.leaseMs ?? 15_000,
  });
  return holder[HANDLE];
}

/** After a commit that added work: the worker (in this process, or its child process) starts on it now. */
export function wakeLiveWorker(): void {
  (globalThis as Holder)[HANDLE]?.wake();
  wakeWorkerProcess();
}

export async function stopLiveWorker(): Promise<void> {
  const holder = globalThis as Holder;
  const worker = holder[HANDLE];
  delete holder[HANDLE];
  await worker?.stop();
}

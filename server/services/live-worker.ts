import type { Db } from '../../db/client';
import { startWorker, type RunningWorker } from '../worker/runner';
import { liveHandlers } from './live-handlers';
import { liveQueue } from './live-queue';

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

export function startLiveWorker(db: Db, options: LiveWorkerOptions = {}): RunningWorker {
  const holder = globalThis as Holder;
  holder[HANDLE] ??= startWorker({
    queue: liveQueue(db),
    handlers: liveHandlers(db),
    concurrency: options.concurrency ?? 4,
    pollMs: options.pollMs ?? 500,
    // Short, renewed while a job runs: a killed server's jobs are taken up again within seconds of a restart.
    leaseMs: options.leaseMs ?? 15_000,
  });
  return holder[HANDLE];
}

/** After a commit that added work: the in-process worker, if this process runs one, starts on it now. */
export function wakeLiveWorker(): void {
  (globalThis as Holder)[HANDLE]?.wake();
}

export async function stopLiveWorker(): Promise<void> {
  const holder = globalThis as Holder;
  const worker = holder[HANDLE];
  delete holder[HANDLE];
  await worker?.stop();
}

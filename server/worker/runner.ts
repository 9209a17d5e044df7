import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FailOptions, JobQueue, LeasedJob } from '../jobs/job-queue';
import { PermanentFailure, RetryLater } from './job-errors';

export { PermanentFailure, RetryLater } from './job-errors';

/** What a handler learns about the job it runs. */
export interface JobContext {
  jobId: number;
  queue: string;
  /** 1 on the first run */
  attempt: number;
  maxAttempts: number;
  /** the previous attempt's error, or the note that its worker's lease expired */
  previousError: string | null;
  workerId: string;
  /** aborted when this worker lost the job's lease (another worker has it now): stop and leave no side effect */
  signal: AbortSignal;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** Never given payloads, keys or secrets: only job ids, queues, attempts, outcomes and error messages. */
export type WorkerLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface WorkerOptions {
  // Any store: a 'sync' one (SQLite) answers at once, an 'async' one (pg-boss) with promises; both are awaited.
  queue: JobQueue<any>;
  /** one handler per queue name; the worker leases only these queues */
  handlers: Record<string, JobHandler>;
  /** jobs run at once; default 4 */
  concurrency?: number;
  /** how often an idle worker looks for due jobs; wake() skips the wait. Default 1000 */
  pollMs?: number;
  /** how long a lease lasts without renewal; renewed every third of it while a handler runs. Default 60 000 */
  leaseMs?: number;
  /** default: host:pid:random, distinct per start */
  workerId?: string;
  log?: WorkerLog;
}

export interface RunningWorker {
  readonly workerId: string;
  /** Look for due jobs now (an in-process producer calls this after its transaction commits). */
  wake(): void;
  /** Stops leasing, lets the running jobs finish and settle, then resolves. */
  stop(): Promise<void>;
}

const quietLog: WorkerLog = (level, message, fields) => {
  if (level !== 'info') console.error(`[worker] ${message}`, fields ?? '');
};

export function startWorker(options: WorkerOptions): RunningWorker {
  const { queue, handlers } = options;
  const concurrency = positive('concurrency', options.concurrency ?? 4);
  const pollMs = positive('pollMs', options.pollMs ?? 1000);
  const leaseMs = positive('leaseMs', options.leaseMs ?? 60_000);
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = options.log ?? quietLog;
  const queues = Object.keys(handlers);

  const running = new Set<Promise<void>>();
  const retryTimers = new Set<NodeJS.Timeout>();
  let pollTimer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let stopping = false;
  let stopped: Promise<void> | undefined;

  /** Leases due jobs until the slots are full or none is due, then waits for the next poll (or a wake). */
  function pump(): Promise<void> {
    if (stopping) return Promise.resolve();
    if (pumping) {
      pumpAgain = true; // a wake or a freed slot during a pass: look once more when it ends
      return pumping;
    }
    pumping = (async () => {
      do {
        pumpAgain = false;
        while (!stopping && running.size < concurrency) {
          let job: LeasedJob | null;
          try {
            job = await queue.lease(workerId, queues, leaseMs, Date.now());
          } catch (error) {
            log('error', 'could not lease a job; trying again at the next poll', { workerId, error: describe(error) });
            break;
          }
          if (!job) break;
          track(run(job)); // leased, so it runs even if stop() came meanwhile: stop() waits for it
        }
      } while (pumpAgain && !stopping);
    })().finally(() => {
      pumping = undefined;
      if (!stopping) {
        clearTimeout(pollTimer);
        pollTimer = setTimeout(() => void pump(), pollMs);
      }
    });
    return pumping;
  }

  function track(job: Promise<void>) {
    running.add(job);
    void job.finally(() => {
      running.delete(job);
      void pump(); // a slot is free
    });
  }

  async function run(job: LeasedJob): Promise<void> {
    const lost = new AbortController();
    const renewal = setInterval(() => void renew(job, lost), Math.max(1, Math.floor(leaseMs / 3)));
    const ctx: JobContext = {
      jobId: job.id,
      queue: job.queue,
      attempt: job.attempt,
      maxAttempts: job.maxAttempts,
      previousError: job.previousError,
      workerId,
      signal: lost.signal,
    };
    let failure: { message: string; options: FailOptions } | undefined;
    try {
      const handler = Object.hasOwn(handlers, job.queue) ? handlers[job.queue] : undefined;
      if (!handler) throw new PermanentFailure(`no handler for queue ${job.queue}`);
      await handler(job.payload, ctx);
    } catch (error) {
      failure = classify(error);
      if (!(error instanceof RetryLater || error instanceof PermanentFailure)) {
        // an unexpected error: its stack is for the operator's log; the job row keeps only the message
        log('error', `job ${job.id} (${job.queue}) threw`, { workerId, attempt: job.attempt, error });
      }
    } finally {
      clearInterval(renewal);
    }
    try {
      if (!failure) {
        const r = await queue.complete(job.id, workerId, Date.now());
        if (r.outcome === 'stale') log('warn', `finished job ${job.id} after losing its lease; result ignored`, { reason: r.reason });
        else log('info', `job ${job.id} (${job.queue}) done`, { attempt: job.attempt });
        return;
      }
      const r = await queue.fail(job.id, workerId, failure.message, failure.options, Date.now());
      if (r.outcome === 'stale') log('warn', `job ${job.id} failed after losing its lease; result ignored`, { reason: r.reason });
      else if (r.outcome === 'dead') log('warn', `job ${job.id} (${job.queue}) is dead`, { attempt: r.attempt, error: failure.message });
      else {
        log('info', `job ${job.id} (${job.queue}) retries in ${r.delayMs} ms`, { attempt: r.attempt, error: failure.message });
        // a retry due before the next poll is looked for when due, not a poll later
        if (r.delayMs < pollMs && !stopping) {
          const t = setTimeout(() => {
            retryTimers.delete(t);
            void pump();
          }, r.delayMs);
          retryTimers.add(t);
        }
      }
    } catch (error) {
      // the job stays active under our lease; when the lease expires another worker (or this one) takes it up
      log('error', `could not record the outcome of job ${job.id}`, { workerId, error: describe(error) });
    }
  }

  async function renew(job: LeasedJob, lost: AbortController) {
    if (lost.signal.aborted) return;
    try {
      const held = await queue.renewLease(job.id, workerId, leaseMs, Date.now());
      if (!held) {
        log('warn', `lost the lease of job ${job.id}; another worker runs it now`, { workerId });
        lost.abort(new Error(`the lease of job ${job.id} was lost`));
      }
    } catch (error) {
      log('error', `could not renew the lease of job ${job.id}`, { workerId, error: describe(error) });
    }
  }

  void pump();

  return {
    workerId,
    wake() {
      void pump();
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearTimeout(pollTimer);
        for (const t of retryTimers) clearTimeout(t);
        retryTimers.clear();
        await pumping;
        while (running.size > 0) await Promise.allSettled([...running]);
      })();
      return stopped;
    },
  };
}

function classify(error: unknown): { message: string; options: FailOptions } {
  if (error instanceof RetryLater) return { message: error.message, options: { retryAfterMs: error.retryAfterMs } };
  if (error instanceof PermanentFailure) return { message: error.message, options: { permanent: true } };
  return { message: describe(error), options: {} };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

function positive(name: string, n: number): number {
  const whole = name === 'concurrency';
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
    throw new Error(`the worker's ${name} must be a positive ${whole ? 'whole number' : 'number'}; got ${n}`);
  }
  return n;
}

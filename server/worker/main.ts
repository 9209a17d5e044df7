/**
 * The worker as a process of its own (`npm run worker`), for deployments that keep the web server and the job
 * runner apart; by default the same runner runs inside `npm start`. Both lease from the same SQLite file, so any
 * number of them can run side by side.
 */
import { openDatabase, type Db } from '../../db/client';
import { SqliteJobQueue } from '../jobs/sqlite-job-queue';
import { startWorker, type JobHandler, type RunningWorker, type WorkerLog } from './runner';

export interface WorkerProcessOptions {
  /** default: databasePath() (LEDGERLINK_DB or ./data/ledgerlink.db) */
  databaseFile?: string;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  log?: WorkerLog;
}

export interface WorkerProcess {
  worker: RunningWorker;
  db: Db;
  /** Stops leasing, waits for the running jobs, closes the database. SIGINT and SIGTERM call it. */
  shutdown(): Promise<void>;
  /** settles when the process's worker has shut down */
  done: Promise<void>;
}

/** One JSON line per event on stderr, for a process supervisor's log. Errors keep their stack (an operator reads it). */
export const jsonLineLog: WorkerLog = (level, message, fields = {}) => {
  const plain = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? { message: v.message, stack: v.stack } : v]),
  );
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...plain })}\n`);
};

export function runWorkerProcess(
  makeHandlers: (db: Db) => Record<string, JobHandler>,
  options: WorkerProcessOptions = {},
): WorkerProcess {
  const log = options.log ?? jsonLineLog;
  const db = options.databaseFile ? openDatabase(options.databaseFile) : openDatabase();
  const queue = new SqliteJobQueue(db);
  const handlers = makeHandlers(db);
  const worker = startWorker({
    queue,
    handlers,
    concurrency: options.concurrency,
    pollMs: options.pollMs,
    leaseMs: options.leaseMs,
    log,
  });
  log('info', 'worker started', { workerId: worker.workerId, queues: Object.keys(handlers) });

  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let shuttingDown: Promise<void> | undefined;
  const shutdown = () =>
    (shuttingDown ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      try {
        await worker.stop();
      } finally {
        db.$client.close();
        log('info', 'worker stopped', { workerId: worker.workerId });
        finished();
      }
    })());
  // A signal finishes the jobs in hand (a kill -9 instead leaves their leases to expire and another worker, or
  // this one restarted, takes them up again). The listeners go at the first signal, so a second Ctrl-C ends the
  // process at once, as Node's default does.
  function onSignal(signal: NodeJS.Signals) {
    log('info', `${signal}: finishing running jobs, then stopping`, { workerId: worker.workerId });
    void shutdown();
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { worker, db, shutdown, done };
}

import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../db/client';

/**
 * The live worker as a child process of the server: what `npm start` runs by default. Its mappings, deliveries and
 * their disk syncs then never hold up the server's one event loop, which answers the webhooks (an acknowledgement
 * waits only for its own commit). The ingest route wakes it over the IPC channel the moment an event is stored; when
 * the server goes away — even by kill -9 — the channel closes and the worker finishes its jobs and stops, and a
 * job it could not finish is leased again by the next worker.
 */
const CHILD = Symbol.for('ledgerlink.server.worker-process');
type Holder = { [CHILD]?: ChildProcess | null };

export function spawnLiveWorker(): ChildProcess {
  const holder = globalThis as Holder;
  const running = holder[CHILD];
  if (running && running.exitCode === null) return running;
  // A file of the installed project, run by Node as it is: not something for the bundler to resolve.
  const script = path.join(/*turbopackIgnore: true*/ projectRoot(), 'bin', 'worker.js');
  const child = fork(/*turbopackIgnore: true*/ script, [], { stdio: 'inherit', env: process.env });
  holder[CHILD] = child;
  child.on('exit', (code, signal) => {
    if (holder[CHILD] !== child) return;
    holder[CHILD] = null;
    // A worker that crashed is started again; one that stopped cleanly (its server asked, or went away) is not.
    if (!stopping && code !== 0) {
      console.error(`[worker] the worker process ended (${signal ?? `exit ${code}`}); starting it again`);
      setTimeout(() => spawnLiveWorker(), 1000).unref();
    }
  });
  return child;
}

let stopping = false;
process.once('exit', () => {
  stopping = true;
  (globalThis as Holder)[CHILD]?.kill('SIGTERM');
});

/** After a commit that added work: the worker process starts on it now instead of at its next poll. */
export function wakeWorkerProcess(): boolean {
  const child = (globalThis as Holder)[CHILD];
  if (!child?.connected) return false;
  child.send('wake', (error) => void error); // a worker restarting just misses this wake; its poll finds the job
  return true;
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { RawOutcome } from '../engine/expression/evaluator';
import type { EvaluateRequest } from './evaluator-process';

/**
 * A small pool of warm sandbox processes, reused across runs; one killed for overrunning its budget is replaced at
 * once so the next run finds one ready.
 *
 * Processes rather than worker threads: a thread can be terminated in the middle of a backtracking regular
 * expression too, but its heap limit is best-effort — one large allocation (a 100-million-element array)
 * aborts the whole server, not just the thread (nodejs/node#47224). A process that runs out of heap dies alone.
 *
 * The child is started with code (`-e`) that registers tsx's CommonJS loader and requires evaluator-process.ts by
 * absolute path: that works the same in the CLI, under vitest and in the Next production server, whose bundled
 * code has no usable __dirname — hence the project root comes from LEDGERLINK_ROOT (set by the CLI launcher) or
 * the working directory (where `next start` runs).
 */
const BOOTSTRAP = `
const { createRequire } = require('node:module');
const load = createRequire(process.env.LEDGERLINK_SANDBOX_ROOT + '/package.json');
load('tsx/cjs/api').register();
load(process.env.LEDGERLINK_SANDBOX_ENTRY);
`;

export interface PoolOptions {
  size: number;
  /** Heap limit of one process; past it V8 aborts that process. */
  memoryMb: number;
  root?: string;
}

export type CallResult = RawOutcome | { ok: false; kind: 'timeout' } | { ok: false; kind: 'crashed'; outOfMemory: boolean; detail: string };

const STARTUP_LIMIT_MS = 30_000;

const SANDBOX_ENV = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'TZ'] as const;
function pick(env: NodeJS.ProcessEnv, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = env[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export class SandboxProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  private nextId = 1;
  private pending: { id: number; settle: (r: CallResult) => void } | null = null;
  dead = false;

  constructor(root: string, memoryMb: number) {
    const entry = path.join(root, 'server', 'sandbox', 'evaluator-process.ts');
    if (!fs.existsSync(entry)) throw new Error(`the expression sandbox cannot start: ${entry} does not exist (set LEDGERLINK_ROOT to the project folder)`);
    this.child = spawn(process.execPath, [`--max-old-space-size=${memoryMb}`, '-e', BOOTSTRAP], {
      cwd: root,
      // Only what Node and tsx's cache need: the server's own settings and secrets stay out of the sandbox.
      env: { ...pick(process.env, SANDBOX_ENV), NODE_ENV: process.env.NODE_ENV, LEDGERLINK_SANDBOX_ROOT: root, LEDGERLINK_SANDBOX_ENTRY: entry, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the expression sandbox did not start in time')), STARTUP_LIMIT_MS);
      timer.unref();
      this.child.once('message', () => (clearTimeout(timer), resolve()));
      this.child.once('error', (e) => (clearTimeout(timer), reject(new Error(`the expression sandbox cannot start: ${e.message}`))));
      this.child.once('exit', () => (clearTimeout(timer), reject(new Error('the expression sandbox stopped while starting'))));
    });
    this.ready.catch(() => (this.dead = true));
    this.child.on('message', (m: { id?: number; outcome?: RawOutcome }) => {
      if (this.pending && m.id === this.pending.id) this.finish({ ...m.outcome! });
    });
    this.child.on('exit', (code, signal) => {
      this.dead = true;
      // V8 aborts on a heap exhausted past --max-old-space-size.
      const outOfMemory = signal === 'SIGABRT' || code === 134;
      this.finish({ ok: false, kind: 'crashed', outOfMemory, detail: signal ?? `exit code ${code}` });
    });
    this.child.on('error', () => this.kill());
    // An idle process must not keep the CLI (or a test run) alive. After the listeners: adding a 'message'
    // listener refs the channel again.
    this.hold(false);
  }

  /** Whether this process keeps the server's event loop alive: only while someone waits for it. */
  hold(on: boolean): void {
    const channel = this.child.channel as { ref(): void; unref(): void } | null | undefined;
    if (on) {
      this.child.ref();
      channel?.ref();
    } else {
      this.child.unref();
      channel?.unref();
    }
  }

  /** One evaluation, answered within `limitMs` or reported as `timeout` (the caller then kills the process). */
  call(req: Omit<EvaluateRequest, 'id'>, limitMs: number): Promise<CallResult> {
    const id = this.nextId++;
    return new Promise<CallResult>((settle) => {
      const timer = setTimeout(() => this.finish({ ok: false, kind: 'timeout' }), limitMs);
      this.pending = { id, settle: (r) => (clearTimeout(timer), this.hold(false), settle(r)) };
      this.hold(true);
      this.child.send({ ...req, id } satisfies EvaluateRequest);
    });
  }

  private finish(r: CallResult): void {
    const p = this.pending;
    this.pending = null;
    p?.settle(r);
  }

  kill(): void {
    this.dead = true;
    this.child.kill('SIGKILL');
  }
}

export class SandboxPool {
  private readonly idle: SandboxProcess[] = [];
  private readonly waiting: { resolve: (t: SandboxProcess) => void; reject: (e: Error) => void }[] = [];
  private live = 0;
  private readonly root: string;

  constructor(private readonly options: PoolOptions) {
    this.root = options.root ?? (process.env.LEDGERLINK_ROOT || process.cwd());
  }

  /** A started process for one evaluation; give it back with `release`, or `discard` it after an overrun. */
  async acquire(): Promise<SandboxProcess> {
    const proc =
      this.idle.pop() ??
      (this.live < this.options.size ? this.spawn() : await new Promise<SandboxProcess>((resolve, reject) => this.waiting.push({ resolve, reject })));
    // Someone waits on this process now: it must keep the server alive until it answers.
    proc.hold(true);
    try {
      await proc.ready;
    } catch (e) {
      this.discard(proc, false);
      throw e;
    } finally {
      proc.hold(false);
    }
    return proc;
  }

  release(proc: SandboxProcess): void {
    if (proc.dead) return this.discard(proc);
    const next = this.waiting.shift();
    if (next) next.resolve(proc);
    else this.idle.push(proc);
  }

  /** Ends a process (an overrun or a crash) and, unless it never started, starts its replacement for the next run. */
  discard(proc: SandboxProcess, replace = true): void {
    proc.kill();
    this.live--;
    if (!replace) {
      // A process that cannot start will not start on a retry either: tell whoever waits.
      for (const w of this.waiting.splice(0)) w.reject(new Error('the expression sandbox cannot start'));
      return;
    }
    try {
      const fresh = this.spawn();
      fresh.ready.then(() => this.release(fresh), () => this.discard(fresh, false));
    } catch (e) {
      for (const w of this.waiting.splice(0)) w.reject(e as Error);
    }
  }

  private spawn(): SandboxProcess {
    const p = new SandboxProcess(this.root, this.options.memoryMb);
    this.live++;
    return p;
  }

  /** Ends every idle process (tests; a server shutting down). */
  close(): void {
    const idle = this.idle.splice(0);
    for (const p of idle) p.kill();
    this.live -= idle.length;
  }
}

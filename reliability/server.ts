import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { signStandardWebhook } from '../server/inbound/standard-webhook';

/**
 * The real server for the reliability suite: `node bin/start.js` (which builds the app when the build is missing
 * or stale) on a free port of 3400–3499, with its own database and data folder. It runs in a process group of its
 * own, so `kill9()` ends start.js, `next start` and the next-server child together, as a crash or an OOM kill would.
 */
// BENCH_ROOT: the ingest benchmark runs this file bundled into a temporary folder (bench/ingest/run.js).
export const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..');

export async function waitFor<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A free port in 3400–3499, starting at a random place so parallel runs rarely collide. */
export async function freePort(): Promise<number> {
  const start = Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    const port = 3400 + ((start + i) % 100);
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free port in 3400–3499');
}

export interface ServerOptions {
  /** extra environment (LEDGERLINK_OUTBOUND_ALLOW, LEDGERLINK_WORKER…) */
  env?: Record<string, string>;
  /** a build may be needed: generous by default */
  startTimeoutMs?: number;
}

export class LedgerlinkServer {
  readonly dir: string;
  readonly dbFile: string;
  port = 0;
  private child: ChildProcess | null = null;
  log = '';

  constructor(
    readonly name: string,
    readonly options: ServerOptions = {},
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerlink-rel-${name}-`));
    this.dbFile = path.join(this.dir, 'data', 'ledgerlink.db');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LEDGERLINK_DB: this.dbFile,
      LEDGERLINK_RETRY_BASE_MS: '20',
      ...this.options.env,
    };
    // vitest sets these; the server must run as `npm start` does
    delete env.VITEST;
    delete env.VITEST_WORKER_ID;
    delete env.VITEST_POOL_ID;
    delete env.TEST;
    return env;
  }

  /** Starts (or restarts, on the same port and database) and waits for GET /api/health → 200. */
  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/start.js')], {
      cwd: ROOT,
      env: { ...this.env(), PORT: String(this.port) },
      detached: true, // its own process group: kill9() takes every process of it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (b: Buffer) => {
      this.log = (this.log + b.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was healthy:\n${this.log}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([
      exited,
      waitFor('the server to answer /api/health', async () => (await fetch(`${this.url}/api/health`)).status === 200, this.options.startTimeoutMs ?? 600_000, 100),
    ]);
  }

  /** SIGKILL to the whole process group, then waits until no process of it is left and the port is free. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = null;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await waitFor('the killed server group to be gone', () => !groupAlive(child.pid!), 10_000);
    await waitFor('the port to be free', () => portIsFree(this.port), 10_000);
  }

  /** SIGTERM, then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = null;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    try {
      await waitFor('the server to stop', () => !groupAlive(child.pid!), 5_000);
    } catch {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
      await waitFor('the server to stop', () => !groupAlive(child.pid!), 5_000);
    }
  }

  /** `node bin/ledgerlink.js …` against this server's database; stdout parsed as JSON. */
  cli(args: string[], env: Record<string, string> = {}): any {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), ...args], { cwd: ROOT, env: { ...this.env(), ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ledgerlink ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  /** A read-only look at the database (WAL: the server keeps writing meanwhile). */
  query<T = any>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(this.dbFile, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether a live (not zombie) process of the group is left: /proc, because signalling a zombie succeeds too. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
  }
  return members;
}

function groupAlive(pgid: number): boolean {
  return groupMembers(pgid).length > 0;
}

export interface SendResult {
  status: number | null;
  error?: string;
  ms: number;
}

/** POSTs a body signed with `secret` under message id `id`; a connection error is a result, not a throw. */
export async function sendSigned(url: string, secret: string, id: string, body: string, at = new Date()): Promise<SendResult> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...signStandardWebhook(secret, { id, timestamp: at, body }), 'content-type': 'application/json' },
      body,
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch (e) {
    return { status: null, error: `${(e as Error).message} (${String((e as { cause?: unknown }).cause)})`, ms: performance.now() - started };
  }
}

/** Runs `work` over `items` with at most `width` in flight. */
export async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

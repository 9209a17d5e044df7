import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client';
import { liveConnector } from '../services/connectors';
import { DEFAULT_APPROVED_BEFORE } from '../simulate/claims';
import { simulate } from '../simulate/simulator';
import { SimulateError, simulationTarget } from '../simulate/target';
import { EXIT, UsageError, expectedFailureExit, type CliIo } from './io';

export const SIMULATE_USAGE = `  ledgerlink simulate --connector NAME --count N [--rate R] [--url URL] [--faulty P] [--seed S] [--wait SECONDS]
        sends N signed demo claims (R per second, default 5; a share P faulty, default 0.1) to the server at URL
        (default http://127.0.0.1:$PORT, else :3000); for a vendor connector plays the vendor on its apiBaseUrl`;

export interface SimulateCommandDeps {
  openDb: () => Db;
  env?: Record<string, string | undefined>;
}

function numberOption(text: string | undefined, name: string, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${rule}, got "${text}"`);
  return n;
}

function serverUrl(text: string | undefined, env: Record<string, string | undefined>): string {
  const url = text ?? `http://127.0.0.1:${env.PORT || 3000}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--url must be the server's base URL, e.g. http://127.0.0.1:3000; got "${url}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--url must be an http or https URL, got "${url}"`);
  return url.replace(/\/+$/, '');
}

/**
 * `ledgerlink simulate`: realistic claims of the demo company sent to a running server, for demos and load.
 * stderr gets a line per claim; stdout only the final JSON summary. Exit 0 when every message got a 2xx (and, when
 * playing a vendor, the server fetched every instance), 1 otherwise, 2 for a usage or set-up error.
 */
export async function simulateCommand(argv: string[], io: CliIo, deps: SimulateCommandDeps): Promise<number> {
  const env = deps.env ?? process.env;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        connector: { type: 'string' },
        count: { type: 'string' },
        rate: { type: 'string' },
        url: { type: 'string' },
        faulty: { type: 'string' },
        seed: { type: 'string' },
        wait: { type: 'string' },
      },
    });
    if (positionals.length > 0 || !values.connector || values.count === undefined) throw new UsageError(`usage:\n${SIMULATE_USAGE}`);
    const count = numberOption(values.count, 'count', 0, (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000, 'a whole number from 1 to 1000000');
    const ratePerS = numberOption(values.rate, 'rate', 5, (n) => n > 0 && n <= 10_000, 'a number of messages per second above 0 (at most 10000)');
    const faultyShare = numberOption(values.faulty, 'faulty', 0.1, (n) => n >= 0 && n <= 1, 'a share from 0 to 1');
    const waitS = numberOption(values.wait, 'wait', 60, (n) => n >= 0 && n <= 3600, 'a number of seconds from 0 to 3600');
    const url = serverUrl(values.url, env);

    // The connector and its secret come from the server's own database (same machine, same data folder); the
    // handle is closed again before the first message, so a long run holds no database.
    const db = deps.openDb();
    let target;
    try {
      target = simulationTarget(liveConnector(db, values.connector), values.connector);
    } finally {
      db.$client.close();
    }

    const seed = values.seed ?? randomBytes(4).toString('hex');
    if (values.seed === undefined) io.err(`seed ${seed}: claims approved in the last 30 days (with --seed the claims repeat byte for byte, dated before ${DEFAULT_APPROVED_BEFORE.toISOString().slice(0, 10)})\n`);
    const summary = await simulate({
      url,
      target,
      count,
      ratePerS,
      faultyShare,
      seed,
      // A given seed fixes every byte of the claims; without one they look recent.
      approvedBefore: values.seed === undefined ? new Date() : undefined,
      fetchWaitMs: waitS * 1000,
      log: (line) => io.err(`${line}\n`),
    });
    io.out(JSON.stringify(summary) + '\n');
    const everyAnswer2xx = summary.refused === 0 && summary.failed === 0;
    const everyFetch = summary.instancesFetched === undefined || summary.instancesFetched >= summary.accepted;
    return everyAnswer2xx && everyFetch ? EXIT.ok : EXIT.failed;
  } catch (e) {
    if (e instanceof SimulateError) {
      io.err(`ledgerlink: ${e.message}\n`);
      return e.exit;
    }
    return expectedFailureExit(e, io);
  }
}

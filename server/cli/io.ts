import { ServiceError } from '../services/errors';

/** What the CLI writes and how it ends: stdout holds only the requested document; everything else is stderr. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Exit codes of `ledgerlink map`, in the order they are decided. */
export const EXIT = { ok: 0, failed: 1, usage: 2, skipped: 3 } as const;

export class UsageError extends Error {}

/**
 * The exit code for an expected failure of a sub-command (bad arguments, a refused request), reported on stderr;
 * anything else is rethrown for the launcher to report as a crash.
 */
export function expectedFailureExit(e: unknown, io: CliIo): number {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.err(`ledgerlink: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  if (e instanceof ServiceError) {
    io.err(`ledgerlink: ${e.message}\n`);
    return e.kind === 'validation' || e.kind === 'not_found' ? EXIT.usage : EXIT.failed;
  }
  throw e;
}

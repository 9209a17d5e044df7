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

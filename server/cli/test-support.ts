import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { run } from './main';

/** The project folder, for CLI tests that read the seed or start the launcher. */
export const ROOT = path.resolve(__dirname, '../..');

/**
 * For CLI tests run in-process: a temp folder with its own LEDGERLINK_DB for the test file, removed afterwards.
 * `dir()` is the folder (valid once the file's tests run).
 */
export function useCliFolder(prefix: string): { dir: () => string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerlink-${prefix}-`));
    process.env.LEDGERLINK_DB = path.join(dir, 'cli.db');
    process.env.LEDGERLINK_ROOT = ROOT;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir: () => dir };
}

/** `ledgerlink …` in this process, with its exit code and what it wrote to stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

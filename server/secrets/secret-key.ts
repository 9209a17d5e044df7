import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath } from '../../db/client';

/**
 * The one AES-256 key that seals connector and finance-system secrets. From LEDGERLINK_SECRET_KEY when set (an
 * operator who keeps keys out of the data folder), otherwise from `secret.key` beside the database, generated on
 * first use. Whoever holds the database and this file can read the secrets: back them up apart.
 */
export const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'secret.key';

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/** 64 hex characters, or base64 / base64url of 32 bytes. Messages name the shape, never the text. */
export function parseSecretKey(text: string, source: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    const bytes = Buffer.from(t, 'base64');
    if (bytes.length === KEY_BYTES) return bytes;
    throw new SecretKeyError(
      `${source} must hold a 32-byte key as 64 hex characters or base64; it decodes to ${bytes.length} bytes`,
    );
  }
  throw new SecretKeyError(
    `${source} must hold a 32-byte key as 64 hex characters or base64; it has ${t.length} characters that are neither`,
  );
}

// Keys read or made by this process, by file: the file is read once, and ':memory:' databases (tests, previews)
// get a random key that lives as long as the process, as their data does.
const loaded = new Map<string, Buffer>();

/**
 * The key in force: LEDGERLINK_SECRET_KEY, else the data folder's key file (created with mode 0600 when absent).
 * Read on every call so a changed environment (tests) is seen; the key file is read once per process.
 */
export function secretKey(env: Record<string, string | undefined> = process.env): Buffer {
  const fromEnv = env.LEDGERLINK_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseSecretKey(fromEnv, 'LEDGERLINK_SECRET_KEY');
  const dbFile = env.LEDGERLINK_DB || databasePath();
  if (dbFile === ':memory:') return remember(':memory:', () => randomBytes(KEY_BYTES));
  const keyFile = path.join(path.dirname(path.resolve(dbFile)), KEY_FILE_NAME);
  return remember(keyFile, () => readOrCreateKeyFile(keyFile));
}

function remember(id: string, make: () => Buffer): Buffer {
  let key = loaded.get(id);
  if (!key) {
    key = make();
    loaded.set(id, key);
  }
  return key;
}

/** Reads the key file, or writes a new random key to it; two processes starting at once end up with the same key. */
export function readOrCreateKeyFile(keyFile: string): Buffer {
  try {
    return parseSecretKey(fs.readFileSync(keyFile, 'utf8'), keyFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // Written whole under a temporary name, then linked into place: link() fails if the key file exists, so a
  // second process starting at once never overwrites a key (secrets sealed with it would be lost) and never reads
  // a half-written file.
  const draft = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(draft, keyFile);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return parseSecretKey(fs.readFileSync(keyFile, 'utf8'), keyFile);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/** For tests: forget the keys read from files, as a restarted process would. */
export function forgetLoadedKeys(): void {
  loaded.clear();
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openSecrets, sealSecrets } from './seal';
import { forgetLoadedKeys, parseSecretKey, readOrCreateKeyFile, secretKey } from './secret-key';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-secrets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => forgetLoadedKeys());

describe('parseSecretKey', () => {
  const raw = randomBytes(32);
  it('reads 64 hex characters, base64 and base64url', () => {
    expect(parseSecretKey(raw.toString('hex'), 'K').equals(raw)).toBe(true);
    expect(parseSecretKey(raw.toString('hex').toUpperCase(), 'K').equals(raw)).toBe(true);
    expect(parseSecretKey(` ${raw.toString('base64')}\n`, 'K').equals(raw)).toBe(true);
    expect(parseSecretKey(raw.toString('base64url'), 'K').equals(raw)).toBe(true);
  });

  it('refuses other lengths and alphabets without echoing the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseSecretKey(short, 'LEDGERLINK_SECRET_KEY')).toThrow(
      'LEDGERLINK_SECRET_KEY must hold a 32-byte key as 64 hex characters or base64; it decodes to 16 bytes',
    );
    const odd = 'not a key at all!';
    expect(() => parseSecretKey(odd, 'LEDGERLINK_SECRET_KEY')).toThrow(/it has 17 characters that are neither$/);
    try {
      parseSecretKey(short, 'X');
    } catch (e) {
      expect((e as Error).message).not.toContain(short);
    }
  });
});

describe('secretKey', () => {
  it('takes LEDGERLINK_SECRET_KEY when set', () => {
    const raw = randomBytes(32);
    expect(secretKey({ LEDGERLINK_SECRET_KEY: raw.toString('hex') }).equals(raw)).toBe(true);
    expect(() => secretKey({ LEDGERLINK_SECRET_KEY: 'abc' })).toThrow('LEDGERLINK_SECRET_KEY must hold a 32-byte key');
  });

  it('otherwise creates secret.key beside the database with mode 0600, and reuses it after a restart', () => {
    const db = path.join(dir, 'data', 'ledgerlink.db');
    const first = secretKey({ LEDGERLINK_DB: db });
    const keyFile = path.join(dir, 'data', 'secret.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parseSecretKey(fs.readFileSync(keyFile, 'utf8'), 'f').equals(first)).toBe(true);
    const sealed = sealSecrets({ token: 't' }, 'connector:a', first);
    forgetLoadedKeys(); // a restarted process
    const again = secretKey({ LEDGERLINK_DB: db, LEDGERLINK_SECRET_KEY: '  ' });
    expect(again.equals(first)).toBe(true);
    expect(openSecrets(sealed, 'connector:a', again)).toEqual({ token: 't' });
    expect(fs.readdirSync(path.join(dir, 'data'))).toEqual(['secret.key']); // no draft left behind
  });

  it('keeps a key file another process wrote first', () => {
    const keyFile = path.join(dir, 'race', 'secret.key');
    const theirs = readOrCreateKeyFile(keyFile);
    expect(readOrCreateKeyFile(keyFile).equals(theirs)).toBe(true);
  });

  it('names a damaged key file', () => {
    const keyFile = path.join(dir, 'damaged', 'secret.key');
    fs.mkdirSync(path.dirname(keyFile));
    fs.writeFileSync(keyFile, 'AAAA\n');
    expect(() => secretKey({ LEDGERLINK_DB: path.join(dir, 'damaged', 'x.db') })).toThrow(
      `${keyFile} must hold a 32-byte key as 64 hex characters or base64; it decodes to 3 bytes`,
    );
  });

  it('gives an in-memory database one random key for the life of the process', () => {
    const a = secretKey({ LEDGERLINK_DB: ':memory:' });
    expect(a).toHaveLength(32);
    expect(secretKey({ LEDGERLINK_DB: ':memory:' }).equals(a)).toBe(true);
  });

  it('is what sealSecrets uses when no key is passed', () => {
    const raw = randomBytes(32);
    const saved = process.env.LEDGERLINK_SECRET_KEY;
    process.env.LEDGERLINK_SECRET_KEY = raw.toString('base64');
    try {
      const sealed = sealSecrets({ a: 1 }, 'target:t');
      expect(openSecrets(sealed, 'target:t', raw)).toEqual({ a: 1 });
    } finally {
      if (saved === undefined) delete process.env.LEDGERLINK_SECRET_KEY;
      else process.env.LEDGERLINK_SECRET_KEY = saved;
    }
  });
});

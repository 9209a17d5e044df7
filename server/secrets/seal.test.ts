import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecrets, SealedSecretsError, sealSecrets } from './seal';

const key = randomBytes(32);
const secrets = { appSecret: 'zTq-3f9…', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', token: '签名密钥' };

describe('sealSecrets / openSecrets', () => {
  it('round-trips JSON secrets, with a fresh iv each time', () => {
    const a = sealSecrets(secrets, 'connector:expenses', key);
    const b = sealSecrets(secrets, 'connector:expenses', key);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(openSecrets(a, 'connector:expenses', key)).toEqual(secrets);
    expect(openSecrets(b, 'connector:expenses', key)).toEqual(secrets);
  });

  it('never shows the plaintext in the sealed text', () => {
    const sealed = sealSecrets({ password: 'hunter2-kingdee' }, 'target:k3', key);
    expect(sealed).not.toContain('hunter2');
    expect(Buffer.from(sealed.split('.')[3], 'base64url').toString('utf8')).not.toContain('hunter2');
  });

  it('does not open for another row, another key, or an altered blob, and says so without the secrets', () => {
    const sealed = sealSecrets(secrets, 'connector:expenses', key);
    const refusals = [
      () => openSecrets(sealed, 'connector:travel', key),
      () => openSecrets(sealed, 'connector:expenses', randomBytes(32)),
      () => openSecrets(tamper(sealed, 3), 'connector:expenses', key),
      () => openSecrets(tamper(sealed, 2), 'connector:expenses', key),
      () => openSecrets(tamper(sealed, 1), 'connector:expenses', key),
    ];
    for (const open of refusals) {
      let error: unknown;
      try {
        open();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SealedSecretsError);
      const message = (error as Error).message;
      expect(message).toMatch(/do not open: sealed with another key .*for another row, or altered/);
      for (const s of Object.values(secrets)) expect(message).not.toContain(s);
      expect(message).not.toContain(key.toString('base64'));
    }
  });

  it('names malformed blobs and wrong-size keys', () => {
    expect(() => openSecrets('plain text', 'connector:a', key)).toThrow('the secrets of connector:a are not a v1 sealed value');
    expect(() => openSecrets('v2.a.b.c', 'connector:a', key)).toThrow('not a v1 sealed value');
    expect(() => openSecrets('v1.AAAA.BBBB.CCCC', 'connector:a', key)).toThrow('are damaged (bad iv, tag or ciphertext encoding)');
    expect(() => openSecrets('v1.a+b.c.d', 'connector:a', key)).toThrow('are damaged');
    expect(() => sealSecrets({}, 'connector:a', randomBytes(16))).toThrow('the secret key must be 32 bytes; got 16');
    expect(() => sealSecrets(undefined, 'connector:a', key)).toThrow('secrets for connector:a must be a JSON value');
  });
});

/** Flips one bit in the given dot-separated part (1 iv, 2 tag, 3 ciphertext). */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

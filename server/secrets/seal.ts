import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES, secretKey } from './secret-key';

/**
 * Connector and finance-system secrets at rest: AES-256-GCM over the JSON of the secrets, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). The additional authenticated data binds a blob to its row
 * ("connector:expenses", "target:kingdee-main"): a blob copied onto another row fails to open instead of lending
 * that row someone else's credentials. The version prefix leaves room for a later key-rotation format.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedSecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedSecretsError';
  }
}

export function sealSecrets(value: unknown, aad: string, key: Buffer = secretKey()): string {
  checkKey(key);
  const json = JSON.stringify(value);
  if (json === undefined) throw new SealedSecretsError(`secrets for ${aad} must be a JSON value`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
}

/** Opens what sealSecrets sealed for the same row with the same key; any mismatch is one SealedSecretsError. */
export function openSecrets<T = unknown>(sealed: string, aad: string, key: Buffer = secretKey()): T {
  checkKey(key);
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new SealedSecretsError(`the secrets of ${aad} are not a ${VERSION} sealed value`);
  }
  const [iv, tag, ciphertext] = parts.slice(1).map(unb64);
  if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ciphertext) {
    throw new SealedSecretsError(`the secrets of ${aad} are damaged (bad iv, tag or ciphertext encoding)`);
  }
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell these apart, and saying which would help an attacker no more than it helps an operator
    throw new SealedSecretsError(
      `the secrets of ${aad} do not open: sealed with another key (LEDGERLINK_SECRET_KEY or secret.key changed), ` +
        'for another row, or altered',
    );
  }
  return JSON.parse(plain) as T;
}

function checkKey(key: Buffer) {
  if (key.length !== KEY_BYTES) throw new SealedSecretsError(`the secret key must be ${KEY_BYTES} bytes; got ${key.length}`);
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');

function unb64(text: string): Buffer | null {
  return /^[A-Za-z0-9_-]*$/.test(text) ? Buffer.from(text, 'base64url') : null;
}

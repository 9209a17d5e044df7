/**
 * Feishu / Lark event subscription crypto: key = SHA-256(Encrypt Key); body `{"encrypt":base64(IV ‖ AES-256-CBC)}`
 * with a fresh IV per message and standard 16-byte PKCS#7; request signature
 * X-Lark-Signature = hex SHA-256(timestamp + nonce + encryptKey ‖ raw body bytes).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CallbackCryptoError, decodeStrictBase64, decodeStrictUtf8 } from './crypto-errors';

const IV_BYTES = 16;

/** The AES-256 key Feishu derives from the console's Encrypt Key: the raw 32-byte SHA-256 digest (not hex). */
export function feishuAesKey(encryptKey: string): Buffer {
  if (encryptKey.length === 0) throw new CallbackCryptoError('bad_key', 'The Feishu Encrypt Key is empty');
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** Decrypts the `encrypt` field of a Feishu event body and returns the UTF-8 plaintext (JSON for real events). */
export function decryptFeishu(encryptKey: string, encrypt: string): string {
  const key = feishuAesKey(encryptKey);
  const data = decodeStrictBase64(encrypt, 'The Feishu encrypt field');
  if (data.length < 2 * IV_BYTES || data.length % 16 !== 0) {
    throw new CallbackCryptoError(
      'bad_ciphertext_length',
      `The Feishu encrypt field decodes to ${data.length} bytes; expected a 16-byte IV and at least one 16-byte block`,
    );
  }
  const decipher = createDecipheriv('aes-256-cbc', key, data.subarray(0, IV_BYTES));
  let plain: Buffer;
  try {
    // OpenSSL's own PKCS#7 check verifies every padding byte, unlike the doc samples that strip bytes loosely.
    plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES)), decipher.final()]);
  } catch {
    throw new CallbackCryptoError('bad_padding', 'The decrypted Feishu event has invalid PKCS#7 padding (wrong Encrypt Key or corrupted data)');
  }
  return decodeStrictUtf8(plain, 'The decrypted Feishu event');
}

/** Encrypts a Feishu event body the way Feishu does (for the simulator and tests); `iv` defaults to random. */
export function encryptFeishu(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(IV_BYTES)): string {
  if (iv.length !== IV_BYTES) throw new RangeError(`The IV must be ${IV_BYTES} bytes (got ${iv.length})`);
  const cipher = createCipheriv('aes-256-cbc', feishuAesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/**
 * X-Lark-Signature for a request. `rawBody` must be the body exactly as received (for an encrypted app, the
 * `{"encrypt":"…"}` text itself); re-serialised JSON gives a different hash.
 */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody, 'utf8')
    .digest('hex');
}

/** Constant-time check of a received X-Lark-Signature (case-insensitive hex). */
export function feishuSignatureMatches(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  rawBody: string,
  received: string,
): boolean {
  const expected = Buffer.from(feishuSignature(timestamp, nonce, encryptKey, rawBody), 'utf8');
  const given = Buffer.from(received.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The callback encryption DingTalk and WeCom share (both descend from WeChat's "WXBizMsgCrypt"):
 * AES-256-CBC, IV = first 16 key bytes, plaintext = 16 random bytes ‖ uint32 BE byte length ‖ message ‖ receiver id,
 * PKCS#7 padded to 32-byte blocks; signature = SHA1 over the four strings sorted in code-unit order.
 * Only the name of the trailing id differs: DingTalk's ownerKey (app key / corp id / suite key), WeCom's ReceiveId.
 */
import { createCipheriv, createDecipheriv, createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { CallbackCryptoError, decodeStrictBase64, decodeStrictUtf8 } from './crypto-errors';

/** The scheme pads to 32 bytes (not AES's 16): an aligned plaintext gets a whole extra block of 0x20. */
const PAD_BLOCK = 32;
const RANDOM_PREFIX_BYTES = 16;
const LENGTH_PREFIX_BYTES = 4;

/**
 * EncodingAESKey (43 characters, set in the vendor console) → the 32-byte AES key.
 * Node's base64 decoder ignores the two surplus low bits of the 43rd character (most vendor keys have them set),
 * which is exactly what the vendors' SDKs do; it also skips invalid characters, hence the pattern check first.
 */
export function decodeAesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new CallbackCryptoError(
      'bad_key',
      `The EncodingAESKey must be exactly 43 characters of A-Z, a-z, 0-9, + or / (got ${encodingAesKey.length} characters)`,
    );
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) {
    throw new CallbackCryptoError('bad_key', `The EncodingAESKey decodes to ${key.length} bytes instead of 32`);
  }
  return key;
}

/** lowercase hex SHA1 of the four strings sorted by UTF-16 code unit (plain ASCII order), joined without separator. */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  // Default sort compares code units, which is what the vendors mean; localeCompare or numeric order would differ.
  const joined = [token, timestamp, nonce, encrypt].sort().join('');
  return createHash('sha1').update(joined, 'utf8').digest('hex');
}

/** Constant-time comparison of a received signature with the expected one (case-insensitive hex). */
export function callbackSignatureMatches(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  received: string,
): boolean {
  const expected = Buffer.from(callbackSignature(token, timestamp, nonce, encrypt), 'utf8');
  const given = Buffer.from(received.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new CallbackCryptoError('bad_key', `The AES key must be 32 bytes (got ${key.length})`);
}

/**
 * Decrypts a callback's `encrypt` value and returns the message, after checking the padding strictly, the length
 * prefix, and that the trailing id equals `receiverId` byte for byte (so a message meant for another corp or app,
 * encrypted under a shared key, is refused).
 */
export function decryptCallback(key: Buffer, encrypt: string, receiverId: string): string {
  assertKey(key);
  const ciphertext = decodeStrictBase64(encrypt, 'The encrypted callback');
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new CallbackCryptoError(
      'bad_ciphertext_length',
      `The ciphertext is ${ciphertext.length} bytes, not a non-zero multiple of the 16-byte AES block`,
    );
  }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);

  const padLength = padded[padded.length - 1];
  const paddingIntact =
    padLength >= 1 &&
    padLength <= PAD_BLOCK &&
    padLength <= padded.length &&
    padded.subarray(padded.length - padLength).every((byte) => byte === padLength);
  if (!paddingIntact) {
    // Usually a wrong AES key (or a corrupted ciphertext): the last block decrypts to noise.
    throw new CallbackCryptoError('bad_padding', 'The decrypted callback has invalid PKCS#7 padding (wrong AES key or corrupted ciphertext)');
  }
  const plain = padded.subarray(0, padded.length - padLength);
  if (plain.length < RANDOM_PREFIX_BYTES + LENGTH_PREFIX_BYTES) {
    throw new CallbackCryptoError('bad_length_prefix', `The decrypted callback is too short (${plain.length} bytes)`);
  }
  const messageLength = plain.readUInt32BE(RANDOM_PREFIX_BYTES);
  const messageStart = RANDOM_PREFIX_BYTES + LENGTH_PREFIX_BYTES;
  if (messageLength > plain.length - messageStart) {
    throw new CallbackCryptoError(
      'bad_length_prefix',
      `The message length prefix (${messageLength} bytes) exceeds the decrypted data (${plain.length - messageStart} bytes)`,
    );
  }
  const messageEnd = messageStart + messageLength;
  const trailingId = plain.subarray(messageEnd);
  if (!trailingId.equals(Buffer.from(receiverId, 'utf8'))) {
    throw new CallbackCryptoError(
      'receiver_mismatch',
      'The callback is addressed to a different receiver id (corp id / app key / suite key) than the one configured',
    );
  }
  return decodeStrictUtf8(plain.subarray(messageStart, messageEnd), 'The decrypted callback message');
}

const PREFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * 16 random letters and digits, as the vendors' SDKs generate them. Receivers should treat the prefix as opaque
 * bytes, but some ported samples decode the whole plaintext as text, so we stay within ASCII.
 */
export function randomCallbackPrefix(): Buffer {
  let text = '';
  for (let i = 0; i < RANDOM_PREFIX_BYTES; i += 1) text += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  return Buffer.from(text, 'ascii');
}

/** Encrypts `message` for `receiverId`: used for DingTalk's encrypted `success` reply and by our vendor simulator. */
export function encryptCallback(key: Buffer, message: string, receiverId: string, randomPrefix?: Buffer): string {
  assertKey(key);
  const prefix = randomPrefix ?? randomCallbackPrefix();
  if (prefix.length !== RANDOM_PREFIX_BYTES) {
    throw new RangeError(`The random prefix must be ${RANDOM_PREFIX_BYTES} bytes (got ${prefix.length})`);
  }
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(LENGTH_PREFIX_BYTES);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([prefix, length, body, Buffer.from(receiverId, 'utf8')]);
  const padLength = PAD_BLOCK - (plain.length % PAD_BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(padLength, padLength)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

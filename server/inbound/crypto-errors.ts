/**
 * One error type for every way a vendor callback's crypto can fail. Messages name what is wrong and, where useful,
 * sizes; they never contain key material, tokens, plaintext or ciphertext, so they are safe to log.
 */
export type CallbackCryptoErrorCode =
  | 'bad_key'
  | 'bad_base64'
  | 'bad_ciphertext_length'
  | 'bad_padding'
  | 'bad_length_prefix'
  | 'bad_utf8'
  | 'receiver_mismatch';

export class CallbackCryptoError extends Error {
  readonly code: CallbackCryptoErrorCode;

  constructor(code: CallbackCryptoErrorCode, message: string) {
    super(message);
    this.name = 'CallbackCryptoError';
    this.code = code;
  }
}

/**
 * Standard base64 with `=` padding, nothing else. Node's decoder silently skips stray characters and accepts
 * url-safe letters, which would let a corrupted ciphertext reach AES; checking first gives a precise error.
 */
export function decodeStrictBase64(text: string, what: string): Buffer {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw new CallbackCryptoError('bad_base64', `${what} is not standard base64 (length ${text.length})`);
  }
  return Buffer.from(text, 'base64');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeStrictUtf8(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new CallbackCryptoError('bad_utf8', `${what} is not valid UTF-8`);
  }
}

import { describe, expect, it } from 'vitest';
import { CallbackCryptoError } from './crypto-errors';
import { decryptFeishu, encryptFeishu, feishuAesKey, feishuSignature, feishuSignatureMatches } from './feishu-crypt';
import { feishuVectors, str } from './test-vectors';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CallbackCryptoError);
    return (error as CallbackCryptoError).code;
  }
  return 'no error';
}

describe('Feishu vectors (every entry of feishu.json)', () => {
  it.each(feishuVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const encryptKey = str(vector.inputs.encryptKey, 'encryptKey');
    if (vector.kind === 'decrypt') {
      const encrypt = str(vector.inputs.encrypt, 'encrypt');
      expect(feishuAesKey(encryptKey).toString('hex')).toBe(vector.expected.aesKeyHex);
      const plaintext = decryptFeishu(encryptKey, encrypt);
      expect(plaintext).toBe(vector.expected.plaintext);
      const iv = Buffer.from(encrypt, 'base64').subarray(0, 16);
      expect(iv.toString('hex')).toBe(vector.expected.ivHex);
      expect(encryptFeishu(encryptKey, plaintext, iv)).toBe(encrypt);
    } else if (vector.kind === 'signature') {
      const timestamp = str(vector.inputs['X-Lark-Request-Timestamp'], 'timestamp');
      const nonce = str(vector.inputs['X-Lark-Request-Nonce'], 'nonce');
      const rawBody = str(vector.inputs.rawBody, 'rawBody');
      const expected = str(vector.expected['X-Lark-Signature'], 'signature');
      expect(feishuSignature(timestamp, nonce, encryptKey, rawBody)).toBe(expected);
      expect(feishuSignatureMatches(timestamp, nonce, encryptKey, rawBody, expected.toUpperCase())).toBe(true);
      // Re-serialised JSON is not the bytes that were signed when the sender's spacing differs.
      const reserialised = JSON.stringify(JSON.parse(rawBody), null, 1);
      expect(feishuSignatureMatches(timestamp, nonce, encryptKey, reserialised, expected)).toBe(false);
    } else if (vector.kind === 'request') {
      const plaintext = str(vector.inputs.plaintext, 'plaintext');
      const iv = Buffer.from(str(vector.inputs.ivHex, 'ivHex'), 'hex');
      const encrypt = encryptFeishu(encryptKey, plaintext, iv);
      expect(encrypt).toBe(vector.expected.encrypt);
      const rawBody = JSON.stringify({ encrypt });
      expect(rawBody).toBe(vector.expected.rawBody);
      expect(decryptFeishu(encryptKey, encrypt)).toBe(plaintext);
      const headers = vector.expected.headers as Record<string, string>;
      if (headers['X-Lark-Signature']) {
        expect(
          feishuSignature(headers['X-Lark-Request-Timestamp'], headers['X-Lark-Request-Nonce'], encryptKey, rawBody),
        ).toBe(headers['X-Lark-Signature']);
      } else {
        // Only the URL-verification challenge travels unsigned.
        expect(JSON.parse(plaintext).type).toBe('url_verification');
      }
    } else {
      throw new Error(`vector ${vector.id} has kind ${vector.kind}, which this test does not know`);
    }
  });
});

describe('decryptFeishu refuses damaged input', () => {
  const encrypt = encryptFeishu('test key', '{"type":"event_callback"}');

  it('round-trips with a fresh IV each time', () => {
    expect(decryptFeishu('test key', encrypt)).toBe('{"type":"event_callback"}');
    expect(encryptFeishu('test key', '{"type":"event_callback"}')).not.toBe(encrypt);
  });

  it('names the failure: base64, length, padding, empty key', () => {
    expect(codeOf(() => decryptFeishu('test key', 'not base64!'))).toBe('bad_base64');
    expect(codeOf(() => decryptFeishu('test key', Buffer.alloc(16).toString('base64')))).toBe('bad_ciphertext_length');
    expect(codeOf(() => decryptFeishu('test key', Buffer.alloc(40).toString('base64')))).toBe('bad_ciphertext_length');
    const bytes = Buffer.from(encrypt, 'base64');
    bytes[bytes.length - 17] ^= 1; // flips the last plaintext byte: the pad length
    expect(codeOf(() => decryptFeishu('test key', bytes.toString('base64')))).toBe('bad_padding');
    expect(codeOf(() => decryptFeishu('', encrypt))).toBe('bad_key');
  });

  it('a wrong Encrypt Key fails without naming it', () => {
    try {
      decryptFeishu('other secret key', encrypt);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(CallbackCryptoError);
      expect(['bad_padding', 'bad_utf8']).toContain((error as CallbackCryptoError).code);
      expect(String(error)).not.toContain('other secret key');
    }
  });

  it('a changed timestamp, nonce, key or body breaks the signature', () => {
    const sig = feishuSignature('1700000361', '7263518490', 'test key', '{"encrypt":"abc"}');
    expect(feishuSignatureMatches('1700000361', '7263518490', 'test key', '{"encrypt":"abc"}', sig)).toBe(true);
    expect(feishuSignatureMatches('1700000362', '7263518490', 'test key', '{"encrypt":"abc"}', sig)).toBe(false);
    expect(feishuSignatureMatches('1700000361', '7263518491', 'test key', '{"encrypt":"abc"}', sig)).toBe(false);
    expect(feishuSignatureMatches('1700000361', '7263518490', 'test kez', '{"encrypt":"abc"}', sig)).toBe(false);
    expect(feishuSignatureMatches('1700000361', '7263518490', 'test key', '{"encrypt":"abd"}', sig)).toBe(false);
    expect(feishuSignatureMatches('1700000361', '7263518490', 'test key', '{"encrypt":"abc"}', sig.slice(1))).toBe(false);
  });
});

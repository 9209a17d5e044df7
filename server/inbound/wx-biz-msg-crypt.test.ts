import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CallbackCryptoError } from './crypto-errors';
import { randomPrefixOf, str, dingtalkVectors, wecomVectors, type CryptoVector } from './test-vectors';
import {
  callbackSignature,
  callbackSignatureMatches,
  decodeAesKey,
  decryptCallback,
  encryptCallback,
} from './wx-biz-msg-crypt';

function expectCryptoError(run: () => unknown, code: CallbackCryptoError['code']): CallbackCryptoError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CallbackCryptoError);
    expect((error as CallbackCryptoError).code).toBe(code);
    return error as CallbackCryptoError;
  }
  throw new Error(`expected a ${code} error`);
}

/** Padding the scheme must have used for this message and receiver id, from the vector's own figures. */
function expectedLayout(vector: CryptoVector, receiverId: string) {
  const plaintext = str(vector.expected.plaintext, 'expected.plaintext');
  const messageBytes = Buffer.byteLength(plaintext, 'utf8');
  const unpadded = 16 + 4 + messageBytes + Buffer.byteLength(receiverId, 'utf8');
  return { messageBytes, padLength: 32 - (unpadded % 32) };
}

describe('DingTalk vectors (every entry of dingtalk.json)', () => {
  it.each(dingtalkVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const token = str(vector.inputs.token, 'token');
    const ownerKey = str(vector.inputs.ownerKey, 'ownerKey');
    const key = decodeAesKey(str(vector.inputs.aesKey, 'aesKey'));
    expect(key).toHaveLength(32);

    if (vector.inputs.body) {
      // A received push: recompute its signature, decrypt it, then re-encrypt it byte for byte.
      const query = vector.inputs.query ?? {};
      const signature = query.msg_signature ?? query.signature;
      const timestamp = query.timeStamp ?? query.timestamp;
      const encrypt = vector.inputs.body.encrypt;
      expect(callbackSignature(token, timestamp, query.nonce, encrypt)).toBe(vector.expected.msg_signature);
      expect(signature).toBe(vector.expected.msg_signature);
      expect(callbackSignatureMatches(token, timestamp, query.nonce, encrypt, signature)).toBe(true);
      expect(key.toString('hex')).toBe(vector.expected.aesKeyHex);
      expect(decryptCallback(key, encrypt, ownerKey)).toBe(vector.expected.plaintext);
      expect(vector.expected.ownerKey).toBe(ownerKey);
      const layout = expectedLayout(vector, ownerKey);
      expect(layout.messageBytes).toBe(vector.expected.msgLenBytes);
      expect(layout.padLength).toBe(vector.expected.padLen);
      const prefix = randomPrefixOf(vector);
      expect(prefix).toBeDefined();
      expect(encryptCallback(key, str(vector.expected.plaintext, 'plaintext'), ownerKey, prefix)).toBe(encrypt);
    } else if (typeof vector.inputs.plaintext === 'string') {
      // Something we send (reply or simulator push): encrypt with the fixed prefix, sign, and read it back.
      const encrypt = encryptCallback(key, vector.inputs.plaintext, ownerKey, randomPrefixOf(vector));
      expect(encrypt).toBe(vector.expected.encrypt);
      const timeStamp = str(vector.inputs.timeStamp, 'timeStamp');
      const nonce = str(vector.inputs.nonce, 'nonce');
      expect(callbackSignature(token, timeStamp, nonce, encrypt)).toBe(vector.expected.msg_signature);
      expect(decryptCallback(key, encrypt, ownerKey)).toBe(vector.inputs.plaintext);
      expect(vector.expected.replyJson).toEqual({ msg_signature: vector.expected.msg_signature, timeStamp, nonce, encrypt });
    } else {
      throw new Error(`vector ${vector.id} has a shape this test does not know`);
    }
  });
});

describe('WeCom vectors (every entry of wecom.json)', () => {
  it.each(wecomVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const token = str(vector.inputs.token, 'token');
    const receiveId = str(vector.inputs.receiveId, 'receiveId');
    const key = decodeAesKey(str(vector.inputs.encodingAESKey, 'encodingAESKey'));
    const prefix = randomPrefixOf(vector);
    expect(prefix).toBeDefined();

    if (vector.kind === 'encrypt_reply') {
      const plaintext = str(vector.inputs.plaintext, 'plaintext');
      const encrypt = encryptCallback(key, plaintext, receiveId, prefix);
      expect(encrypt).toBe(vector.expected.encrypt);
      const timestamp = str(vector.inputs.timestamp, 'timestamp');
      const nonce = str(vector.inputs.nonce, 'nonce');
      expect(callbackSignature(token, timestamp, nonce, encrypt)).toBe(vector.expected.msg_signature);
      expect(decryptCallback(key, encrypt, receiveId)).toBe(plaintext);
      return;
    }
    if (vector.kind !== 'verify_url' && vector.kind !== 'post') {
      throw new Error(`vector ${vector.id} has kind ${vector.kind}, which this test does not know`);
    }
    const query = vector.inputs.query ?? {};
    let encrypt: string;
    if (vector.kind === 'verify_url') {
      encrypt = query.echostr;
      if (typeof vector.inputs.rawQuery === 'string') {
        expect(new URLSearchParams(vector.inputs.rawQuery).get('echostr')).toBe(encrypt);
      }
    } else {
      encrypt = str(vector.inputs.encryptField ?? vector.expected.encrypt, 'encrypt');
      if (typeof vector.inputs.postBody === 'string') expect(vector.inputs.postBody).toContain(`<![CDATA[${encrypt}]]>`);
    }
    expect(callbackSignature(token, query.timestamp, query.nonce, encrypt)).toBe(vector.expected.msg_signature);
    expect(query.msg_signature).toBe(vector.expected.msg_signature);
    if (typeof vector.expected.aesKeyHex === 'string') expect(key.toString('hex')).toBe(vector.expected.aesKeyHex);
    const plaintext = str(vector.expected.plaintext, 'expected.plaintext');
    expect(decryptCallback(key, encrypt, receiveId)).toBe(plaintext);
    expect(vector.expected.receiveId).toBe(receiveId);
    if (typeof vector.expected.padLen === 'number') {
      const layout = expectedLayout(vector, receiveId);
      expect(layout.messageBytes).toBe(vector.expected.msgLenBytes);
      expect(layout.padLength).toBe(vector.expected.padLen);
    }
    expect(encryptCallback(key, plaintext, receiveId, prefix)).toBe(encrypt);
  });

  it('fails the signature of the wechatpy negative twin (nonce 437374424)', () => {
    const vector = wecomVectors.find((v) => v.id === 'wecom-wechatpy-verifyurl');
    if (!vector?.inputs.query) throw new Error('vector wecom-wechatpy-verifyurl is missing');
    const { timestamp, echostr, msg_signature } = vector.inputs.query;
    expect(callbackSignatureMatches(str(vector.inputs.token, 'token'), timestamp, '437374424', echostr, msg_signature)).toBe(false);
  });
});

describe('decodeAesKey', () => {
  it('refuses keys of the wrong length or alphabet without echoing them', () => {
    const good = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    for (const bad of [good.slice(1), `${good}x`, `${good.slice(0, 42)}-`, `${good.slice(0, 42)}=`, '']) {
      const error = expectCryptoError(() => decodeAesKey(bad), 'bad_key');
      if (bad) expect(error.message).not.toContain(bad);
    }
  });
});

describe('callbackSignature', () => {
  it('sorts in code-unit order, not numerically nor by locale', () => {
    // "10" < "9" as strings; numeric order would put 9 first. "B" < "a" in code units; localeCompare disagrees.
    const sorted = callbackSignature('a', '10', '9', 'B');
    expect(sorted).toBe(callbackSignature('B', '9', '10', 'a'));
    expect(sorted).toBe(createHash('sha1').update('109Ba').digest('hex'));
  });
});

describe('decryptCallback refuses damaged input with a typed error', () => {
  const key = decodeAesKey('Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7');
  const message = '{"EventType":"check_url"}';
  const owner = 'ding6ccabc44d2c8d38b';
  const encrypt = encryptCallback(key, message, owner);

  it('round-trips a fresh encryption with a random prefix that differs each time', () => {
    expect(decryptCallback(key, encrypt, owner)).toBe(message);
    expect(encryptCallback(key, message, owner)).not.toBe(encrypt);
  });

  it('bad base64 and bad ciphertext length', () => {
    expectCryptoError(() => decryptCallback(key, `${encrypt.slice(0, -4)}!!!!`, owner), 'bad_base64');
    expectCryptoError(() => decryptCallback(key, `-_${encrypt.slice(2)}`, owner), 'bad_base64');
    expectCryptoError(() => decryptCallback(key, `${encrypt.slice(0, 4)} ${encrypt.slice(5)}`, owner), 'bad_base64');
    expectCryptoError(() => decryptCallback(key, '', owner), 'bad_base64');
    expectCryptoError(() => decryptCallback(key, Buffer.alloc(40).toString('base64'), owner), 'bad_ciphertext_length');
  });

  it('a corrupted ciphertext breaks the padding', () => {
    const bytes = Buffer.from(encrypt, 'base64');
    // Flipping a bit in the second-to-last block flips the same bit of the last plaintext byte, the pad length.
    bytes[bytes.length - 17] ^= 1;
    expectCryptoError(() => decryptCallback(key, bytes.toString('base64'), owner), 'bad_padding');
  });

  it('a wrong key breaks the padding, and the error names no key material', () => {
    const other = decodeAesKey('4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij');
    const error = expectCryptoError(() => decryptCallback(other, encrypt, owner), 'bad_padding');
    expect(error.message).not.toContain('4g5j64');
    expect(error.message).not.toContain(other.toString('hex').slice(0, 8));
  });

  it('padding bytes that disagree, or a pad length over 32, are refused (strict unpadding)', () => {
    const raw = (padded: Buffer) => {
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
    };
    const plain = Buffer.from(new Uint8Array(64).fill(0x41));
    plain.fill(3, 61);
    plain[61] = 4; // last three bytes 4,3,3: claims 3 but not all equal 3
    expectCryptoError(() => decryptCallback(key, raw(plain), owner), 'bad_padding');
    plain.fill(33, 31);
    expectCryptoError(() => decryptCallback(key, raw(plain), owner), 'bad_padding');
    plain.fill(0, 60);
    expectCryptoError(() => decryptCallback(key, raw(plain), owner), 'bad_padding');
  });

  it('a length prefix longer than the data is refused', () => {
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const plain = Buffer.alloc(64, 0x61);
    plain.writeUInt32BE(1000, 16);
    plain.fill(4, 60);
    const bad = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    expectCryptoError(() => decryptCallback(key, bad, owner), 'bad_length_prefix');
  });

  it('a different receiver id is refused, including a prefix or an extension of the configured one', () => {
    for (const other of ['ding6ccabc44d2c8d38', 'ding6ccabc44d2c8d38bX', 'DING6CCABC44D2C8D38B', '']) {
      expectCryptoError(() => decryptCallback(key, encrypt, other), 'receiver_mismatch');
    }
  });

  it('pads an aligned plaintext with a whole extra 32-byte block', () => {
    // 16 + 4 + 12 = 32 bytes with an empty receiver id: already aligned.
    const aligned = encryptCallback(key, 'twelve bytes', '', Buffer.alloc(16, 0x61));
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(aligned, 'base64')), decipher.final()]);
    expect(padded).toHaveLength(64);
    expect([...padded.subarray(32)].every((byte) => byte === 32)).toBe(true);
    expect(decryptCallback(key, aligned, '')).toBe('twelve bytes');
  });

  it('refuses a random prefix of the wrong size', () => {
    expect(() => encryptCallback(key, 'x', owner, Buffer.alloc(15))).toThrow(/16 bytes/);
  });
});

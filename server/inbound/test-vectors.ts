/**
 * Typed access to the vendor crypto vectors copied into ./fixtures (test support only). The shapes are loose on
 * purpose: each test classifies every entry and fails on a shape it does not know, so a vector added to a file
 * can never be skipped silently.
 */
import dingtalk from './fixtures/dingtalk.json';
import feishu from './fixtures/feishu.json';
import wecom from './fixtures/wecom.json';

export interface CryptoVector {
  id: string;
  provenance: string;
  kind?: string;
  inputs: Record<string, unknown> & {
    token?: string;
    query?: Record<string, string>;
    body?: { encrypt: string };
    plaintext?: string;
    random16?: string;
  };
  expected: Record<string, unknown> & {
    plaintext?: string;
    msg_signature?: string;
    encrypt?: string;
    random16?: string;
    random16Hex?: string;
  };
}

export const dingtalkVectors = dingtalk.vectors as CryptoVector[];
export const wecomVectors = wecom.vectors as CryptoVector[];
export const feishuVectors = feishu.vectors as CryptoVector[];

export function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`vector field ${what} is not a string`);
  return value;
}

/** The 16-byte random prefix a vector records, in whichever spelling it uses. */
export function randomPrefixOf(vector: CryptoVector): Buffer | undefined {
  const text = vector.expected.random16 ?? vector.inputs.random16;
  if (typeof text === 'string') return Buffer.from(text, 'utf8');
  if (typeof vector.expected.random16Hex === 'string') return Buffer.from(vector.expected.random16Hex, 'hex');
  return undefined;
}

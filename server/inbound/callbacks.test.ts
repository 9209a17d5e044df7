import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CallbackConfigError,
  dingtalkCallbackConfigSchema,
  feishuCallbackConfigSchema,
  handleVendorCallback,
  wecomCallbackConfigSchema,
  type CallbackOutcome,
  type CallbackRequest,
  type CallbackVendor,
  type VendorCallbackConfigs,
} from './callbacks';
import { encryptFeishu, feishuSignature } from './feishu-crypt';
import { callbackSignature, decodeAesKey, encryptCallback } from './wx-biz-msg-crypt';

const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const configs: VendorCallbackConfigs = {
  dingtalk: { token: 'tok', aesKey: AES_KEY, ownerKey: 'dingAPPKEY' },
  wecom: { token: 'tok', aesKey: AES_KEY, corpId: 'wwCORP' },
  feishu: { verificationToken: 'vt', encryptKey: 'ek' },
};
const now = new Date('2025-03-01T08:00:00Z');
const seconds = String(Math.floor(now.getTime() / 1000));

/** One valid, signed request per vendor, as the vendors send them. */
function validRequest(vendor: CallbackVendor): CallbackRequest {
  const key = decodeAesKey(AES_KEY);
  if (vendor === 'dingtalk') {
    const encrypt = encryptCallback(key, '{"EventType":"bpms_instance_change","processInstanceId":"i1","type":"start"}', 'dingAPPKEY');
    const ts = String(now.getTime());
    return { method: 'POST', query: new URLSearchParams({ msg_signature: callbackSignature('tok', ts, 'n', encrypt), timeStamp: ts, nonce: 'n' }), headers: {}, body: JSON.stringify({ encrypt }) };
  }
  if (vendor === 'wecom') {
    const plaintext = '<xml><MsgType>event</MsgType><Event>sys_approval_change</Event><CreateTime>1</CreateTime><ApprovalInfo><SpNo>1</SpNo><SpStatus>2</SpStatus></ApprovalInfo></xml>';
    const encrypt = encryptCallback(key, plaintext, 'wwCORP');
    return { method: 'POST', query: new URLSearchParams({ msg_signature: callbackSignature('tok', seconds, '7', encrypt), timestamp: seconds, nonce: '7' }), headers: {}, body: `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
  }
  const body = JSON.stringify({ encrypt: encryptFeishu('ek', '{"schema":"2.0","header":{"event_id":"e1","event_type":"x.y","token":"vt"},"event":{}}') });
  return { method: 'POST', query: new URLSearchParams(), headers: { 'x-lark-request-timestamp': seconds, 'x-lark-request-nonce': 'n', 'x-lark-signature': feishuSignature(seconds, 'n', 'ek', body) }, body };
}

/** DingTalk's reply is encrypted with a fresh nonce and prefix each time: compare everything else. */
function withoutReply(outcome: CallbackOutcome) {
  if (outcome.kind !== 'event') return outcome;
  const { reply: _reply, ...rest } = outcome;
  return rest;
}

const vendors: CallbackVendor[] = ['dingtalk', 'wecom', 'feishu'];

function expectRefusal(outcome: CallbackOutcome) {
  expect(outcome.kind).toBe('refused');
  if (outcome.kind === 'refused') expect([400, 401]).toContain(outcome.status);
}

describe('handleVendorCallback', () => {
  it.each(vendors)('accepts a valid %s event', (vendor) => {
    expect(handleVendorCallback(vendor, validRequest(vendor), configs[vendor], now).kind).toBe('event');
  });

  it.each(vendors)('throws CallbackConfigError for bad %s configuration, naming fields but no values', (vendor) => {
    const broken = { ...configs[vendor], token: '', verificationToken: '', aesKey: 'SECRETKEY' } as never;
    try {
      handleVendorCallback(vendor, validRequest(vendor), broken, now);
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(error).toBeInstanceOf(CallbackConfigError);
      expect(String(error)).not.toContain('SECRETKEY');
      expect((error as Error).message).toMatch(/token|verificationToken/i);
    }
  });

  it.each(vendors)('never throws and never accepts random %s requests', (vendor) => {
    fc.assert(
      fc.property(
        fc.constantFrom('POST', 'GET', 'PUT'),
        fc.dictionary(fc.constantFrom('msg_signature', 'signature', 'timeStamp', 'timestamp', 'nonce', 'echostr'), fc.string()),
        fc.dictionary(fc.constantFrom('x-lark-signature', 'x-lark-request-timestamp', 'x-lark-request-nonce'), fc.string()),
        fc.oneof(fc.string(), fc.json(), fc.constant('<xml><Encrypt>AAAA</Encrypt></xml>'), fc.constant('{"encrypt":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}')),
        (method, query, headers, body) => {
          const outcome = handleVendorCallback(vendor, { method, query: new URLSearchParams(query), headers, body }, configs[vendor], now);
          expectRefusal(outcome);
        },
      ),
      { numRuns: 400 },
    );
  });

  it.each(vendors)('never throws on single-character corruptions of a valid %s request', (vendor) => {
    const valid = validRequest(vendor);
    fc.assert(
      fc.property(fc.nat(valid.body.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (at, ch) => {
        const body = valid.body.slice(0, at) + ch + valid.body.slice(at + 1);
        const outcome = handleVendorCallback(vendor, { ...valid, body }, configs[vendor], now);
        if (outcome.kind === 'refused') expect([400, 401]).toContain(outcome.status);
        // A corruption in a part the signature does not cover (envelope markup) may still parse; the event must not change.
        else expect(withoutReply(outcome)).toEqual(withoutReply(handleVendorCallback(vendor, valid, configs[vendor], now)));
      }),
      { numRuns: 300 },
    );
  });

  it('exports schemas that validate connector secrets', () => {
    expect(dingtalkCallbackConfigSchema.safeParse(configs.dingtalk).success).toBe(true);
    expect(wecomCallbackConfigSchema.safeParse(configs.wecom).success).toBe(true);
    expect(feishuCallbackConfigSchema.safeParse(configs.feishu).success).toBe(true);
    expect(feishuCallbackConfigSchema.safeParse({ ...configs.feishu, appId: 'cli_1' }).success).toBe(true);
    expect(wecomCallbackConfigSchema.safeParse({ ...configs.wecom, aesKey: AES_KEY.slice(1) }).success).toBe(false);
    expect(dingtalkCallbackConfigSchema.safeParse({ token: 'x', aesKey: AES_KEY }).success).toBe(false);
    expect(feishuCallbackConfigSchema.safeParse({ verificationToken: 'vt' }).success).toBe(false);
    // A token with spaces is kept as is: trimming it would break every signature.
    expect(dingtalkCallbackConfigSchema.parse({ ...configs.dingtalk, token: ' t ' }).token).toBe(' t ');
  });
});

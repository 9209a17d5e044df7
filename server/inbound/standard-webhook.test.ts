import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isValidWebhookSecret,
  newWebhookSecret,
  signStandardWebhook,
  verifyStandardWebhook,
} from './standard-webhook';

// The worked example published with the Standard Webhooks reference libraries.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  seconds: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const specNow = new Date(SPEC.seconds * 1000 + 30_000);

describe('signStandardWebhook', () => {
  it('reproduces the spec example byte for byte', () => {
    const headers = signStandardWebhook(SPEC.secret, { id: SPEC.id, timestamp: new Date(SPEC.seconds * 1000), body: SPEC.body });
    expect(headers).toEqual({
      'webhook-id': SPEC.id,
      'webhook-timestamp': String(SPEC.seconds),
      'webhook-signature': SPEC.signature,
    });
  });

  it('matches an independent HMAC over id.timestamp.body including non-ASCII bodies', () => {
    const secret = newWebhookSecret();
    const body = '{"summary":"差旅报销","amount":"1234.50"}';
    const at = new Date('2025-03-01T08:00:00.900Z');
    const headers = signStandardWebhook(secret, { id: 'msg_1', timestamp: at, body });
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`msg_1.${Math.floor(at.getTime() / 1000)}.${body}`, 'utf8').digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(headers['webhook-timestamp']).toBe('1740816000');
  });

  it('refuses ids that would make the signed text ambiguous, and malformed secrets without echoing them', () => {
    expect(() => signStandardWebhook(newWebhookSecret(), { id: 'a b', timestamp: new Date(), body: '' })).toThrow(/message id/);
    expect(() => signStandardWebhook('whsec_not*base64', { id: 'a', timestamp: new Date(), body: '' })).toThrow(
      /secret #1 is not a valid/,
    );
    try {
      signStandardWebhook('whsec_not*base64', { id: 'a', timestamp: new Date(), body: '' });
    } catch (error) {
      expect(String(error)).not.toContain('not*base64');
    }
  });
});

describe('newWebhookSecret', () => {
  it('is whsec_ + base64 of 32 random bytes, different each time', () => {
    const a = newWebhookSecret();
    const b = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(isValidWebhookSecret(a)).toBe(true);
    expect(isValidWebhookSecret('whsec_')).toBe(false);
    expect(isValidWebhookSecret('whsec_c2hvcnQ=')).toBe(false);
  });
});

describe('verifyStandardWebhook', () => {
  const specHeaders = {
    'webhook-id': SPEC.id,
    'webhook-timestamp': String(SPEC.seconds),
    'webhook-signature': SPEC.signature,
  };

  it('accepts the spec example and returns its id and timestamp', () => {
    expect(verifyStandardWebhook([SPEC.secret], specHeaders, SPEC.body, specNow)).toEqual({
      ok: true,
      messageId: SPEC.id,
      timestamp: new Date(SPEC.seconds * 1000),
    });
  });

  it('round-trips with signStandardWebhook', () => {
    const secret = newWebhookSecret();
    const now = new Date();
    const headers = signStandardWebhook(secret, { id: 'evt_42', timestamp: now, body: '{"a":1}' });
    expect(verifyStandardWebhook([secret], headers, '{"a":1}', now)).toMatchObject({ ok: true, messageId: 'evt_42' });
  });

  it('tries every configured secret (rotation) and every signature in the header', () => {
    const oldSecret = newWebhookSecret();
    const newSecret = newWebhookSecret();
    const signedWithOld = verifyStandardWebhook([newSecret, SPEC.secret], specHeaders, SPEC.body, specNow);
    expect(signedWithOld.ok).toBe(true);

    const other = signStandardWebhook(oldSecret, { id: SPEC.id, timestamp: new Date(SPEC.seconds * 1000), body: SPEC.body });
    const both = { ...specHeaders, 'webhook-signature': `v2,ignored ${other['webhook-signature']} ${SPEC.signature}` };
    expect(verifyStandardWebhook([SPEC.secret], both, SPEC.body, specNow).ok).toBe(true);
    expect(verifyStandardWebhook([oldSecret], both, SPEC.body, specNow).ok).toBe(true);
    expect(verifyStandardWebhook([newSecret], both, SPEC.body, specNow)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('reports missing headers by name', () => {
    const { ['webhook-signature']: _dropped, ...rest } = specHeaders;
    const result = verifyStandardWebhook([SPEC.secret], rest, SPEC.body, specNow);
    expect(result).toMatchObject({ ok: false, reason: 'missing_headers' });
    expect(!result.ok && result.message).toContain('webhook-signature');
    expect(verifyStandardWebhook([SPEC.secret], {}, SPEC.body, specNow)).toMatchObject({ reason: 'missing_headers' });
  });

  it('refuses timestamps more than five minutes away in either direction', () => {
    const at = (offsetSeconds: number) => new Date((SPEC.seconds + offsetSeconds) * 1000);
    expect(verifyStandardWebhook([SPEC.secret], specHeaders, SPEC.body, at(300)).ok).toBe(true);
    expect(verifyStandardWebhook([SPEC.secret], specHeaders, SPEC.body, at(-300)).ok).toBe(true);
    expect(verifyStandardWebhook([SPEC.secret], specHeaders, SPEC.body, at(301))).toMatchObject({ reason: 'stale_timestamp' });
    expect(verifyStandardWebhook([SPEC.secret], specHeaders, SPEC.body, at(-301))).toMatchObject({ reason: 'stale_timestamp' });
    const notNumber = { ...specHeaders, 'webhook-timestamp': '1614265330abc' };
    expect(verifyStandardWebhook([SPEC.secret], notNumber, SPEC.body, specNow)).toMatchObject({ reason: 'stale_timestamp' });
  });

  it('refuses a changed body, id, timestamp or signature', () => {
    const check = (headers: Record<string, string>, body = SPEC.body) =>
      verifyStandardWebhook([SPEC.secret], headers, body, specNow);
    expect(check(specHeaders, SPEC.body + ' ')).toMatchObject({ reason: 'bad_signature' });
    expect(check({ ...specHeaders, 'webhook-id': 'msg_other' })).toMatchObject({ reason: 'bad_signature' });
    expect(check({ ...specHeaders, 'webhook-timestamp': String(SPEC.seconds + 1) })).toMatchObject({ reason: 'bad_signature' });
    const flipped = SPEC.signature.replace('g0hM', 'g0hN');
    expect(check({ ...specHeaders, 'webhook-signature': flipped })).toMatchObject({ reason: 'bad_signature' });
    expect(check({ ...specHeaders, 'webhook-signature': 'v1,' })).toMatchObject({ reason: 'bad_signature' });
    expect(verifyStandardWebhook([], specHeaders, SPEC.body, specNow)).toMatchObject({ reason: 'bad_signature' });
  });
});

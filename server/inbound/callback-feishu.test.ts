import { describe, expect, it } from 'vitest';
import { handleVendorCallback, type CallbackRequest, type FeishuCallbackConfig } from './callbacks';
import { encryptFeishu, feishuSignature } from './feishu-crypt';
import { feishuVectors, str } from './test-vectors';

const post = (body: string, headers: Record<string, string | undefined> = {}): CallbackRequest => ({
  method: 'POST',
  query: new URLSearchParams(),
  headers,
  body,
});

function signedHeaders(encryptKey: string, body: string, seconds: number, nonce = '8812345') {
  const timestamp = String(seconds);
  return { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': feishuSignature(timestamp, nonce, encryptKey, body) };
}

function lowerCase(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** What the handler should report for a decrypted event, read from the event itself. */
function expectedOutcome(plaintext: string, config: FeishuCallbackConfig) {
  let event: Record<string, any>;
  try {
    event = JSON.parse(plaintext);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (event.type === 'url_verification') {
    return (event.token ?? event.header?.token) === config.verificationToken
      ? { kind: 'reply', reply: { status: 200, body: JSON.stringify({ challenge: event.challenge }) } }
      : { kind: 'refused', status: 401 };
  }
  const v2 = event.schema === '2.0';
  const eventType = v2 ? event.header.event_type : event.event?.type;
  const approval = ['approval_instance', 'approval.instance.status_changed_v4'].includes(eventType);
  return {
    kind: 'event',
    messageId: v2 ? event.header.event_id : event.uuid,
    eventType,
    instanceId: approval ? event.event.instance_code : null,
    processCode: approval ? (event.event.approval_code ?? null) : null,
    eventText: plaintext,
    reply: { status: 200, body: '{}' },
  };
}

describe('Feishu vectors end to end through handleVendorCallback (every entry)', () => {
  it.each(feishuVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const encryptKey = str(vector.inputs.encryptKey, 'encryptKey');
    if (vector.kind === 'signature') {
      // The SDK tests sign with the literal timestamp "timestamp": the signature matches, the clock check refuses it.
      const headers = {
        'x-lark-request-timestamp': str(vector.inputs['X-Lark-Request-Timestamp'], 'ts'),
        'x-lark-request-nonce': str(vector.inputs['X-Lark-Request-Nonce'], 'nonce'),
        'x-lark-signature': str(vector.expected['X-Lark-Signature'], 'sig'),
      };
      const config = { verificationToken: 'v', encryptKey };
      const outcome = handleVendorCallback('feishu', post(str(vector.inputs.rawBody, 'rawBody'), headers), config, new Date());
      expect(outcome).toEqual({ kind: 'refused', status: 401, reason: 'timestamp is not a whole number' });
      const tampered = handleVendorCallback('feishu', post(`${vector.inputs.rawBody} `, headers), config, new Date());
      expect(tampered).toMatchObject({ status: 401, reason: 'bad X-Lark-Signature' });
      return;
    }
    let rawBody: string;
    let plaintext: string;
    let headers: Record<string, string>;
    let now: Date;
    if (vector.kind === 'request') {
      rawBody = str(vector.expected.rawBody, 'rawBody');
      plaintext = str(vector.inputs.plaintext, 'plaintext');
      headers = lowerCase(vector.expected.headers as Record<string, string>);
      const seconds = Number(headers['x-lark-request-timestamp'] ?? 1700000000);
      now = new Date(seconds * 1000 + 900);
    } else if (vector.kind === 'decrypt') {
      // No headers were recorded with these: sign them ourselves, as Feishu would for a live push.
      rawBody = JSON.stringify({ encrypt: vector.inputs.encrypt });
      plaintext = str(vector.expected.plaintext, 'plaintext');
      now = new Date('2025-03-01T08:00:00Z');
      headers = signedHeaders(encryptKey, rawBody, Math.floor(now.getTime() / 1000));
    } else {
      throw new Error(`vector ${vector.id} has kind ${vector.kind}, which this test does not know`);
    }
    const tokenInEvent = /"token":"([^"]*)"/.exec(plaintext)?.[1] ?? 'none';
    const config: FeishuCallbackConfig = { verificationToken: tokenInEvent, encryptKey };
    const outcome = handleVendorCallback('feishu', post(rawBody, headers), config, now);
    expect(outcome).toMatchObject(expectedOutcome(plaintext, config));

    // Unsigned, only the challenge is answered; everything else gets the same 401.
    const unsigned = handleVendorCallback('feishu', post(rawBody), config, now);
    const isChallenge = /"type":"url_verification"/.test(plaintext);
    if (isChallenge) expect(unsigned).toMatchObject({ kind: 'reply' });
    else expect(unsigned).toEqual({ kind: 'refused', status: 401, reason: 'missing X-Lark-Signature headers (only url_verification may be unsigned)' });
  });
});

describe('Feishu events and refusals', () => {
  const config: FeishuCallbackConfig = { verificationToken: 'vt-123', encryptKey: 'ek-secret', appId: 'cli_a1' };
  const now = new Date('2025-03-01T08:00:00Z');
  const seconds = Math.floor(now.getTime() / 1000);
  const v1 = (fields: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
    JSON.stringify({ ts: '1740816000.1', uuid: 'uuid-1', token: 'vt-123', type: 'event_callback', ...top, event: { app_id: 'cli_a1', type: 'approval_instance', approval_code: 'APPROVAL-1', instance_code: 'INST-1', status: 'APPROVED', operate_time: 1740816000000, ...fields } });
  type HeadersFor = (body: string) => Record<string, string | undefined>;
  const send = (plaintext: string, at = now, headersFor: HeadersFor = (body) => signedHeaders(config.encryptKey, body, seconds)) => {
    const body = JSON.stringify({ encrypt: encryptFeishu(config.encryptKey, plaintext) });
    return handleVendorCallback('feishu', post(body, headersFor(body)), config, at);
  };

  it('a v1 approval event (numeric operate_time) reports instance and approval codes; a retry keeps its uuid', () => {
    const first = send(v1());
    const retry = send(v1());
    expect(first).toMatchObject({ kind: 'event', messageId: 'uuid-1', eventType: 'approval_instance', instanceId: 'INST-1', processCode: 'APPROVAL-1' });
    expect(retry).toMatchObject({ kind: 'event', messageId: 'uuid-1' });
  });

  it('refuses a wrong token or app id, stale or missing signature headers, and malformed events', () => {
    expect(send(v1({}, { token: 'other' }))).toMatchObject({ status: 401, reason: expect.stringContaining('token') });
    expect(send(v1({ app_id: 'cli_other' }))).toMatchObject({ status: 401, reason: 'event is for a different app id' });
    expect(send(v1(), new Date(now.getTime() + 301_000))).toMatchObject({ status: 401, reason: expect.stringContaining('stale') });
    expect(send(v1(), now, (body) => ({ ...signedHeaders(config.encryptKey, body, seconds), 'x-lark-request-nonce': undefined }))).toMatchObject({ status: 401, reason: expect.stringContaining('x-lark-request-nonce') });
    expect(send(v1(), now, (body) => signedHeaders('wrong key', body, seconds))).toMatchObject({ status: 401, reason: 'bad X-Lark-Signature' });
    expect(send(v1({ instance_code: undefined }))).toMatchObject({ status: 400, reason: expect.stringContaining('instance_code') });
    expect(send(v1({}, { uuid: undefined }))).toMatchObject({ status: 400, reason: expect.stringContaining('no id') });
    expect(send('{"type":"something_else"}')).toMatchObject({ status: 400, reason: expect.stringContaining('envelope') });
    expect(send('{"schema":"2.0"}')).toMatchObject({ status: 400, reason: 'schema 2.0 event has no header' });
    expect(send('[1,2]')).toMatchObject({ status: 400, reason: 'decrypted event is not a JSON object' });

    const garbage = JSON.stringify({ encrypt: Buffer.alloc(48, 3).toString('base64') });
    expect(handleVendorCallback('feishu', post(garbage, signedHeaders(config.encryptKey, garbage, seconds)), config, now)).toMatchObject({ status: 400, reason: expect.stringContaining('cannot decrypt') });
    expect(handleVendorCallback('feishu', post(garbage), config, now)).toMatchObject({ status: 401 });
    expect(handleVendorCallback('feishu', post('not json'), config, now)).toMatchObject({ status: 400, reason: 'body is not a JSON object' });
    expect(handleVendorCallback('feishu', { ...post('{}'), method: 'GET' }, config, now)).toMatchObject({ status: 400 });
  });

  it('answers the challenge only with the right verification token, signed or not', () => {
    const challenge = (token: string) => JSON.stringify({ challenge: 'c-42', token, type: 'url_verification' });
    const body = JSON.stringify({ encrypt: encryptFeishu(config.encryptKey, challenge('vt-123')) });
    expect(handleVendorCallback('feishu', post(body), config, now)).toEqual({
      kind: 'reply',
      reply: { status: 200, contentType: 'application/json; charset=utf-8', body: '{"challenge":"c-42"}' },
    });
    expect(send(challenge('vt-123'))).toMatchObject({ kind: 'reply' });
    expect(send(challenge('nope'))).toMatchObject({ status: 401 });
    const wrongToken = JSON.stringify({ encrypt: encryptFeishu(config.encryptKey, challenge('nope')) });
    expect(handleVendorCallback('feishu', post(wrongToken), config, now)).toMatchObject({ status: 401 });
  });

  it('accepts header names in any case', () => {
    const body = JSON.stringify({ encrypt: encryptFeishu(config.encryptKey, v1()) });
    const headers = signedHeaders(config.encryptKey, body, seconds);
    const mixed = { 'X-Lark-Signature': headers['x-lark-signature'], 'X-Lark-Request-Timestamp': headers['x-lark-request-timestamp'], 'X-Lark-Request-Nonce': headers['x-lark-request-nonce'] };
    expect(handleVendorCallback('feishu', post(body, mixed), config, now)).toMatchObject({ kind: 'event' });
  });
});

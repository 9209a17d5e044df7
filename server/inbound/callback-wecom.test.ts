import { describe, expect, it } from 'vitest';
import { handleVendorCallback, type CallbackRequest, type WecomCallbackConfig } from './callbacks';
import { str, wecomVectors, type CryptoVector } from './test-vectors';
import { child, childText, parseXml } from './wecom-xml';
import { callbackSignature, decodeAesKey, encryptCallback } from './wx-biz-msg-crypt';

function configOf(vector: CryptoVector): WecomCallbackConfig {
  return { token: str(vector.inputs.token, 'token'), aesKey: str(vector.inputs.encodingAESKey, 'key'), corpId: str(vector.inputs.receiveId, 'receiveId') };
}

const request = (method: string, query: URLSearchParams | Record<string, string>, body = ''): CallbackRequest => ({
  method,
  query: query instanceof URLSearchParams ? query : new URLSearchParams(query),
  headers: {},
  body,
});

/** What the handler should report for a decrypted WeCom message, read from the message itself. */
function expectedFields(plaintext: string) {
  const message = parseXml(plaintext);
  const msgType = childText(message, 'MsgType');
  const eventType = msgType === 'event' ? childText(message, 'Event') : msgType;
  const approval = child(message, 'ApprovalInfo');
  return {
    eventType,
    instanceId: (approval && childText(approval, 'SpNo')) ?? null,
    processCode: (approval && childText(approval, 'TemplateId')) ?? null,
    msgId: childText(message, 'MsgId'),
  };
}

describe('WeCom vectors end to end through handleVendorCallback (every entry)', () => {
  it.each(wecomVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const config = configOf(vector);
    if (vector.kind === 'verify_url') {
      // The GET handshake, from the raw (URL-encoded) query when the vector has one.
      const query = typeof vector.inputs.rawQuery === 'string' ? new URLSearchParams(vector.inputs.rawQuery) : new URLSearchParams(vector.inputs.query);
      const now = new Date(Number(query.get('timestamp')) * 1000 + 800);
      const outcome = handleVendorCallback('wecom', request('GET', query), config, now);
      expect(outcome).toEqual({ kind: 'reply', reply: { status: 200, contentType: 'text/plain; charset=utf-8', body: vector.expected.plaintext } });
      return;
    }
    let query: Record<string, string>;
    let body: string;
    let plaintext: string;
    if (vector.kind === 'post') {
      query = vector.inputs.query ?? {};
      body = str(vector.inputs.postBody ?? `<xml><Encrypt><![CDATA[${str(vector.inputs.encryptField, 'encryptField')}]]></Encrypt></xml>`, 'postBody');
      plaintext = str(vector.expected.plaintext, 'plaintext');
    } else if (vector.kind === 'encrypt_reply') {
      // A passive-reply envelope has the same Encrypt element; receiving it exercises the newline-separated layout.
      query = { msg_signature: str(vector.expected.msg_signature, 'sig'), timestamp: str(vector.inputs.timestamp, 'ts'), nonce: str(vector.inputs.nonce, 'nonce') };
      body = str(vector.expected.replyXml, 'replyXml');
      plaintext = str(vector.inputs.plaintext, 'plaintext');
    } else {
      throw new Error(`vector ${vector.id} has kind ${vector.kind}, which this test does not know`);
    }
    const now = new Date(Number(query.timestamp) * 1000 - 2000);
    const outcome = handleVendorCallback('wecom', request('POST', query, body), config, now);
    const fields = expectedFields(plaintext);
    expect(outcome).toMatchObject({
      kind: 'event',
      eventType: fields.eventType,
      instanceId: fields.instanceId,
      processCode: fields.processCode,
      eventText: plaintext,
      reply: { status: 200, body: 'success' },
    });
    if (outcome.kind === 'event' && fields.msgId) expect(outcome.messageId).toBe(`msg:${fields.msgId}`);
  });
});

describe('WeCom approval events and refusals', () => {
  const config: WecomCallbackConfig = { token: 'QDG6eK', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
  const key = decodeAesKey(config.aesKey);
  const now = new Date('2025-03-01T08:00:00Z');
  const ts = String(Math.floor(now.getTime() / 1000));
  const approval = (status: number, change: number, createTime: number) =>
    `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[sys_approval_change]]></Event><AgentID>3010040</AgentID><ApprovalInfo><SpNo>202503010001</SpNo><SpName><![CDATA[费用报销]]></SpName><SpStatus>${status}</SpStatus><TemplateId><![CDATA[TPL-EXPENSE]]></TemplateId><StatuChangeEvent>${change}</StatuChangeEvent></ApprovalInfo></xml>`;
  const send = (plaintext: string, nonce = '123', receiver = config.corpId, at = now) => {
    const encrypt = encryptCallback(key, plaintext, receiver);
    const body = `<xml><ToUserName><![CDATA[${receiver}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[3010040]]></AgentID></xml>`;
    return handleVendorCallback('wecom', request('POST', { msg_signature: callbackSignature(config.token, ts, nonce, encrypt), timestamp: ts, nonce }, body), config, at);
  };

  it('approval changes carry SpNo and TemplateId; a retry dedups, the next status does not', () => {
    const approved = approval(2, 2, 1740815990);
    const first = send(approved, '1');
    const retry = send(approved, '2');
    const submitted = send(approval(1, 1, 1740815000), '3');
    if (first.kind !== 'event' || retry.kind !== 'event' || submitted.kind !== 'event') throw new Error('expected events');
    expect(first).toMatchObject({ eventType: 'sys_approval_change', instanceId: '202503010001', processCode: 'TPL-EXPENSE' });
    expect(first.messageId).toBe(retry.messageId);
    expect(first.messageId).not.toBe(submitted.messageId);
    expect(first.messageId).toContain('202503010001');
  });

  it('events without ids get a content id', () => {
    const outcome = send('<xml><MsgType>event</MsgType><Event>change_contact</Event><CreateTime>1</CreateTime></xml>');
    expect(outcome).toMatchObject({ kind: 'event', eventType: 'change_contact', instanceId: null, messageId: expect.stringMatching(/^change_contact:sha256:/) });
  });

  it('decodes a GET echostr whose + arrived unencoded (as a space)', () => {
    let echostr = '';
    for (let i = 0; !echostr.includes('+'); i += 1) echostr = encryptCallback(key, `echo-${i}`, config.corpId);
    const raw = `msg_signature=${callbackSignature(config.token, ts, '9', echostr)}&timestamp=${ts}&nonce=9&echostr=${echostr.replace(/\//g, '%2F').replace(/=/g, '%3D')}`;
    const outcome = handleVendorCallback('wecom', request('GET', new URLSearchParams(raw)), config, now);
    expect(outcome).toMatchObject({ kind: 'reply', reply: { body: expect.stringMatching(/^echo-\d+$/) } });
  });

  it('refuses bad signatures, stale timestamps, other corps and malformed bodies', () => {
    const good = approval(2, 2, 1);
    expect(send(good).kind).toBe('event');
    expect(send(good, '1', 'wwANOTHERCORP')).toMatchObject({ status: 401, reason: expect.stringContaining('different corp id') });
    expect(send(good, '1', config.corpId, new Date(now.getTime() + 301_000))).toMatchObject({ status: 401, reason: expect.stringContaining('stale') });

    const encrypt = encryptCallback(key, good, config.corpId);
    const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const sig = callbackSignature(config.token, ts, '1', encrypt);
    const post = (query: Record<string, string>, text = body) => handleVendorCallback('wecom', request('POST', query, text), config, now);
    expect(post({ msg_signature: sig, timestamp: ts, nonce: '2' })).toMatchObject({ status: 401, reason: 'bad msg_signature' });
    expect(post({ timestamp: ts, nonce: '1' })).toMatchObject({ status: 401, reason: expect.stringContaining('msg_signature') });
    expect(post({ msg_signature: sig, timestamp: ts, nonce: '1' }, '{"Encrypt":"x"}')).toMatchObject({ status: 400, reason: expect.stringContaining('not valid XML') });
    expect(post({ msg_signature: sig, timestamp: ts, nonce: '1' }, `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${body}`)).toMatchObject({ status: 400, reason: expect.stringContaining('DOCTYPE') });
    expect(post({ msg_signature: sig, timestamp: ts, nonce: '1' }, '<xml><ToUserName>x</ToUserName></xml>')).toMatchObject({ status: 400, reason: 'XML body has no <Encrypt> element' });

    const signed = (plaintext: string) => {
      const e = encryptCallback(key, plaintext, config.corpId);
      return post({ msg_signature: callbackSignature(config.token, ts, '1', e), timestamp: ts, nonce: '1' }, `<xml><Encrypt>${e}</Encrypt></xml>`);
    };
    expect(signed('plain text')).toMatchObject({ status: 400, reason: expect.stringContaining('decrypted message is not valid XML') });
    expect(signed('<xml><Event>x</Event></xml>')).toMatchObject({ status: 400, reason: 'decrypted message has no <MsgType>' });
    expect(signed('<xml><MsgType>event</MsgType><Event>sys_approval_change</Event></xml>')).toMatchObject({ status: 400, reason: expect.stringContaining('SpNo') });

    const get = (query: Record<string, string>) => handleVendorCallback('wecom', request('GET', query), config, now);
    const echo = encryptCallback(key, '42', config.corpId);
    expect(get({ msg_signature: callbackSignature(config.token, ts, '1', echo), timestamp: ts, nonce: '1', echostr: echo })).toMatchObject({ kind: 'reply', reply: { body: '42' } });
    expect(get({ msg_signature: callbackSignature(config.token, ts, '1', echo), timestamp: ts, nonce: '1' })).toMatchObject({ status: 400 });
    expect(get({ msg_signature: callbackSignature(config.token, ts, '2', echo), timestamp: ts, nonce: '1', echostr: echo })).toMatchObject({ status: 401 });
    expect(handleVendorCallback('wecom', request('PUT', { msg_signature: 'x', timestamp: ts, nonce: '1' }), config, now)).toMatchObject({ status: 400 });
  });
});

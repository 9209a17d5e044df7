import { describe, expect, it } from 'vitest';
import { handleVendorCallback, type CallbackOutcome, type DingtalkCallbackConfig } from './callbacks';
import { dingtalkVectors, randomPrefixOf, str, type CryptoVector } from './test-vectors';
import { callbackSignature, decodeAesKey, decryptCallback, encryptCallback } from './wx-biz-msg-crypt';

const HANDSHAKES = ['check_url', 'check_create_suite_url', 'check_update_suite_url'];

function configOf(vector: CryptoVector): DingtalkCallbackConfig {
  return { token: str(vector.inputs.token, 'token'), aesKey: str(vector.inputs.aesKey, 'aesKey'), ownerKey: str(vector.inputs.ownerKey, 'ownerKey') };
}

function post(query: Record<string, string>, body: unknown) {
  return { method: 'POST', query: new URLSearchParams(query), headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** The reply must be {msg_signature,timeStamp,nonce,encrypt} with encrypt = "success" signed over what we send. */
function expectSuccessReply(outcome: CallbackOutcome, config: DingtalkCallbackConfig, now: Date) {
  if (outcome.kind === 'refused') throw new Error(`refused: ${outcome.reason}`);
  const { reply } = outcome;
  expect(reply.status).toBe(200);
  expect(reply.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(reply.body);
  expect(Object.keys(body).sort()).toEqual(['encrypt', 'msg_signature', 'nonce', 'timeStamp']);
  expect(body.timeStamp).toBe(String(now.getTime()));
  expect(body.nonce).toMatch(/^[A-Za-z0-9]{16}$/);
  expect(body.msg_signature).toBe(callbackSignature(config.token, body.timeStamp, body.nonce, body.encrypt));
  expect(decryptCallback(decodeAesKey(config.aesKey), body.encrypt, config.ownerKey)).toBe('success');
}

describe('DingTalk vectors end to end through handleVendorCallback (every entry)', () => {
  it.each(dingtalkVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const config = configOf(vector);
    const plaintext = str(vector.expected.plaintext ?? vector.inputs.plaintext, 'plaintext');

    if (plaintext === 'success') {
      // A reply vector: our reply with the same timestamp, nonce and random prefix must be identical.
      const query = vector.inputs.query;
      const timeStamp = str(query?.timeStamp ?? vector.inputs.timeStamp, 'timeStamp');
      const nonce = str(query?.nonce ?? vector.inputs.nonce, 'nonce');
      const encrypt = str(vector.inputs.body?.encrypt ?? vector.expected.encrypt, 'encrypt');
      const checkUrl = encryptCallback(decodeAesKey(config.aesKey), '{"EventType":"check_url"}', config.ownerKey);
      const now = new Date(Number(timeStamp));
      const push = post({ msg_signature: callbackSignature(config.token, timeStamp, nonce, checkUrl), timeStamp, nonce }, { encrypt: checkUrl });
      const outcome = handleVendorCallback('dingtalk', push, config, now, { replyNonce: nonce, replyRandomPrefix: randomPrefixOf(vector) });
      expect(outcome.kind).toBe('reply');
      if (outcome.kind !== 'reply') return;
      expect(JSON.parse(outcome.reply.body)).toEqual({ msg_signature: vector.expected.msg_signature, timeStamp, nonce, encrypt });
      return;
    }

    // A push: send it as DingTalk would (the self-generated ones through their reply JSON, which has the same fields).
    const query = vector.inputs.query ?? {
      msg_signature: str(vector.expected.msg_signature, 'msg_signature'),
      timeStamp: str(vector.inputs.timeStamp, 'timeStamp'),
      nonce: str(vector.inputs.nonce, 'nonce'),
    };
    const encrypt = str(vector.inputs.body?.encrypt ?? vector.expected.encrypt, 'encrypt');
    const now = new Date(Number(query.timeStamp ?? query.timestamp) + 1500);
    const outcome = handleVendorCallback('dingtalk', post(query, { encrypt }), config, now);
    const event = JSON.parse(plaintext) as Record<string, unknown>;
    if (HANDSHAKES.includes(String(event.EventType))) {
      expect(outcome.kind).toBe('reply');
    } else {
      expect(outcome).toMatchObject({
        kind: 'event',
        eventType: event.EventType,
        instanceId: event.processInstanceId ?? null,
        processCode: event.processCode ?? null,
        eventText: plaintext,
      });
    }
    expectSuccessReply(outcome, config, now);
  });
});

describe('DingTalk approval events', () => {
  const config: DingtalkCallbackConfig = { token: 'mryue', aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7', ownerKey: 'ding6ccabc44d2c8d38b' };
  const key = decodeAesKey(config.aesKey);
  const now = new Date('2025-03-01T08:00:00Z');
  const instanceEvent = (fields: Record<string, unknown>) =>
    JSON.stringify({ EventType: 'bpms_instance_change', processInstanceId: 'inst-1', processCode: 'PROC-EXPENSE', corpId: 'ding1', createTime: 1740815000000, title: '差旅报销', ...fields });
  const send = (plaintext: string, nonce: string, at = now, ms = at.getTime()) => {
    const encrypt = encryptCallback(key, plaintext, config.ownerKey);
    const timeStamp = String(ms);
    return handleVendorCallback('dingtalk', post({ msg_signature: callbackSignature(config.token, timeStamp, nonce, encrypt), timeStamp, nonce }, { encrypt }), config, at);
  };

  it('a re-sent push dedups; the next state change of the same instance does not', () => {
    const finish = instanceEvent({ type: 'finish', result: 'agree', finishTime: 1740815900000 });
    const first = send(finish, 'nonce001');
    const again = send(finish, 'nonce002', now, now.getTime() - 2000);
    const started = send(instanceEvent({ type: 'start' }), 'nonce003');
    const refused = send(instanceEvent({ type: 'finish', result: 'refuse', finishTime: 1740815900000 }), 'nonce004');
    for (const outcome of [first, again, started, refused]) expect(outcome.kind).toBe('event');
    if (first.kind !== 'event' || again.kind !== 'event' || started.kind !== 'event' || refused.kind !== 'event') return;
    expect(first.messageId).toBe(again.messageId);
    expect(new Set([first.messageId, started.messageId, refused.messageId]).size).toBe(3);
    expect(first.messageId).toContain('inst-1');
    expect(first).toMatchObject({ instanceId: 'inst-1', processCode: 'PROC-EXPENSE', eventText: finish });
  });

  it('task events are told apart by task id; events without an instance get a content id', () => {
    const task = (taskId: number) => JSON.stringify({ EventType: 'bpms_task_change', processInstanceId: 'inst-1', taskId, type: 'finish', result: 'agree', finishTime: 1 });
    const a = send(task(11), 'n1');
    const b = send(task(12), 'n2');
    const other = send('{"EventType":"user_add_org","UserId":["u1"]}', 'n3');
    if (a.kind !== 'event' || b.kind !== 'event' || other.kind !== 'event') throw new Error('expected events');
    expect(a.messageId).not.toBe(b.messageId);
    expect(other.messageId).toMatch(/^user_add_org:sha256:[0-9a-f]{64}$/);
    expect(other.instanceId).toBeNull();
  });

  it('accepts the legacy signature/timestamp query names', () => {
    const encrypt = encryptCallback(key, instanceEvent({ type: 'start' }), config.ownerKey);
    const timestamp = String(now.getTime());
    const query = { signature: callbackSignature(config.token, timestamp, 'abc', encrypt), timestamp, nonce: 'abc' };
    expect(handleVendorCallback('dingtalk', post(query, { encrypt }), config, now).kind).toBe('event');
  });

  it('refuses bad or missing signatures, stale timestamps, other receivers and malformed bodies', () => {
    const plaintext = instanceEvent({ type: 'start' });
    const encrypt = encryptCallback(key, plaintext, config.ownerKey);
    const ts = String(now.getTime());
    const sig = callbackSignature(config.token, ts, 'n', encrypt);
    const call = (query: Record<string, string>, body: unknown, at = now) => handleVendorCallback('dingtalk', post(query, body), config, at);

    expect(call({ msg_signature: sig, timeStamp: ts, nonce: 'n' }, { encrypt }).kind).toBe('event');
    expect(call({ msg_signature: sig.replace(/^./, sig[0] === 'a' ? 'b' : 'a'), timeStamp: ts, nonce: 'n' }, { encrypt })).toMatchObject({ status: 401, reason: 'bad msg_signature' });
    expect(call({ timeStamp: ts, nonce: 'n' }, { encrypt })).toMatchObject({ status: 401, reason: expect.stringContaining('msg_signature') });
    expect(call({ msg_signature: sig, nonce: 'n' }, { encrypt })).toMatchObject({ status: 401, reason: expect.stringContaining('timeStamp') });
    expect(call({ msg_signature: sig, timeStamp: ts, nonce: 'n' }, { encrypt }, new Date(now.getTime() + 301_000))).toMatchObject({ status: 401, reason: expect.stringContaining('stale timestamp') });
    expect(call({ msg_signature: sig, timeStamp: ts, nonce: 'n' }, { encrypt }, new Date(now.getTime() - 301_000))).toMatchObject({ status: 401, reason: expect.stringContaining('ahead') });
    expect(call({ msg_signature: sig, timeStamp: ts, nonce: 'n' }, { encrypt: `${encrypt}AAAA` })).toMatchObject({ status: 401 });

    const elsewhere = encryptCallback(key, plaintext, 'dingOTHERAPP');
    const sigElsewhere = callbackSignature(config.token, ts, 'n', elsewhere);
    expect(call({ msg_signature: sigElsewhere, timeStamp: ts, nonce: 'n' }, { encrypt: elsewhere })).toMatchObject({ status: 401, reason: expect.stringContaining('different app key') });

    // Validly signed but undecryptable: a signer holding the token but not the key (or a wrong key configured).
    const garbage = Buffer.alloc(64, 7).toString('base64');
    const garbageSig = callbackSignature(config.token, ts, 'n', garbage);
    expect(call({ msg_signature: garbageSig, timeStamp: ts, nonce: 'n' }, { encrypt: garbage })).toMatchObject({ status: 400, reason: expect.stringContaining('padding') });

    const notJson = encryptCallback(key, 'not json', config.ownerKey);
    expect(call({ msg_signature: callbackSignature(config.token, ts, 'n', notJson), timeStamp: ts, nonce: 'n' }, { encrypt: notJson })).toMatchObject({ status: 400, reason: 'decrypted push is not a JSON object' });
    const noType = encryptCallback(key, '{"processInstanceId":"x"}', config.ownerKey);
    expect(call({ msg_signature: callbackSignature(config.token, ts, 'n', noType), timeStamp: ts, nonce: 'n' }, { encrypt: noType })).toMatchObject({ status: 400, reason: 'decrypted push has no EventType' });

    const query = { msg_signature: sig, timeStamp: ts, nonce: 'n' };
    expect(handleVendorCallback('dingtalk', { ...post(query, {}), body: 'encrypt=abc' }, config, now)).toMatchObject({ status: 400, reason: 'body is not a JSON object' });
    expect(call(query, { encrypted: encrypt })).toMatchObject({ status: 400, reason: 'body has no "encrypt" string' });
    expect(handleVendorCallback('dingtalk', { ...post(query, { encrypt }), method: 'GET' }, config, now)).toMatchObject({ status: 400 });
  });
});

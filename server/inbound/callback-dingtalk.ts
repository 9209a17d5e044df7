/**
 * DingTalk HTTP event subscription (事件订阅): POST ?msg_signature&timeStamp&nonce with body {"encrypt": "…"}.
 * Every push, the URL check included, must be answered within 1500 ms with an encrypted "success".
 */
import { randomBytes } from 'node:crypto';
import {
  contentId,
  parseJsonObject,
  refuse,
  staleTimestampReason,
  textField,
  type CallbackOptions,
  type CallbackOutcome,
  type CallbackReply,
  type CallbackRequest,
  type DingtalkCallbackConfig,
} from './callback-types';
import { CallbackCryptoError } from './crypto-errors';
import { callbackSignature, callbackSignatureMatches, decodeAesKey, decryptCallback, encryptCallback } from './wx-biz-msg-crypt';

/** Pushes that only test the URL: answer, store nothing. The two suite checks come from the legacy ISV flow. */
const HANDSHAKE_EVENTS = new Set(['check_url', 'check_create_suite_url', 'check_update_suite_url']);

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 16 letters and digits: the official Java SDK refuses to encrypt with a nonce of any other length. */
function freshNonce(): string {
  return [...randomBytes(16)].map((byte) => NONCE_ALPHABET[byte % NONCE_ALPHABET.length]).join('');
}

/**
 * The JSON reply DingTalk requires: encrypt("success") under the same key and owner key, signed over the
 * timestamp and nonce we send (not the ones received).
 */
export function dingtalkSuccessReply(
  config: DingtalkCallbackConfig,
  now: Date,
  options: CallbackOptions = {},
): CallbackReply {
  const key = decodeAesKey(config.aesKey);
  const timeStamp = String(now.getTime());
  const nonce = options.replyNonce ?? freshNonce();
  const encrypt = encryptCallback(key, 'success', config.ownerKey, options.replyRandomPrefix);
  const msg_signature = callbackSignature(config.token, timeStamp, nonce, encrypt);
  return {
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ msg_signature, timeStamp, nonce, encrypt }),
  };
}

/**
 * DingTalk's HTTP push has no event id, so the id is derived from what identifies a state change: for approval
 * events the instance (and task) id, the change type, the result and the finish/create time. A re-sent push of
 * the same change yields the same id, while a later change of the same instance (start → finish) yields another.
 * Other events fall back to a hash of the decrypted text, which a re-send repeats byte for byte.
 */
function dingtalkMessageId(eventType: string, event: Record<string, unknown>, eventText: string): string {
  const instanceId = textField(event.processInstanceId);
  if ((eventType === 'bpms_instance_change' || eventType === 'bpms_task_change') && instanceId) {
    const parts = [
      eventType,
      instanceId,
      eventType === 'bpms_task_change' ? (textField(event.taskId) ?? '') : null,
      textField(event.type) ?? '',
      textField(event.result) ?? '',
      textField(event.finishTime) ?? textField(event.createTime) ?? '',
    ];
    return parts.filter((part) => part !== null).join(':');
  }
  return contentId(eventType, eventText);
}

export function handleDingtalkCallback(
  req: CallbackRequest,
  config: DingtalkCallbackConfig,
  now: Date,
  options: CallbackOptions = {},
): CallbackOutcome {
  if (req.method.toUpperCase() !== 'POST') return refuse(400, `DingTalk callbacks are POST requests, not ${req.method}`);
  // Older pushes and the legacy docs spell these `signature` and `timestamp`; the official SDKs accept both.
  const signature = req.query.get('msg_signature') ?? req.query.get('signature');
  const timeStamp = req.query.get('timeStamp') ?? req.query.get('timestamp');
  const nonce = req.query.get('nonce');
  const missing = [!signature && 'msg_signature', !timeStamp && 'timeStamp', !nonce && 'nonce'].filter(Boolean);
  if (!signature || !timeStamp || !nonce) return refuse(401, `missing query parameter(s): ${missing.join(', ')}`);

  const envelope = parseJsonObject(req.body);
  if (!envelope) return refuse(400, 'body is not a JSON object');
  const encrypt = envelope.encrypt;
  if (typeof encrypt !== 'string' || encrypt.length === 0) return refuse(400, 'body has no "encrypt" string');

  if (!callbackSignatureMatches(config.token, timeStamp, nonce, encrypt, signature)) {
    return refuse(401, 'bad msg_signature');
  }
  const stale = staleTimestampReason(timeStamp, 'auto', now);
  if (stale) return refuse(401, stale);

  let eventText: string;
  try {
    eventText = decryptCallback(decodeAesKey(config.aesKey), encrypt, config.ownerKey);
  } catch (error) {
    if (!(error instanceof CallbackCryptoError)) throw error;
    if (error.code === 'receiver_mismatch') return refuse(401, 'push is encrypted for a different app key / corp id');
    return refuse(400, `cannot decrypt the push: ${error.message}`);
  }
  const event = parseJsonObject(eventText);
  if (!event) return refuse(400, 'decrypted push is not a JSON object');
  const eventType = textField(event.EventType);
  if (!eventType) return refuse(400, 'decrypted push has no EventType');

  const reply = dingtalkSuccessReply(config, now, options);
  if (HANDSHAKE_EVENTS.has(eventType)) return { kind: 'reply', reply };
  return {
    kind: 'event',
    messageId: dingtalkMessageId(eventType, event, eventText),
    eventType,
    instanceId: textField(event.processInstanceId),
    processCode: textField(event.processCode),
    eventText,
    reply,
  };
}

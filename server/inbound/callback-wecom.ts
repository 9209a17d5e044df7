/**
 * WeCom (企业微信) callbacks: GET ?msg_signature&timestamp&nonce&echostr verifies the URL (answer the decrypted
 * echostr as the raw body within 1 s); POST with the same query and an XML envelope whose <Encrypt> carries the
 * message, itself XML once decrypted.
 */
import {
  contentId,
  refuse,
  staleTimestampReason,
  SUCCESS_TEXT,
  type CallbackOutcome,
  type CallbackRequest,
  type WecomCallbackConfig,
} from './callback-types';
import { CallbackCryptoError } from './crypto-errors';
import { child, childText, parseXml, XmlParseError, type XmlElement } from './wecom-xml';
import { callbackSignatureMatches, decodeAesKey, decryptCallback } from './wx-biz-msg-crypt';

type Decrypted = { ok: true; text: string } | { ok: false; outcome: CallbackOutcome };

function checkAndDecrypt(
  config: WecomCallbackConfig,
  encrypt: string,
  signature: string,
  timestamp: string,
  nonce: string,
  now: Date,
): Decrypted {
  if (!callbackSignatureMatches(config.token, timestamp, nonce, encrypt, signature)) {
    return { ok: false, outcome: refuse(401, 'bad msg_signature') };
  }
  const stale = staleTimestampReason(timestamp, 's', now);
  if (stale) return { ok: false, outcome: refuse(401, stale) };
  try {
    return { ok: true, text: decryptCallback(decodeAesKey(config.aesKey), encrypt, config.corpId) };
  } catch (error) {
    if (!(error instanceof CallbackCryptoError)) throw error;
    if (error.code === 'receiver_mismatch') {
      return { ok: false, outcome: refuse(401, 'callback is encrypted for a different corp id / suite id') };
    }
    return { ok: false, outcome: refuse(400, `cannot decrypt the callback: ${error.message}`) };
  }
}

function parseOrNull(text: string): XmlElement | string {
  try {
    return parseXml(text);
  } catch (error) {
    if (error instanceof XmlParseError) return error.message;
    throw error;
  }
}

/**
 * WeCom events carry no event id. Approval changes are identified by approval number + status + the action that
 * changed it + the push time (the README's "SpNo + status + time"), so a retried push dedups while the next change
 * of the same approval does not. Plain messages carry MsgId. Anything else falls back to a hash of the decrypted
 * text, which a retry repeats byte for byte.
 */
function wecomMessageId(eventType: string, message: XmlElement, eventText: string): string {
  const approval = child(message, 'ApprovalInfo');
  const spNo = approval && childText(approval, 'SpNo');
  if (eventType === 'sys_approval_change' && approval && spNo) {
    return [
      eventType,
      spNo,
      childText(approval, 'SpStatus') ?? '',
      childText(approval, 'StatuChangeEvent') ?? '',
      childText(message, 'CreateTime') ?? '',
    ].join(':');
  }
  const msgId = childText(message, 'MsgId');
  if (msgId) return `msg:${msgId}`;
  return contentId(eventType, eventText);
}

export function handleWecomCallback(req: CallbackRequest, config: WecomCallbackConfig, now: Date): CallbackOutcome {
  const method = req.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST') return refuse(400, `WeCom callbacks are GET or POST requests, not ${req.method}`);
  const signature = req.query.get('msg_signature');
  const timestamp = req.query.get('timestamp');
  const nonce = req.query.get('nonce');
  const missing = [!signature && 'msg_signature', !timestamp && 'timestamp', !nonce && 'nonce'].filter(Boolean);
  if (!signature || !timestamp || !nonce) return refuse(401, `missing query parameter(s): ${missing.join(', ')}`);

  if (method === 'GET') {
    // A literal '+' the sender failed to encode reaches us as a space; base64 never contains spaces.
    const echostr = req.query.get('echostr')?.replace(/ /g, '+');
    if (!echostr) return refuse(400, 'URL verification (GET) needs an echostr parameter');
    const result = checkAndDecrypt(config, echostr, signature, timestamp, nonce, now);
    if (!result.ok) return result.outcome;
    // The plaintext itself, as the raw body: no quotes, no BOM, no newline.
    return { kind: 'reply', reply: { status: 200, contentType: 'text/plain; charset=utf-8', body: result.text } };
  }

  const envelope = parseOrNull(req.body);
  if (typeof envelope === 'string') return refuse(400, `body is not valid XML: ${envelope}`);
  const encrypt = childText(envelope, 'Encrypt');
  if (!encrypt) return refuse(400, 'XML body has no <Encrypt> element');
  const result = checkAndDecrypt(config, encrypt, signature, timestamp, nonce, now);
  if (!result.ok) return result.outcome;

  const eventText = result.text;
  const message = parseOrNull(eventText);
  if (typeof message === 'string') return refuse(400, `decrypted message is not valid XML: ${message}`);
  const msgType = childText(message, 'MsgType');
  if (!msgType) return refuse(400, 'decrypted message has no <MsgType>');
  const eventType = msgType === 'event' ? childText(message, 'Event') : msgType;
  if (!eventType) return refuse(400, 'decrypted event has no <Event>');

  const approval = eventType === 'sys_approval_change' ? child(message, 'ApprovalInfo') : undefined;
  if (eventType === 'sys_approval_change' && !(approval && childText(approval, 'SpNo'))) {
    return refuse(400, 'sys_approval_change event has no <ApprovalInfo><SpNo>');
  }
  return {
    kind: 'event',
    messageId: wecomMessageId(eventType, message, eventText),
    eventType,
    instanceId: (approval && childText(approval, 'SpNo')) || null,
    processCode: (approval && childText(approval, 'TemplateId')) || null,
    eventText,
    reply: SUCCESS_TEXT,
  };
}

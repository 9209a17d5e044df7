/**
 * Feishu / Lark event subscription: POST with body {"encrypt":"…"} (an Encrypt Key is required by our config) and
 * X-Lark-Signature / X-Lark-Request-Timestamp / X-Lark-Request-Nonce headers. The URL-verification challenge is
 * the one request Feishu sends unsigned.
 */
import {
  headerOf,
  parseJsonObject,
  refuse,
  sameSecret,
  staleTimestampReason,
  textField,
  type CallbackOutcome,
  type CallbackReply,
  type CallbackRequest,
  type FeishuCallbackConfig,
} from './callback-types';
import { CallbackCryptoError } from './crypto-errors';
import { decryptFeishu, feishuSignatureMatches } from './feishu-crypt';

const EMPTY_JSON: CallbackReply = { status: 200, contentType: 'application/json; charset=utf-8', body: '{}' };

/** Event types whose payload names an approval instance (v1 `approval_instance`, and the v2 envelope variant). */
const APPROVAL_INSTANCE_EVENTS = new Set(['approval_instance', 'approval.instance.status_changed_v4']);

type Opened = { ok: true; text: string; event: Record<string, unknown> } | { ok: false; reason: string };

/** Decrypts the body when it is encrypted; a plain JSON body is taken as is. */
function openBody(envelope: Record<string, unknown>, rawBody: string, encryptKey: string): Opened {
  let text = rawBody;
  if (typeof envelope.encrypt === 'string') {
    try {
      text = decryptFeishu(encryptKey, envelope.encrypt);
    } catch (error) {
      if (!(error instanceof CallbackCryptoError)) throw error;
      return { ok: false, reason: `cannot decrypt the event: ${error.message}` };
    }
  }
  const event = parseJsonObject(text);
  return event ? { ok: true, text, event } : { ok: false, reason: 'decrypted event is not a JSON object' };
}

/** The challenge token sits at the top level; a schema 2.0 body carries it in `header.token` (as the Go SDK reads it). */
function challengeToken(event: Record<string, unknown>): string {
  if (typeof event.token === 'string') return event.token;
  const header = event.header;
  if (header !== null && typeof header === 'object' && typeof (header as Record<string, unknown>).token === 'string') {
    return (header as Record<string, string>).token;
  }
  return '';
}

function challengeReply(event: Record<string, unknown>, config: FeishuCallbackConfig): CallbackOutcome {
  const token = challengeToken(event);
  if (!sameSecret(token, config.verificationToken)) return refuse(401, 'url_verification token does not match the Verification Token');
  const challenge = event.challenge;
  if (typeof challenge !== 'string' || challenge.length === 0) return refuse(400, 'url_verification has no challenge');
  return {
    kind: 'reply',
    reply: { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ challenge }) },
  };
}

/**
 * The two envelopes. The message id is the vendor's own event id: `header.event_id` in schema 2.0, the top-level
 * `uuid` in v1 (the approval instance event is still v1). Feishu resends a failed delivery with the same id.
 */
function readEnvelope(
  event: Record<string, unknown>,
):
  | { ok: true; token: string | null; eventId: string | null; eventType: string | null; appId: string | null; body: Record<string, unknown> }
  | { ok: false; reason: string } {
  const body = event.event !== null && typeof event.event === 'object' && !Array.isArray(event.event)
    ? (event.event as Record<string, unknown>)
    : {};
  if (event.schema === '2.0') {
    const header = event.header;
    if (header === null || typeof header !== 'object' || Array.isArray(header)) return { ok: false, reason: 'schema 2.0 event has no header' };
    const h = header as Record<string, unknown>;
    return { ok: true, token: textField(h.token), eventId: textField(h.event_id), eventType: textField(h.event_type), appId: textField(h.app_id), body };
  }
  if (event.type === 'event_callback') {
    return { ok: true, token: textField(event.token), eventId: textField(event.uuid), eventType: textField(body.type), appId: textField(body.app_id), body };
  }
  return { ok: false, reason: 'not a Feishu event envelope (neither schema 2.0 nor type event_callback)' };
}

export function handleFeishuCallback(req: CallbackRequest, config: FeishuCallbackConfig, now: Date): CallbackOutcome {
  if (req.method.toUpperCase() !== 'POST') return refuse(400, `Feishu callbacks are POST requests, not ${req.method}`);
  const envelope = parseJsonObject(req.body);
  if (!envelope) return refuse(400, 'body is not a JSON object');

  const signature = headerOf(req, 'x-lark-signature');
  const timestamp = headerOf(req, 'x-lark-request-timestamp');
  const nonce = headerOf(req, 'x-lark-request-nonce');

  if (!signature && !timestamp && !nonce) {
    // Feishu exempts only the URL-verification challenge from signing. We decrypt an unsigned body solely to answer
    // that challenge, and any other outcome is the same 401: distinct errors for unsigned data would let a caller
    // probe our key as a padding oracle.
    const opened = openBody(envelope, req.body, config.encryptKey);
    if (opened.ok && opened.event.type === 'url_verification') return challengeReply(opened.event, config);
    return refuse(401, 'missing X-Lark-Signature headers (only url_verification may be unsigned)');
  }
  const missing = [!signature && 'x-lark-signature', !timestamp && 'x-lark-request-timestamp', !nonce && 'x-lark-request-nonce'].filter(Boolean);
  if (!signature || !timestamp || !nonce) return refuse(401, `missing header(s): ${missing.join(', ')}`);
  if (!feishuSignatureMatches(timestamp, nonce, config.encryptKey, req.body, signature)) return refuse(401, 'bad X-Lark-Signature');
  const stale = staleTimestampReason(timestamp, 's', now);
  if (stale) return refuse(401, stale);

  const opened = openBody(envelope, req.body, config.encryptKey);
  if (!opened.ok) return refuse(400, opened.reason);
  if (opened.event.type === 'url_verification') return challengeReply(opened.event, config);

  const read = readEnvelope(opened.event);
  if (!read.ok) return refuse(400, read.reason);
  if (!sameSecret(read.token ?? '', config.verificationToken)) return refuse(401, 'event token does not match the Verification Token');
  if (config.appId && read.appId !== config.appId) return refuse(401, 'event is for a different app id');
  if (!read.eventId) return refuse(400, 'event has no id (header.event_id / uuid)');
  if (!read.eventType) return refuse(400, 'event has no type (header.event_type / event.type)');

  const approval = APPROVAL_INSTANCE_EVENTS.has(read.eventType);
  const instanceId = approval ? textField(read.body.instance_code) : null;
  if (approval && !instanceId) return refuse(400, `${read.eventType} event has no instance_code`);
  return {
    kind: 'event',
    messageId: read.eventId,
    eventType: read.eventType,
    instanceId,
    processCode: approval ? textField(read.body.approval_code) : null,
    eventText: opened.text,
    reply: EMPTY_JSON,
  };
}

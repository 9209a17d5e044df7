/**
 * The shapes shared by the vendor callback handlers: the raw request in, one outcome out, and each vendor's
 * connector configuration (with zod schemas the connectors service validates before saving).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export type CallbackVendor = 'dingtalk' | 'wecom' | 'feishu';

export interface CallbackRequest {
  method: string;
  /** The decoded query string (URLSearchParams already turns %2B into +). */
  query: URLSearchParams;
  /** Request headers with lower-case names. */
  headers: Record<string, string | undefined>;
  /** The raw body exactly as received, decoded as UTF-8. Signatures are checked over it, never over re-serialised JSON. */
  body: string;
}

export interface CallbackReply {
  status: number;
  contentType: string;
  body: string;
}

export type CallbackOutcome =
  /** URL-verification handshake or challenge: send the reply, store nothing. */
  | { kind: 'reply'; reply: CallbackReply }
  | {
      kind: 'event';
      /** The event's identity for deduplication (see each vendor's handler for where it comes from). */
      messageId: string;
      eventType: string;
      /** The OA instance the event is about (approval events), before the instance is fetched. */
      instanceId: string | null;
      /** The approval definition / form template code, when the event names it. */
      processCode: string | null;
      /** The decrypted event, stored verbatim. */
      eventText: string;
      /** What to answer once the event is stored. */
      reply: CallbackReply;
    }
  /** 401: missing or bad signature, stale timestamp, wrong receiver / app / token. 400: malformed request. */
  | { kind: 'refused'; status: 400 | 401; reason: string };

const encodingAesKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}$/, { message: 'EncodingAESKey must be exactly 43 characters of A-Z, a-z, 0-9, + or /' });
// No .trim(): it would silently change a token that really has spaces, and every signature with it.
const nonEmpty = (what: string) => z.string().min(1, { message: `${what} is required` });

export const dingtalkCallbackConfigSchema = z.object({
  /** 签名 Token set on the event-subscription page. */
  token: nonEmpty('Token'),
  /** 加密 aes_key (EncodingAESKey), 43 characters. */
  aesKey: encodingAesKeySchema,
  /** The id the pushes are encrypted for: the app key (internal app), corp id (legacy) or suite key (ISV). */
  ownerKey: nonEmpty('Owner key (app key / corp id)'),
});

export const wecomCallbackConfigSchema = z.object({
  token: nonEmpty('Token'),
  aesKey: encodingAesKeySchema,
  /** The ReceiveId: the corp id (ww…) for a company's own app, the suite id for third-party suites. */
  corpId: nonEmpty('Corp id'),
});

export const feishuCallbackConfigSchema = z.object({
  verificationToken: nonEmpty('Verification Token'),
  /**
   * Required: only with an Encrypt Key does Feishu sign its requests, and we refuse unsigned events.
   */
  encryptKey: nonEmpty('Encrypt Key'),
  /** When set, events for another app id are refused. */
  appId: nonEmpty('App id').optional(),
});

export type DingtalkCallbackConfig = z.infer<typeof dingtalkCallbackConfigSchema>;
export type WecomCallbackConfig = z.infer<typeof wecomCallbackConfigSchema>;
export type FeishuCallbackConfig = z.infer<typeof feishuCallbackConfigSchema>;

export interface VendorCallbackConfigs {
  dingtalk: DingtalkCallbackConfig;
  wecom: WecomCallbackConfig;
  feishu: FeishuCallbackConfig;
}
export type VendorCallbackConfig = VendorCallbackConfigs[CallbackVendor];

export const vendorCallbackConfigSchemas = {
  dingtalk: dingtalkCallbackConfigSchema,
  wecom: wecomCallbackConfigSchema,
  feishu: feishuCallbackConfigSchema,
} as const;

/** Test hooks: fix the nonce and random bytes of replies we encrypt (DingTalk), so a reply is reproducible. */
export interface CallbackOptions {
  replyNonce?: string;
  replyRandomPrefix?: Buffer;
}

/**
 * How far a signed timestamp may be from our clock. The signature covers the timestamp, so a captured request
 * cannot be re-dated: the window bounds how long a replay stays possible, and within it the message-id
 * deduplication absorbs the replay. Five minutes also allows for clock drift between the vendor and us.
 * The vectors carry old timestamps, so tests pass `now`.
 */
export const CALLBACK_TOLERANCE_MS = 5 * 60 * 1000;

export function refuse(status: 400 | 401, reason: string): CallbackOutcome {
  return { kind: 'refused', status, reason };
}

/**
 * Checks a vendor timestamp against `now`. `unit` 'auto' treats 13-digit values as milliseconds and shorter ones
 * as seconds (DingTalk's legacy `timestamp` and its `timeStamp` are milliseconds; WeCom and Feishu send seconds).
 * Returns a refusal reason, or null when fresh.
 */
export function staleTimestampReason(text: string, unit: 's' | 'ms' | 'auto', now: Date): string | null {
  if (!/^\d{1,16}$/.test(text)) return 'timestamp is not a whole number';
  const value = Number(text);
  const millis = unit === 'ms' || (unit === 'auto' && text.length >= 13) ? value : value * 1000;
  const skew = now.getTime() - millis;
  if (Math.abs(skew) <= CALLBACK_TOLERANCE_MS) return null;
  const seconds = Math.round(Math.abs(skew) / 1000);
  return `stale timestamp: ${seconds} s ${skew > 0 ? 'old' : 'ahead of server time'} (limit ${CALLBACK_TOLERANCE_MS / 1000} s)`;
}

/** Constant-time equality of two configured/received strings, whatever their lengths. */
export function sameSecret(received: string, configured: string): boolean {
  const a = createHash('sha256').update(received, 'utf8').digest();
  const b = createHash('sha256').update(configured, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** A header by lower-case name, falling back to a case-insensitive scan for callers that kept original casing. */
export function headerOf(req: CallbackRequest, name: string): string | undefined {
  const direct = req.headers[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(req.headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Parses a body that must be a JSON object; null when it is not. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function textField(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A short, stable id for events that carry none: the SHA-256 of the decrypted event text. */
export function contentId(eventType: string, eventText: string): string {
  return `${eventType}:sha256:${createHash('sha256').update(eventText, 'utf8').digest('hex')}`;
}

export const SUCCESS_TEXT: CallbackReply = { status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' };

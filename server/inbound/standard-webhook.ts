/**
 * Standard Webhooks (https://www.standardwebhooks.com) for signed webhooks we send (finance webhook client) and
 * receive (generic inbound hooks, our simulator).
 *
 * The `standardwebhooks` package computes the HMAC. We do not call its `verify()`: it reads the clock itself
 * (`Date.now()`), so the caller could not pass `now`, and it cannot try several secrets at once. The timestamp
 * window and the multi-secret, multi-signature comparison are therefore done here, with the package's `sign()`
 * producing the expected value.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Same tolerance as the spec's reference libraries: five minutes either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export type StandardWebhookVerification =
  | { ok: true; messageId: string; timestamp: Date }
  | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature'; message: string };

/** The three headers the spec defines, lower-case as Node and the Fetch API present them. */
export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A fresh signing secret: `whsec_` + base64 of 32 random bytes (256 bits, the HMAC-SHA256 block-safe size). */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** True when `secret` is a usable `whsec_…` secret (or bare base64) of at least 16 bytes. */
export function isValidWebhookSecret(secret: string): boolean {
  const body = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return false;
  return Buffer.from(body, 'base64').length >= 16;
}

function webhookFor(secret: string, position: number): Webhook {
  // The package throws on bad base64 with a message that may echo input; replace it with one that names only
  // the position of the faulty secret in the configured list.
  if (!isValidWebhookSecret(secret)) {
    throw new Error(`Configured webhook secret #${position + 1} is not a valid whsec_ base64 secret of at least 16 bytes`);
  }
  return new Webhook(secret);
}

/** The headers to send with `msg.body`, signed with `secret`. The body must be sent byte for byte as given. */
export function signStandardWebhook(
  secret: string,
  msg: { id: string; timestamp: Date; body: string },
): Record<string, string> & StandardWebhookHeaders {
  if (!msg.id || /[\s,]/.test(msg.id)) {
    // The id is part of the signed text `id.timestamp.body`; whitespace or commas would make it ambiguous.
    throw new Error('Webhook message id must be non-empty and contain no whitespace or commas');
  }
  const seconds = Math.floor(msg.timestamp.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new Error('Webhook timestamp is not a valid date');
  return {
    'webhook-id': msg.id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': webhookFor(secret, 0).sign(msg.id, new Date(seconds * 1000), msg.body),
  };
}

/**
 * Checks a received webhook against every configured secret (several during a rotation) and every `v1,` signature
 * in the header (a sender rotating its own secret sends several, space-separated).
 * Throws only when a configured secret is itself malformed (a configuration error, not a bad request).
 */
export function verifyStandardWebhook(
  secrets: string[],
  headers: Record<string, string | undefined>,
  rawBody: string,
  now: Date = new Date(),
): StandardWebhookVerification {
  const id = headers['webhook-id']?.trim();
  const timestampHeader = headers['webhook-timestamp']?.trim();
  const signatureHeader = headers['webhook-signature']?.trim();
  const missing = [
    !id && 'webhook-id',
    !timestampHeader && 'webhook-timestamp',
    !signatureHeader && 'webhook-signature',
  ].filter(Boolean);
  if (!id || !timestampHeader || !signatureHeader) {
    return { ok: false, reason: 'missing_headers', message: `Missing header(s): ${missing.join(', ')}` };
  }
  if (!/^\d{1,12}$/.test(timestampHeader)) {
    return { ok: false, reason: 'stale_timestamp', message: 'webhook-timestamp is not a whole number of seconds' };
  }
  const seconds = Number(timestampHeader);
  const skew = Math.floor(now.getTime() / 1000) - seconds;
  if (Math.abs(skew) > WEBHOOK_TOLERANCE_SECONDS) {
    return {
      ok: false,
      reason: 'stale_timestamp',
      message: `webhook-timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'in the past' : 'in the future'}; the limit is ${WEBHOOK_TOLERANCE_SECONDS} s`,
    };
  }
  const timestamp = new Date(seconds * 1000);

  const offered = signatureHeader
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'utf8'));
  if (offered.length === 0) {
    return { ok: false, reason: 'bad_signature', message: 'webhook-signature holds no v1 signature' };
  }
  if (secrets.length === 0) {
    return { ok: false, reason: 'bad_signature', message: 'No webhook secret is configured for this endpoint' };
  }
  for (const [position, secret] of secrets.entries()) {
    const expected = Buffer.from(webhookFor(secret, position).sign(id, timestamp, rawBody).slice(3), 'utf8');
    for (const candidate of offered) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
        return { ok: true, messageId: id, timestamp };
      }
    }
  }
  return { ok: false, reason: 'bad_signature', message: 'No webhook-signature matches a configured secret' };
}

import { signStandardWebhook } from '../../inbound/standard-webhook';
import { classifyOutbound } from '../delivery-outcome';
import { outboundFetch } from '../http';
import type { DeliveryAttemptResult, FinanceClient, FinanceDelivery, FinanceTransportOptions } from './types';

/**
 * A Standard Webhooks signed POST of the voucher document, for finance middleware and the demo's local endpoint.
 * The webhook-id is the delivery's idempotency key on every attempt, so a receiver that deduplicates by id (as the
 * spec asks) books a retried voucher once even when our previous attempt's outcome was unknown; the timestamp and
 * signature are fresh per attempt because receivers refuse timestamps older than five minutes.
 */
export interface WebhookTargetConfig extends FinanceTransportOptions {
  url: string;
  /** whsec_… */
  secret: string;
  /** For tests; default the real clock. */
  now?: () => Date;
}

export function createWebhookClient(config: WebhookTargetConfig): FinanceClient {
  const now = config.now ?? (() => new Date());
  return {
    async deliver(d: FinanceDelivery): Promise<DeliveryAttemptResult> {
      let signature: Record<string, string>;
      try {
        signature = signStandardWebhook(config.secret, { id: d.idempotencyKey, timestamp: now(), body: d.documentText });
      } catch (err) {
        // A malformed secret or key is configuration, not a passing fault: no retry can fix it.
        return { outcome: 'dead', error: `the webhook could not be signed: ${(err as Error).message}`, durationMs: 0 };
      }
      const result = await outboundFetch(
        {
          method: 'POST',
          url: config.url,
          headers: { ...signature, 'content-type': `${d.contentType}; charset=utf-8`, accept: 'application/json' },
          body: d.documentText,
          timeoutMs: config.timeoutMs,
        },
        config.policy,
      );
      const classified = classifyOutbound(result);
      const attempt: DeliveryAttemptResult = { ...classified, durationMs: result.durationMs };
      if (classified.outcome === 'delivered' && result.kind === 'response') {
        const number = voucherNumberFrom(result.bodyText);
        if (number) attempt.voucherNumber = number;
      }
      return attempt;
    },
  };
}

/** `{ "voucherNumber": "记-0012" }` in a JSON reply; any other reply (empty, text, XML) simply carries no number. */
function voucherNumberFrom(bodyText: string): string | undefined {
  let reply: unknown;
  try {
    reply = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (reply === null || typeof reply !== 'object' || !Object.hasOwn(reply, 'voucherNumber')) return undefined;
  const value = (reply as { voucherNumber: unknown }).voucherNumber;
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

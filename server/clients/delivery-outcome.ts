import type { OutboundResult } from './http';

/**
 * What one delivery attempt means for the outbox row:
 * - delivered: the finance system accepted the voucher;
 * - retry: it did not get (or did not act on) the voucher, try again later;
 * - dead: trying again cannot help (a refused voucher, a wrong URL), a person must look;
 * - unknown: the voucher may have been booked (sent, then the line went quiet or dropped): it is retried, but the
 *   next attempt must first ask the finance system whether the voucher is already there.
 */
export type DeliveryOutcome = 'delivered' | 'retry' | 'dead' | 'unknown';

export interface ClassifiedOutcome {
  outcome: DeliveryOutcome;
  retryAfterMs?: number;
  httpStatus?: number;
  /** The reply as kept on the attempt row, at most RESPONSE_TEXT_LIMIT bytes. */
  responseText?: string;
  error?: string;
}

export const RESPONSE_TEXT_LIMIT = 64 * 1024;
const TRUNCATION_MARK = '\n…[truncated]';

/** The reply cut to RESPONSE_TEXT_LIMIT UTF-8 bytes (mark included), never in the middle of a character. */
export function keepResponseText(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= RESPONSE_TEXT_LIMIT) return text;
  const room = RESPONSE_TEXT_LIMIT - Buffer.byteLength(TRUNCATION_MARK, 'utf8');
  // Decoding a cut-off multi-byte sequence yields U+FFFD at the end; drop it rather than store a broken character.
  const head = Buffer.from(text, 'utf8').subarray(0, room).toString('utf8').replace(/\uFFFD+$/, '');
  return head + TRUNCATION_MARK;
}

// 408 Request Timeout and 429 Too Many Requests are the two 4xx that say "not now" rather than "never".
const RETRYABLE_4XX = new Set([408, 429]);

/** The HTTP-level verdict; finance clients refine a 2xx by reading the reply (Kingdee answers errors with 200). */
export function classifyOutbound(result: OutboundResult): ClassifiedOutcome {
  if (result.kind === 'failed') {
    switch (result.reason) {
      case 'refused_address':
      case 'bad_url':
        return { outcome: 'dead', error: result.message };
      case 'too_large':
        // The finance system answered (and so acted on) the request; only its reply was unreadable.
        return { outcome: 'unknown', error: result.message };
      case 'dns':
      case 'connect':
        return { outcome: 'retry', error: result.message };
      case 'timeout':
      case 'reset':
        return { outcome: result.sent ? 'unknown' : 'retry', error: result.message };
    }
  }
  const { status } = result;
  const kept = { httpStatus: status, responseText: keepResponseText(result.bodyText) };
  if (status >= 200 && status < 300) return { outcome: 'delivered', ...kept };
  if (status >= 500 || RETRYABLE_4XX.has(status)) {
    return {
      outcome: 'retry',
      ...kept,
      ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
      error: `the finance system answered HTTP ${status}${result.retryAfterMs !== undefined ? ` (retry after ${Math.ceil(result.retryAfterMs / 1000)} s)` : ''}`,
    };
  }
  if (status >= 300 && status < 400) {
    return { outcome: 'dead', ...kept, error: `the finance system answered HTTP ${status} (a redirect, which is never followed): check the target URL` };
  }
  return { outcome: 'dead', ...kept, error: `the finance system refused the voucher with HTTP ${status}` };
}

import type { DeliveryOutcome } from '../delivery-outcome';
import type { OutboundPolicy } from '../http';

/** One voucher document on its way to a finance system, exactly as `ledgerlink map` prints it. */
export interface FinanceDelivery {
  documentText: string;
  contentType: 'application/json' | 'application/xml';
  /** The same on every attempt of this delivery (the webhook-id; never a fresh value per try). */
  idempotencyKey: string;
  /** The OA instance's reference number, as the voucher carries it (Kingdee summary, U8 reserve2). */
  oaReference: string;
  /** A previous attempt may have committed: look before sending again. */
  outcomeUnknown: boolean;
}

export interface DeliveryAttemptResult {
  outcome: DeliveryOutcome;
  voucherNumber?: string;
  httpStatus?: number;
  /** The finance system's reply, ≤ 64 KB. */
  responseText?: string;
  error?: string;
  retryAfterMs?: number;
  durationMs: number;
}

export interface FinanceClient {
  deliver(d: FinanceDelivery): Promise<DeliveryAttemptResult>;
}

/** What every finance client takes besides its own settings: the outbound policy and per-request time limit. */
export interface FinanceTransportOptions {
  /** Default: LEDGERLINK_OUTBOUND_ALLOW. */
  policy?: OutboundPolicy;
  /** Per HTTP request; default 15000 ms. */
  timeoutMs?: number;
}

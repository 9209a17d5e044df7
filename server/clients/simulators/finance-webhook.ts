import { verifyStandardWebhook } from '../../inbound/standard-webhook';
import { startSimServer, type FinanceFault, type SimReply, type SimRequest, type SimServerOptions } from './finance-sim-server';

/**
 * A finance endpoint that accepts Standard Webhooks signed vouchers: the demo's local finance system and the
 * webhook client's test partner. It verifies the signature, books each webhook-id once (a repeated id — a retry
 * after an unknown outcome — gets the number it already has) and answers `{ "voucherNumber": "记-0001" }`.
 */

export interface ReceivedWebhook {
  webhookId: string | undefined;
  contentType: string | undefined;
  body: string;
  /** false: refused with 401 (bad or missing signature, stale timestamp). */
  verified: boolean;
  /** true: this webhook-id had been booked before; nothing new was booked. */
  duplicate: boolean;
  /** The scripted fault this request drew. */
  fault?: FinanceFault['kind'];
}

export interface BookedVoucher {
  webhookId: string;
  voucherNumber: string;
  contentType: string | undefined;
  body: string;
}

export interface WebhookFinanceSimulator {
  url: string;
  close(): Promise<void>;
  failNext(count: number, fault: FinanceFault): void;
  /** Every request that reached the simulator, in order. */
  received: ReceivedWebhook[];
  /** The vouchers booked, one per webhook-id. */
  booked: BookedVoucher[];
}

export async function startWebhookFinanceSimulator(options: SimServerOptions & { secret: string }): Promise<WebhookFinanceSimulator> {
  const received: ReceivedWebhook[] = [];
  const booked: BookedVoucher[] = [];
  const byId = new Map<string, BookedVoucher>();

  const verify = (req: SimRequest) => {
    const headers: Record<string, string | undefined> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const v = req.headers[name];
      headers[name] = Array.isArray(v) ? v.join(' ') : v;
    }
    return { headers, check: verifyStandardWebhook([options.secret], headers, req.body) };
  };

  const handle = (req: SimRequest, fault?: FinanceFault): SimReply => {
    const { headers, check } = verify(req);
    const contentType = req.headers['content-type'];
    if (!check.ok) {
      received.push({ webhookId: headers['webhook-id'], contentType, body: req.body, verified: false, duplicate: false });
      return { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: check.reason, message: check.message }) };
    }
    const existing = byId.get(check.messageId);
    received.push({ webhookId: check.messageId, contentType, body: req.body, verified: true, duplicate: existing !== undefined, ...(fault ? { fault: fault.kind } : {}) });
    let voucher = existing;
    if (!voucher) {
      voucher = { webhookId: check.messageId, voucherNumber: `记-${String(booked.length + 1).padStart(4, '0')}`, contentType, body: req.body };
      booked.push(voucher);
      byId.set(check.messageId, voucher);
    }
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ voucherNumber: voucher.voucherNumber }) };
  };

  const server = await startSimServer(
    options,
    handle,
    undefined,
    (req, fault) => {
      // Requests answered by a scripted status or left hanging are never processed: record them here.
      if (fault && fault.kind !== 'commit-then-drop') {
        const { headers, check } = verify(req);
        received.push({ webhookId: headers['webhook-id'], contentType: req.headers['content-type'], body: req.body, verified: check.ok, duplicate: false, fault: fault.kind });
      }
    },
  );

  return { ...server, received, booked };
}

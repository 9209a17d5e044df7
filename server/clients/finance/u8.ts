import { classifyOutbound } from '../delivery-outcome';
import { outboundFetch } from '../http';
import type { DeliveryAttemptResult, FinanceClient, FinanceDelivery, FinanceTransportOptions } from './types';
import { parseU8Reply, u8VoucherNumber } from './u8-reply';

/**
 * Yonyou U8 EAI: the voucher XML `ledgerlink map` prints, POSTed to the EAI import page (commonly
 * http://<eai-server>/u8eai/import.asp). The EAI registration (sender) inside the document identifies us and the
 * account set; there is no login. Business refusals come back as HTTP 200 with succeed ≠ 0.
 *
 * The document carries the OA reference as reserve2 (外部凭证业务号), written by our serialiser from the voucher's
 * reference. U8 documents no lookup by reserve2 and no deduplication on it, so after an attempt whose outcome is
 * unknown nothing is re-sent: the delivery goes dead with the reference to check in U8, because a second post
 * could book the claim twice.
 */
export interface U8TargetConfig extends FinanceTransportOptions {
  /** The EAI import URL. */
  url: string;
}

export function createU8Client(config: U8TargetConfig): FinanceClient {
  return {
    async deliver(d: FinanceDelivery): Promise<DeliveryAttemptResult> {
      const sourceKey = elementText(d.documentText, 'reserve2');
      if (!sourceKey) {
        return { outcome: 'dead', error: 'the U8 document carries no reserve2 (外部凭证业务号): a voucher U8 cannot trace back to its claim is not sent', durationMs: 0 };
      }
      if (d.outcomeUnknown) {
        return {
          outcome: 'dead',
          error:
            `a previous post may have been booked and U8 EAI cannot be asked for it: look in U8 for a voucher with ` +
            `外部凭证业务号 (reserve2) "${sourceKey}" — if there is none, replay this run`,
          durationMs: 0,
        };
      }
      const result = await outboundFetch(
        {
          method: 'POST',
          url: config.url,
          headers: { 'content-type': `${d.contentType}; charset=utf-8`, accept: 'application/xml, text/xml' },
          body: d.documentText,
          timeoutMs: config.timeoutMs,
        },
        config.policy,
      );
      const classified = classifyOutbound(result);
      const durationMs = result.durationMs;
      if (classified.outcome !== 'delivered' || result.kind !== 'response') return { ...classified, durationMs };

      const items = parseU8Reply(result.bodyText);
      if (!items || items.length === 0) {
        // EAI took the document and answered something else (an ASP error page, an empty body): booked or not?
        return { ...classified, outcome: 'unknown', error: 'U8 EAI answered with no <ufinterface><item> result', durationMs };
      }
      const refused = items.filter((i) => i.succeed !== '0');
      if (refused.length > 0) {
        const why = refused.map((i) => (i.entryId ? `entry ${i.entryId}: ${i.dsc}` : i.dsc) || `succeed=${i.succeed}`).join('; ');
        return { ...classified, outcome: 'dead', error: `U8 refused the voucher: ${why}`, durationMs };
      }
      const number = u8VoucherNumber(items[0], elementText(d.documentText, 'fiscal_year'));
      return { ...classified, outcome: 'delivered', ...(number ? { voucherNumber: number } : {}), durationMs };
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first `<name>` element in our own serialiser's output (leaf elements, the five XML entities). */
function elementText(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m?.[1].replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]).trim() || undefined;
}

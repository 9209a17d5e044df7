import { Decimal } from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { startSimServer, type FinanceFault, type SimReply, type SimServerOptions } from './finance-sim-server';

/**
 * A U8 EAI import page stand-in: takes `ufinterface roottag="voucher"` documents, checks each voucher balances
 * (natural_debit_currency = natural_credit_currency) and names a preparer, numbers it per type and period
 * (记-1, 记-2…, as u8voucher_id) and answers in the EAI reply shape integrators quote.
 */

export interface U8Received {
  body: string;
  contentType: string | undefined;
  fault?: FinanceFault['kind'];
}

export interface BookedU8Voucher {
  voucherType: string;
  period: string;
  u8VoucherId: number;
  /** reserve2 (外部凭证业务号): the OA reference. */
  sourceKey: string;
}

export interface U8FinanceSimulator {
  url: string;
  close(): Promise<void>;
  failNext(count: number, fault: FinanceFault): void;
  /** Every request, faulted ones included. */
  received: U8Received[];
  booked: BookedU8Voucher[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (n) => n === 'voucher' || n === 'entry' });

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v));

export async function startU8FinanceSimulator(options: SimServerOptions = {}): Promise<U8FinanceSimulator> {
  const received: U8Received[] = [];
  const booked: BookedU8Voucher[] = [];

  function reply(sender: string, items: Array<Record<string, string>>): SimReply {
    const body =
      '<?xml version="1.0" encoding="utf-8"?>\n' +
      `<ufinterface roottag="voucheraddreturn" docid="" proc="add" sender="u8" receiver="${attr(sender)}" request-roottag="voucher">` +
      items.map((i) => `<item ${Object.entries(i).map(([k, v]) => `${k}="${attr(v)}"`).join(' ')}></item>`).join('') +
      '</ufinterface>';
    return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
  }

  const server = await startSimServer(
    options,
    (req) => {
      if (req.method !== 'POST') return { status: 405, body: 'POST the EAI document' };
      const doc = parser.parse(req.body) as { ufinterface?: Record<string, unknown> };
      const root = doc.ufinterface;
      if (!root || root['@roottag'] !== 'voucher') return reply('', [{ succeed: '1', dsc: '不是凭证导入文档 (roottag 应为 voucher)' }]);
      const sender = text(root['@sender']);
      const items = ((root.voucher as Array<Record<string, unknown>>) ?? []).map((v) => {
        const head = (v.voucher_head ?? {}) as Record<string, unknown>;
        const entries = ((v.voucher_body as { entry?: Array<Record<string, unknown>> } | undefined)?.entry ?? []) as Array<Record<string, unknown>>;
        const type = text(head.voucher_type) || '记';
        const period = text(head.accounting_period);
        const base = { accounting_period: period, voucher_type: type, voucher_id: text(v['@id']), entry_id: '' };
        const refuse = (dsc: string) => ({ ...base, succeed: '1', dsc, u8accounting_period: period, u8voucher_id: '' });
        if (!text(head.enter)) return refuse('制单人不能为空');
        if (entries.length === 0) return refuse('凭证分录不能为空');
        let debit = new Decimal(0);
        let credit = new Decimal(0);
        for (const e of entries) {
          debit = debit.plus(text(e.natural_debit_currency) || '0');
          credit = credit.plus(text(e.natural_credit_currency) || '0');
        }
        if (!debit.equals(credit)) return refuse(`借贷不平衡 (借 ${debit.toFixed(2)} 贷 ${credit.toFixed(2)})`);
        const id = booked.filter((b) => b.voucherType === type && b.period === period).length + 1;
        booked.push({ voucherType: type, period, u8VoucherId: id, sourceKey: text(head.reserve2) });
        return { ...base, succeed: '0', dsc: '凭证已成功保存', u8accounting_period: period, u8voucher_id: String(id) };
      });
      return reply(sender, items);
    },
    undefined,
    (req, fault) => received.push({ body: req.body, contentType: req.headers['content-type'], ...(fault ? { fault: fault.kind } : {}) }),
  );

  return { url: server.url, close: server.close, failNext: server.failNext, received, booked };
}

import { XMLParser } from 'fast-xml-parser';

/**
 * The U8 EAI reply (vendor-notes §3.2, as integrators quote real output):
 *   <ufinterface roottag="voucheraddreturn" …><item voucher_type="记" succeed="0" dsc="凭证已成功保存"
 *     u8accounting_period="7" u8voucher_id="18" …/></ufinterface>
 * `succeed` 0 = booked, anything else = refused with `dsc` saying why; a refusal may list several items (one per
 * faulty entry). Shared by the U8 client and its simulator.
 */

export interface U8ReplyItem {
  succeed: string;
  dsc: string;
  voucherType: string;
  u8VoucherId: string;
  u8Period: string;
  entryId: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Attribute values are text: "0018" must not become 18, nor "0" a number that fails an equality with "0".
  parseAttributeValue: false,
  isArray: (name) => name === 'item',
  processEntities: true,
  htmlEntities: false,
});

/** The reply's items, or null when the text is not an EAI reply at all. */
export function parseU8Reply(text: string): U8ReplyItem[] | null {
  let doc: { ufinterface?: { item?: Array<Record<string, unknown>> } | string };
  try {
    doc = parser.parse(text) as typeof doc;
  } catch {
    return null;
  }
  const root = doc?.ufinterface;
  if (!root || typeof root !== 'object') return null;
  const items = root.item ?? [];
  const attr = (item: Record<string, unknown>, name: string) => (typeof item[name] === 'string' ? (item[name] as string).trim() : '');
  return items.map((item) => ({
    succeed: attr(item, 'succeed'),
    dsc: attr(item, 'dsc'),
    voucherType: attr(item, 'voucher_type'),
    u8VoucherId: attr(item, 'u8voucher_id'),
    u8Period: attr(item, 'u8accounting_period') || attr(item, 'accounting_period'),
    entryId: attr(item, 'entry_id'),
  }));
}

/**
 * The number an accountant finds the voucher by: U8 numbers vouchers per type and period, so "记-0018" alone is
 * ambiguous across months; the year comes from our document (the reply carries none).
 */
export function u8VoucherNumber(item: U8ReplyItem, fiscalYear: string | undefined): string | undefined {
  if (!/^\d+$/.test(item.u8VoucherId)) return undefined;
  const number = `${item.voucherType || '记'}-${item.u8VoucherId.padStart(4, '0')}`;
  if (!fiscalYear || !/^\d+$/.test(item.u8Period)) return number;
  return `${fiscalYear}-${item.u8Period.padStart(2, '0')} ${number}`;
}

import type { Dimension, EntryLine, Voucher } from '../engine/voucher';
import { LedgerFormatError, dateText, integerText, lineSide, moneyText } from './common';
import { leaf, xmlAttr, xmlText } from './xml';

/**
 * Yonyou U8 EAI general-ledger voucher (`ufinterface roottag="voucher" billtype="gl"`), element for element in the
 * order of the EAI template, so U8's importer (which is strict about the sequence) accepts it. The mapping has
 * already translated accounts and dimension values into U8 codes; they are written exactly as given.
 */

export interface U8Options {
  /** EAI receiver: the U8 account set / EAI node the document is addressed to. Default `996`. */
  receiver?: string;
  /** EAI sender: the external system code registered in U8 for Ledgerlink. Default `oa2gl`. */
  sender?: string;
  /** `voucher_head/company`; U8 fills it from the account set when empty (the usual case). */
  company?: string;
  /** 项目大类 (item_class): U8 needs it beside item_id when a line carries a project. */
  projectClass?: string;
}

/** Auxiliary-accounting item names, in the order the EAI template lists them. */
const U8_ITEMS: ReadonlyArray<readonly [Dimension, string]> = [
  ['department', 'dept_id'],
  ['employee', 'personnel_id'],
  ['customer', 'cust_id'],
  ['supplier', 'supplier_id'],
  ['project', 'item_id'],
];

/** Dimensions U8 vouchers can carry; cost centre has no auxiliary item in U8 GL. */
export const U8_DIMENSIONS: readonly Dimension[] = U8_ITEMS.map(([d]) => d);

function head(voucher: Voucher, options: U8Options): string[] {
  const h = voucher.header;
  if (!h.voucherWord) {
    throw new LedgerFormatError('missing_voucher_word', 'U8 needs the voucher type (凭证类别, e.g. 记)');
  }
  const i = '      ';
  const e = (name: string, text = '') => leaf(i, name, text);
  return [
    '    <voucher_head>',
    e('company', options.company ?? ''),
    e('voucher_type', h.voucherWord),
    e('fiscal_year', integerText(h.fiscalYear, 'fiscal year')),
    e('accounting_period', integerText(h.period, 'period')),
    // Empty: U8 numbers the voucher within its type and period.
    e('voucher_id'),
    e('attachment_number', integerText(h.attachments, 'attachments')),
    e('date', dateText(h.date)),
    e('auditdate'),
    // 制单人: must be a U8 operator name.
    e('enter', h.preparer ?? ''),
    e('cashier'),
    e('signature'),
    e('checker'),
    e('posting_date'),
    e('posting_person'),
    e('voucher_making_system'),
    e('memo1'),
    e('memo2'),
    e('reserve1'),
    e('reserve2'),
    e('revokeflag'),
    '    </voucher_head>',
  ];
}

function auxiliary(line: EntryLine, index: number, options: U8Options): string[] {
  const items: string[] = [];
  for (const [dim, name] of U8_ITEMS) {
    const value = line.dimensions[dim];
    if (value === undefined || value === null || value === '') continue;
    if (dim === 'project' && options.projectClass) {
      items.push(`          <item name="item_class">${xmlText(options.projectClass)}</item>`);
    }
    items.push(`          <item name="${xmlAttr(name)}">${xmlText(value)}</item>`);
  }
  const cc = line.dimensions.costCentre;
  if (cc !== undefined && cc !== null && cc !== '') {
    throw new LedgerFormatError('unsupported_dimension', 'U8 vouchers have no cost-centre item', index + 1);
  }
  // No dimension → no auxiliary_accounting element at all, as on the VAT line of the sample.
  return items.length === 0 ? [] : ['        <auxiliary_accounting>', ...items, '        </auxiliary_accounting>'];
}

function entry(line: EntryLine, index: number, options: U8Options): string[] {
  const side = lineSide(line, index);
  const debit = moneyText(line.debit, index + 1);
  const credit = moneyText(line.credit, index + 1);
  const i = '        ';
  const e = (name: string, text = '') => leaf(i, name, text);
  return [
    '      <entry>',
    e('entry_id', String(index + 1)),
    e('account_code', line.account),
    e('abstract', line.summary),
    e('settlement'),
    e('document_id'),
    e('document_date'),
    // Local-currency (本位币) voucher: currency, rates, quantities and original-currency amounts stay empty/0.
    e('currency'),
    e('unit_price', '0'),
    e('exchange_rate1', '0'),
    e('exchange_rate2', '0'),
    e('debit_quantity', '0'),
    e('primary_debit_amount', '0'),
    e('secondary_debit_amount', '0'),
    // natural_* are the local amounts; U8 wants the unused side as "0" (the two may not both be empty).
    e('natural_debit_currency', side === 'debit' ? debit : '0'),
    e('credit_quantity', '0'),
    e('primary_credit_amount', '0'),
    e('secondary_credit_amount', '0'),
    e('natural_credit_currency', side === 'credit' ? credit : '0'),
    e('bill_type'),
    e('bill_id'),
    e('bill_date'),
    ...auxiliary(line, index, options),
    '      </entry>',
  ];
}

/** The complete EAI document as UTF-8 XML text (2-space indented, as the sample). */
export function serialiseU8(voucher: Voucher, options: U8Options = {}): string {
  const receiver = options.receiver ?? '996';
  const sender = options.sender ?? 'oa2gl';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<ufinterface roottag="voucher" billtype="gl" receiver="${xmlAttr(receiver)}" sender="${xmlAttr(sender)}"` +
      ' proc="add" codeexchanged="N">',
    // The voucher id attribute is echoed in U8's reply, so it carries our reference to match the two.
    `  <voucher id="${xmlAttr(voucher.header.reference ?? '')}">`,
    ...head(voucher, options),
    '    <voucher_body>',
    ...voucher.lines.flatMap((l, idx) => entry(l, idx, options)),
    '    </voucher_body>',
    '  </voucher>',
    '</ufinterface>',
  ];
  return lines.join('\n') + '\n';
}

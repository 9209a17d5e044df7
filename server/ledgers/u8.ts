import type { LocalLine } from '../engine/local-amounts';
import type { Dimension, EntryLine, Voucher } from '../engine/voucher';
import { CATALOGUES } from './catalogues';
import { LedgerFormatError, currencyAmountText, dateText, decimalText, integerText, lineSide, localLines, moneyText } from './common';
import type { U8Options } from './options-schemas';
import { leaf, xmlAttr, xmlText } from './xml';

/**
 * Yonyou U8 EAI general-ledger voucher (`ufinterface roottag="voucher" billtype="gl"`), element for element in the
 * order of the EAI template, so U8's importer (which is strict about the sequence) accepts it. The mapping has
 * already translated accounts and dimension values into U8 codes; they are written exactly as given.
 */

/** Auxiliary-accounting item names, in the order the EAI template lists them. */
const U8_ITEMS: ReadonlyArray<readonly [Dimension, string]> = [
  ['department', 'dept_id'],
  ['employee', 'personnel_id'],
  ['customer', 'cust_id'],
  ['supplier', 'supplier_id'],
  ['project', 'item_id'],
];

const SCALE = CATALOGUES['u8-voucher-xml'].moneyScale;

/** Dimensions U8 vouchers can carry; cost centre, expense item and custom dimensions have no auxiliary item here. */
export const U8_DIMENSIONS: readonly Dimension[] = U8_ITEMS.map(([d]) => d);

function head(voucher: Voucher, options: U8Options): string[] {
  const h = voucher.header;
  // A mapped header field wins; the setting is the default for a field the mapping leaves empty.
  const voucherType = h.voucherWord || options.voucherType;
  const preparer = h.preparer || options.preparer;
  // U8 refuses a voucher without 制单人 (or books it under whoever runs the import): never send it empty.
  if (!preparer) throw new LedgerFormatError('missing_preparer', 'U8 needs the preparer (制单人): map it or set preparer');
  const i = '      ';
  const e = (name: string, text = '') => leaf(i, name, text);
  return [
    '    <voucher_head>',
    e('company', options.company ?? ''),
    e('voucher_type', voucherType),
    e('fiscal_year', integerText(h.fiscalYear, 'fiscal year')),
    e('accounting_period', integerText(h.period, 'period')),
    // Empty: U8 numbers the voucher within its type and period.
    e('voucher_id'),
    e('attachment_number', integerText(h.attachments, 'attachments')),
    e('date', dateText(h.date)),
    e('auditdate'),
    // 制单人: must be a U8 operator name.
    e('enter', preparer),
    e('cashier'),
    e('signature'),
    e('checker'),
    e('posting_date'),
    e('posting_person'),
    // U8 takes an external voucher number (reserve2) only from the "CDM" voucher-making system.
    e('voucher_making_system', h.reference ? 'CDM' : ''),
    e('memo1'),
    e('memo2'),
    e('reserve1'),
    // The source key: the OA reference, so a re-sent claim is recognised in U8 by the voucher it already made.
    e('reserve2', h.reference ?? ''),
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
  for (const [dim, value] of Object.entries(line.dimensions)) {
    if (value && !(U8_DIMENSIONS as readonly string[]).includes(dim))
      throw new LedgerFormatError('unsupported_dimension', `U8 vouchers have no auxiliary item for the dimension "${dim}"`, index + 1);
  }
  // No dimension → no auxiliary_accounting element at all, as on the VAT line of the sample.
  return items.length === 0 ? [] : ['        <auxiliary_accounting>', ...items, '        </auxiliary_accounting>'];
}

function entry(line: EntryLine, local: LocalLine, index: number, options: U8Options): string[] {
  const side = lineSide(line, index);
  const n = index + 1;
  const localDebit = side === 'debit' ? moneyText(local.localDebit, SCALE, n) : '0';
  const localCredit = side === 'credit' ? moneyText(local.localCredit, SCALE, n) : '0';
  // A foreign line carries its currency, rate and original amount (primary_*) beside the local one (natural_*);
  // a local-currency (本位币) line leaves currency, rate and original amounts empty/0.
  const currency = local.foreign ? (options.currencyMap[local.currency] ?? local.currency) : '';
  const rate = local.foreign ? decimalText(local.rate, n) : '0';
  const original = (amount: typeof local.debit) => (local.foreign ? currencyAmountText(amount, local.currency, n) : '0');
  const i = '        ';
  const e = (name: string, text = '') => leaf(i, name, text);
  return [
    '      <entry>',
    e('entry_id', String(n)),
    e('account_code', line.account),
    e('abstract', line.summary),
    e('settlement'),
    e('document_id'),
    e('document_date'),
    e('currency', currency),
    e('unit_price', '0'),
    e('exchange_rate1', rate),
    e('exchange_rate2', '0'),
    e('debit_quantity', '0'),
    e('primary_debit_amount', side === 'debit' ? original(local.debit) : '0'),
    e('secondary_debit_amount', '0'),
    // natural_* are the local amounts; U8 wants the unused side as "0" (the two may not both be empty).
    e('natural_debit_currency', localDebit),
    e('credit_quantity', '0'),
    e('primary_credit_amount', side === 'credit' ? original(local.credit) : '0'),
    e('secondary_credit_amount', '0'),
    e('natural_credit_currency', localCredit),
    e('bill_type'),
    e('bill_id'),
    e('bill_date'),
    ...auxiliary(line, index, options),
    '      </entry>',
  ];
}

/** The complete EAI document as UTF-8 XML text (2-space indented, as the sample). */
export function serialiseU8(voucher: Voucher, options: U8Options): string {
  const { receiver, sender } = options;
  // The settings are parsed before a run; a caller passing them by hand still cannot send an anonymous document.
  if (!sender) throw new LedgerFormatError('missing_sender', 'U8 needs the EAI sender (the account set\'s registration code)');
  const local = localLines(voucher, options.localCurrency, SCALE);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<ufinterface roottag="voucher" billtype="gl" receiver="${xmlAttr(receiver)}" sender="${xmlAttr(sender)}"` +
      ' proc="add" codeexchanged="N">',
    // The voucher id attribute is echoed in U8's reply, so it carries our reference to match the two.
    `  <voucher id="${xmlAttr(voucher.header.reference ?? '')}">`,
    ...head(voucher, options),
    '    <voucher_body>',
    ...voucher.lines.flatMap((l, idx) => entry(l, local.lines[idx], idx, options)),
    '    </voucher_body>',
    '  </voucher>',
    '</ufinterface>',
  ];
  return lines.join('\n') + '\n';
}

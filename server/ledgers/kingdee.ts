import type { LocalLine } from '../engine/local-amounts';
import { DIMENSIONS, type EntryLine, type Voucher } from '../engine/voucher';
import { CATALOGUES } from './catalogues';
import {
  LedgerFormatError,
  currencyAmountText,
  dateText,
  decimalText,
  integerText,
  lineSide,
  localLines,
  moneyText,
  numberText,
  type JsonOut,
} from './common';
import { defaultTargetOptions, type KingdeeOptions } from './options-schemas';
import { PrettyJson } from './pretty-json';

/**
 * Kingdee K/3 Cloud WebAPI Save body for FormId GL_VOUCHER (总账凭证): the Save object with its flags and Model,
 * not the HTTP envelope (see `kingdeeSaveEnvelope`).
 */
export const KINGDEE_FORM_ID = 'GL_VOUCHER';

/**
 * The Save flags as integrations send them (strings, like the sample; Kingdee accepts strings or booleans).
 * IsVerifyBaseDataField comes from the settings (default true): unverified, Kingdee drops a wrong dimension number.
 */
const SAVE_FLAGS: Record<string, JsonOut> = Object.freeze({
  NeedUpDateFields: [],
  NeedReturnFields: [],
  IsDeleteEntry: 'true',
  SubSystemId: '',
  IsVerifyBaseDataField: 'true',
  IsEntryBatchFill: 'true',
  ValidateFlag: 'true',
  NumberSearch: 'true',
  InterationFlags: '',
  IsAutoSubmitAndAudit: 'false',
});
const SAVE_FLAG_KEYS = Object.keys(SAVE_FLAGS);

const SCALE = CATALOGUES['kingdee-gl-voucher'].moneyScale;
const DEFAULT_OPTIONS = defaultTargetOptions('kingdee-gl-voucher');

/** `{"FNumber": code}` under `key`; no member at all for an empty code. */
function ref(w: PrettyJson, key: string, code: string | null): void {
  if (code === null || code === '') return;
  w.beginObject(key);
  w.value('FNumber', code);
  w.end();
}

/**
 * FDetailID: each dimension the line carries under the flex field the settings assign it (`FDETAILID__FFLEX5`,
 * `FDETAILID__FF100001`), as `{"FNumber": code}`. Kingdee resolves the number in the base-data form bound to that
 * flex field; the settings name the form so the panel can show it and a custom 核算维度 is configured knowingly.
 */
function detailId(w: PrettyJson, line: EntryLine, index: number, options: KingdeeOptions): void {
  // No dimension → no FDetailID key at all: Kingdee rejects an empty detail on accounts without 核算维度.
  let written: string[] | null = null;
  for (const dim of DIMENSIONS) {
    const value = line.dimensions[dim];
    if (value === undefined || value === null || value === '') continue;
    const target = options.dimensionMap[dim];
    if (!target) {
      throw new LedgerFormatError(
        'unmapped_dimension',
        `dimension "${dim}" has no Kingdee flex field; add it to the dimension map in the target settings`,
        index + 1,
      );
    }
    const key = `FDETAILID__${target.field}`;
    if (written === null) {
      written = [];
      w.beginObject('FDetailID');
    }
    if (written.includes(key)) throw new LedgerFormatError('flex_clash', `two dimensions map to ${key}`, index + 1);
    written.push(key);
    ref(w, key, value);
  }
  if (written !== null) w.end();
}

function entry(w: PrettyJson, line: EntryLine, local: LocalLine, index: number, options: KingdeeOptions): void {
  const side = lineSide(line, index);
  const n = index + 1;
  const currencyNumber = Object.hasOwn(options.currencyMap, local.currency) ? options.currencyMap[local.currency] : undefined;
  if (currencyNumber === undefined) {
    throw new LedgerFormatError('unmapped_currency', `currency ${local.currency} has no Kingdee currency number; add it to the currency map in the target settings`, n);
  }
  // FAMOUNTFOR: the amount in the line's own currency (its decimals: yen has none); FDEBIT/FCREDIT: the local amount,
  // original × FEXCHANGERATE rounded half up, rounding difference already absorbed so the voucher balances.
  const amountFor = currencyAmountText(side === 'credit' ? local.credit : local.debit, local.currency, n);
  w.beginObject(null);
  w.value('FEXPLANATION', line.summary);
  w.beginObject('FACCOUNTID');
  w.value('FNumber', line.account);
  w.end();
  detailId(w, line, index, options);
  ref(w, 'FCURRENCYID', currencyNumber);
  ref(w, 'FEXCHANGERATETYPE', line.exchangeRateType || options.exchangeRateType);
  w.raw('FEXCHANGERATE', numberText(decimalText(local.rate, n)));
  w.raw('FAMOUNTFOR', numberText(amountFor));
  // The empty side is written as a bare 0, as Kingdee's own samples do.
  w.raw('FDEBIT', numberText(side === 'debit' ? moneyText(local.localDebit, SCALE, n) : '0'));
  w.raw('FCREDIT', numberText(side === 'credit' ? moneyText(local.localCredit, SCALE, n) : '0'));
  w.end();
}

/**
 * The GL_VOUCHER Save object as pretty (2-space) JSON text; amounts are JSON numbers written from Decimal text.
 * Written member by member in the Save object's order, which is also the order its checks run in.
 */
export function serialiseKingdee(voucher: Voucher, options: KingdeeOptions = DEFAULT_OPTIONS): string {
  const h = voucher.header;
  // A mapped header field wins; the setting is the default for a field the mapping leaves empty.
  const book = h.book || options.accountBook;
  const voucherGroup = h.voucherWord || options.voucherGroup;
  if (!book) throw new LedgerFormatError('missing_book', 'Kingdee needs the account book (账簿): map it or set accountBook');
  if (!voucherGroup) throw new LedgerFormatError('missing_voucher_word', 'Kingdee needs the voucher group (凭证字): map it or set voucherGroup');
  const local = localLines(voucher, options.localCurrency, SCALE);
  const w = new PrettyJson();
  w.beginObject();
  for (const key of SAVE_FLAG_KEYS) {
    w.value(key, key === 'IsVerifyBaseDataField' ? String(options.isVerifyBaseDataField) : SAVE_FLAGS[key]);
  }
  w.beginObject('Model');
  // 0 = new voucher; Kingdee assigns the id and, with FVOUCHERGROUPNO empty, the number within the group.
  w.raw('FVOUCHERID', numberText('0'));
  ref(w, 'FAccountBookID', book);
  w.value('FDate', dateText(h.date));
  // Business date = voucher date: an expense claim is booked on the day it is posted.
  w.value('FBUSDATE', h.date);
  w.raw('FYEAR', numberText(integerText(h.fiscalYear, 'fiscal year')));
  w.raw('FPERIOD', numberText(integerText(h.period, 'period')));
  ref(w, 'FVOUCHERGROUPID', voucherGroup);
  w.value('FVOUCHERGROUPNO', '');
  w.raw('FATTACHMENTS', numberText(integerText(h.attachments, 'attachments')));
  w.value('FISADJUSTVOUCHER', 'false');
  w.value('FDocumentStatus', '');
  w.beginArray('FEntity');
  voucher.lines.forEach((l, i) => entry(w, l, local.lines[i], i, options));
  w.end();
  w.end();
  w.end();
  return w.text();
}

/**
 * The raw HTTP body for `DynamicFormService.Save`: `{"formid":"GL_VOUCHER","data":"<Save object JSON>"}`.
 * `data` is a JSON *string*, so the Save object is encoded exactly once more here — never pass it pre-quoted.
 */
export function kingdeeSaveEnvelope(saveObjectJson: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(saveObjectJson);
  } catch {
    throw new LedgerFormatError('bad_save_object', 'the Save object is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('Model' in parsed)) {
    throw new LedgerFormatError('bad_save_object', 'the Save object must be a JSON object with a Model');
  }
  return JSON.stringify({ formid: KINGDEE_FORM_ID, data: saveObjectJson });
}

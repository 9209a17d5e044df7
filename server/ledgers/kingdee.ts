import Decimal from 'decimal.js';
import { DIMENSIONS, type Dimension, type EntryLine, type Voucher } from '../engine/voucher';
import {
  LedgerFormatError,
  dateText,
  decimalText,
  integerText,
  lineSide,
  moneyText,
  numberText,
  type JsonOut,
} from './common';
import { PrettyJson } from './pretty-json';

/**
 * Kingdee K/3 Cloud WebAPI Save body for FormId GL_VOUCHER (总账凭证): the Save object with its flags and Model,
 * not the HTTP envelope (see `kingdeeSaveEnvelope`).
 */
export const KINGDEE_FORM_ID = 'GL_VOUCHER';

/**
 * Auxiliary dimensions (核算维度) sit on FDetailID under tenant-specific flex keys. The defaults are the common
 * K/3 Cloud assignment (FLEX4 供应商, FLEX5 部门, FLEX6 客户, FLEX7 员工); custom dimensions are `FDETAILID__FF1000xx`
 * and must be supplied per tenant (confirm with QueryBusinessInfo).
 */
export const DEFAULT_KINGDEE_FLEX_MAP: Readonly<Partial<Record<Dimension, string>>> = Object.freeze({
  department: 'FDETAILID__FFLEX5',
  customer: 'FDETAILID__FFLEX6',
  employee: 'FDETAILID__FFLEX7',
  supplier: 'FDETAILID__FFLEX4',
});

export interface KingdeeOptions {
  /** Dimension → FDetailID key; merged over the defaults. A dimension without a key makes the line fail. */
  flexMap?: Partial<Record<Dimension, string>>;
}

const FLEX_KEY = /^FDETAILID__F[A-Z0-9_]+$/i;

function checkedFlexMap(flexMap: Partial<Record<Dimension, string>>): Partial<Record<Dimension, string>> {
  for (const [dim, key] of Object.entries(flexMap)) {
    if (key !== undefined && !FLEX_KEY.test(key)) {
      throw new LedgerFormatError('bad_flex_key', `"${key}" for ${dim} is not an FDETAILID__ field`);
    }
  }
  return flexMap;
}
const DEFAULT_FLEX = checkedFlexMap(DEFAULT_KINGDEE_FLEX_MAP);

/** The Save flags as integrations send them (strings, like the sample; Kingdee accepts strings or booleans). */
const SAVE_FLAGS: Record<string, JsonOut> = Object.freeze({
  NeedUpDateFields: [],
  NeedReturnFields: [],
  IsDeleteEntry: 'true',
  SubSystemId: '',
  IsVerifyBaseDataField: 'false',
  IsEntryBatchFill: 'true',
  ValidateFlag: 'true',
  NumberSearch: 'true',
  InterationFlags: '',
  IsAutoSubmitAndAudit: 'false',
});
const SAVE_FLAG_KEYS = Object.keys(SAVE_FLAGS);

const ONE = new Decimal(1);

/** `{"FNumber": code}` under `key`; no member at all for an empty code. */
function ref(w: PrettyJson, key: string, code: string | null): void {
  if (code === null || code === '') return;
  w.beginObject(key);
  w.value('FNumber', code);
  w.end();
}

function detailId(w: PrettyJson, line: EntryLine, index: number, flexMap: Partial<Record<Dimension, string>>): void {
  // No dimension → no FDetailID key at all: Kingdee rejects an empty detail on accounts without 核算维度.
  let written: string[] | null = null;
  for (const dim of DIMENSIONS) {
    const value = line.dimensions[dim];
    if (value === undefined || value === null || value === '') continue;
    const key = flexMap[dim];
    if (!key) {
      throw new LedgerFormatError(
        'unmapped_dimension',
        `dimension "${dim}" has no Kingdee FDetailID flex field; add it to the flex map`,
        index + 1,
      );
    }
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

function entry(w: PrettyJson, line: EntryLine, index: number, flexMap: Partial<Record<Dimension, string>>): void {
  const side = lineSide(line, index);
  const debit = moneyText(line.debit, index + 1);
  const credit = moneyText(line.credit, index + 1);
  // FAMOUNTFOR is the original-currency amount of whichever side the line posts to; FDEBIT/FCREDIT the local
  // amounts. The voucher model carries one amount per side, so both are the same figure (exact at rate 1).
  const amountFor = side === 'credit' ? credit : debit;
  const rate = line.exchangeRate ?? ONE;
  w.beginObject(null);
  w.value('FEXPLANATION', line.summary);
  w.beginObject('FACCOUNTID');
  w.value('FNumber', line.account);
  w.end();
  detailId(w, line, index, flexMap);
  ref(w, 'FCURRENCYID', line.currency);
  ref(w, 'FEXCHANGERATETYPE', line.exchangeRateType);
  w.raw('FEXCHANGERATE', numberText(decimalText(rate, index + 1)));
  w.raw('FAMOUNTFOR', numberText(amountFor));
  // The empty side is written as a bare 0, as Kingdee's own samples do.
  w.raw('FDEBIT', numberText(side === 'debit' ? debit : '0'));
  w.raw('FCREDIT', numberText(side === 'credit' ? credit : '0'));
  w.end();
}

/**
 * The GL_VOUCHER Save object as pretty (2-space) JSON text; amounts are JSON numbers written from Decimal text.
 * Written member by member in the Save object's order, which is also the order its checks run in.
 */
export function serialiseKingdee(voucher: Voucher, options: KingdeeOptions = {}): string {
  const flexMap = options.flexMap ? checkedFlexMap({ ...DEFAULT_KINGDEE_FLEX_MAP, ...options.flexMap }) : DEFAULT_FLEX;
  const h = voucher.header;
  if (!h.book) throw new LedgerFormatError('missing_book', 'Kingdee needs the account book (账簿)');
  if (!h.voucherWord) throw new LedgerFormatError('missing_voucher_word', 'Kingdee needs the voucher word (凭证字)');
  const w = new PrettyJson();
  w.beginObject();
  for (const key of SAVE_FLAG_KEYS) w.value(key, SAVE_FLAGS[key]);
  w.beginObject('Model');
  // 0 = new voucher; Kingdee assigns the id and, with FVOUCHERGROUPNO empty, the number within the group.
  w.raw('FVOUCHERID', numberText('0'));
  ref(w, 'FAccountBookID', h.book);
  w.value('FDate', dateText(h.date));
  // Business date = voucher date: an expense claim is booked on the day it is posted.
  w.value('FBUSDATE', h.date);
  w.raw('FYEAR', numberText(integerText(h.fiscalYear, 'fiscal year')));
  w.raw('FPERIOD', numberText(integerText(h.period, 'period')));
  ref(w, 'FVOUCHERGROUPID', h.voucherWord);
  w.value('FVOUCHERGROUPNO', '');
  w.raw('FATTACHMENTS', numberText(integerText(h.attachments, 'attachments')));
  w.value('FISADJUSTVOUCHER', 'false');
  w.value('FDocumentStatus', '');
  w.beginArray('FEntity');
  voucher.lines.forEach((l, i) => entry(w, l, i, flexMap));
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

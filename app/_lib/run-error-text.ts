import { RECORD_META, type Labels, type RecordMetaKey } from '#server/engine/form-record';
import type { PreviewErrorView } from '#server/pipeline/preview-view';
import type { MessageKey, Translate } from '../_i18n/messages';

/**
 * The placeholders each wording needs; a wording missing one of them is skipped. `field` is the voucher field's
 * label, `place` the OA field (and detail row) the error names, `node` the mapping node that raised it; the others
 * are the figures server/pipeline/error-wording.ts gives.
 */
const NEEDS: Record<string, readonly string[]> = {
  required: ['field'],
  too_many_decimals: ['field', 'value', 'scale'],
  not_a_date: ['field', 'value'],
  not_a_boolean: ['field', 'value'],
  // The same two about a value on its way into a function, where no voucher field is to blame.
  not_a_date_bare: ['value'],
  not_a_boolean_bare: ['value'],
  too_long: ['field', 'length', 'max'],
  not_a_number: ['value'],
  not_a_datetime: ['value'],
  lookup_miss: ['value', 'table', 'column'],
  lookup_miss_dated: ['value', 'table', 'column', 'dateColumn'],
  lookup_no_date: ['value', 'table', 'dateColumn'],
  bad_date: ['value'],
  bad_rate: ['value'],
  division_by_zero: ['value'],
  too_few_lines: ['value'],
  negative_amount: ['line', 'value'],
  one_side: ['line', 'debit', 'credit'],
  unknown_account: ['line', 'value'],
  account_not_postable: ['line', 'value'],
  unbalanced: ['debit', 'credit', 'difference'],
  bad_json: ['line', 'column'],
  empty_input: ['name'],
  empty_input_row: ['name', 'row'],
  multi_valued: ['place', 'count', 'values'],
  multi_valued_bare: ['count', 'values'],
  currency_mixed: ['place', 'currency', 'otherCurrency'],
  currency_mixed_bare: ['currency', 'otherCurrency'],
  currency_mismatch: ['line', 'place', 'amountCurrency', 'lineCurrency'],
  currency_mismatch_bare: ['line', 'amountCurrency', 'lineCurrency'],
  inexact_number: ['place', 'value'],
  inexact_number_bare: ['value'],
  unknown_currency: ['line', 'value'],
  currency_decimals: ['line', 'value'],
  local_rate_not_one: ['line', 'value'],
  missing_exchange_rate: ['line', 'value', 'localCurrency'],
  bad_exchange_rate: ['line', 'value'],
  converted_to_zero: ['line', 'localCurrency'],
  // The serialisers' own refusals: the settings a mapping's compile did not already flag.
  unmapped_currency: [],
  unmapped_dimension: [],
  missing_book: [],
  missing_voucher_word: [],
  missing_preparer: [],
  missing_sender: [],
  expression_float: ['node', 'value'],
  expression_object: ['node'],
  expression_budget: ['node'],
};

/**
 * The wordings of a code, most specific first: the first whose placeholders are all known is used. A code not
 * listed has one wording, its own.
 */
const WORDINGS: Record<string, readonly string[]> = {
  not_a_date: ['not_a_date', 'not_a_date_bare'],
  not_a_boolean: ['not_a_boolean', 'not_a_boolean_bare'],
  // An effective-dated table (rates by currency and date) names its date column too.
  lookup_miss: ['lookup_miss_dated', 'lookup_miss'],
  multi_valued: ['multi_valued', 'multi_valued_bare'],
  currency_mixed: ['currency_mixed', 'currency_mixed_bare'],
  currency_mismatch: ['currency_mismatch', 'currency_mismatch_bare'],
  inexact_number: ['inexact_number', 'inexact_number_bare'],
  empty_input: ['empty_input_row', 'empty_input'],
};

type Worded = Pick<PreviewErrorView, 'code' | 'message' | 'labels' | 'targetLabel' | 'params'> &
  Partial<Pick<PreviewErrorView, 'field' | 'fieldLabel' | 'row' | 'node' | 'nodeLabel'>>;

/**
 * A run error in the UI's language: the analyst's own wording of a failed check first, else the code worded from
 * its figures, the voucher field's label and the OA field it names, else the engine's message.
 */
export function runErrorText(e: Worded, t: Translate, label: (l: Labels | null | undefined) => string | null): string {
  const own = label(e.labels);
  if (own) return own;
  const values: Record<string, string> = { ...e.params };
  const field = label(e.targetLabel);
  if (field) values.field = field;
  // A value of the approval itself (`$finishedAt`) is named as the form tree names it.
  const meta = e.field?.startsWith('$') && e.field.slice(1) in RECORD_META ? (e.field.slice(1) as RecordMetaKey) : null;
  if (meta) values.name ??= t(`meta.${meta}`);
  const source = label(e.fieldLabel) ?? (meta ? t(`meta.${meta}`) : e.field);
  if (source) values.place = e.row ? t('runErrorPlace.row', { source, row: e.row }) : t('runErrorPlace.field', { source });
  const node = e.nodeLabel ?? e.node;
  if (node) values.node = node;
  for (const code of WORDINGS[e.code] ?? [e.code]) {
    const needs = NEEDS[code];
    if (needs && needs.every((k) => values[k])) return t(`runError.${code}` as MessageKey, values);
  }
  return e.message;
}

import type { Labels } from '#server/engine/form-record';
import type { PreviewErrorView } from '#server/pipeline/preview-view';
import type { MessageKey, Translate } from '../_i18n/messages';

/** The placeholders each worded code needs; a code missing one of them keeps the engine's (English) message. */
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
};

/** Codes worded without a field when the error names none. */
const BARE: Record<string, string> = { not_a_date: 'not_a_date_bare', not_a_boolean: 'not_a_boolean_bare' };

type Worded = Pick<PreviewErrorView, 'code' | 'message' | 'labels' | 'targetLabel' | 'params'>;

/**
 * A run error in the UI's language: the analyst's own wording of a failed check first, else the code worded from
 * its figures and the voucher field's label, else the engine's message.
 */
export function runErrorText(e: Worded, t: Translate, label: (l: Labels | null | undefined) => string | null): string {
  const own = label(e.labels);
  if (own) return own;
  const field = label(e.targetLabel);
  const code = !field && BARE[e.code] ? BARE[e.code] : e.code;
  const needs = NEEDS[code];
  if (!needs) return e.message;
  const values: Record<string, string> = { ...e.params };
  if (field) values.field = field;
  if (needs.some((k) => !values[k])) return e.message;
  return t(`runError.${code}` as MessageKey, values);
}

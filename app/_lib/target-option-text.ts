import type { Labels } from '#server/engine/form-record';
import type { TargetField } from '#server/engine/voucher';
import { TARGET_OPTION_SETTINGS, type TargetOptionProblem } from '#server/ledgers/options';
import type { MessageKey, Translate } from '../_i18n/messages';

/** Codes of the ledger-settings check (server/ledgers/options-check.ts): listed with the settings, not on a node. */
export const isTargetOptionProblem = (p: { code: string }): boolean => p.code.startsWith('target_option');

export interface OptionWordingContext {
  t: Translate;
  label: (l: Labels | null | undefined) => string | null;
  /** The target format's voucher fields, for the header field a setting stands in for and dimension names. */
  targetFields: readonly TargetField[];
}

/** What a value of the wrong JSON type should have been, in words a finance person uses. */
const EXPECTED: Record<string, MessageKey> = {
  boolean: 'editor.settings.expected.boolean',
  number: 'editor.settings.expected.number',
  string: 'editor.settings.expected.string',
  object: 'editor.settings.expected.object',
};

/** The setting's name as the panel shows it ("发送方 (sender)"), else its key. */
export function settingName(format: string | undefined, key: string | undefined, label: OptionWordingContext['label']): string {
  const settings = format && format in TARGET_OPTION_SETTINGS ? TARGET_OPTION_SETTINGS[format as keyof typeof TARGET_OPTION_SETTINGS] : [];
  return label(settings.find((s) => s.key === key)?.label) ?? key ?? '';
}

/** A voucher dimension's name: the target format's own label, else the studio's name for it. */
export function dimensionName(id: string, { t, label, targetFields }: OptionWordingContext): string {
  const own = label(targetFields.find((f) => f.group === 'line' && f.id === id)?.label);
  if (own) return own;
  const key = `editor.settings.dimensionNames.${id}` as MessageKey;
  const named = t(key);
  return named === key ? id : named;
}

/**
 * Why a value was refused, from where it sits: the schema's own reasons are English, so the common ones are
 * worded here by the place (a currency code, a flex field, a form id), the rest keep the schema's words.
 */
function reasonText(params: Record<string, string>, t: Translate): string {
  const path = (params.path ?? params.setting ?? '').split('.');
  if (path[0] === 'localCurrency' || (path[0] === 'currencyMap' && path.length === 2 && params.value === JSON.stringify(path[1])))
    return t('editor.settings.reason.currency');
  if (path[0] === 'dimensionMap' && path[2] === 'field') return t('editor.settings.reason.flexField');
  if (path[0] === 'dimensionMap' && path[2] === 'formId') return t('editor.settings.reason.formId');
  if (params.value === '""' || /^" +"$/.test(params.value ?? '')) return t('editor.settings.reason.empty');
  return params.reason ?? '';
}

/** A ledger-settings problem in the UI's language; codes it does not know keep the checker's English message. */
export function targetOptionText(p: TargetOptionProblem, { t, label, targetFields }: OptionWordingContext): string {
  const params = p.params;
  const setting = settingName(params.format, params.setting, label);
  const dimension = (id: string) => dimensionName(id, { t, label, targetFields });
  // A problem deeper than the setting names the entry too, as the panel's table shows it: "币别对照 › USD",
  // "核算维度对照 › 部门 › 金蝶维度字段".
  const COLUMN: Record<string, MessageKey> = { field: 'editor.settings.flexField', formId: 'editor.settings.formId' };
  const entry = (part: string, i: number) => (params.setting !== 'dimensionMap' ? part : i === 0 ? dimension(part) : COLUMN[part] ? t(COLUMN[part]) : part);
  const where = params.path ? [setting, ...params.path.split('.').slice(1).map(entry)].join(' › ') : setting;
  switch (p.code) {
    case 'target_options_not_object':
      return t('editor.settings.problem.notObject');
    case 'target_option_unknown':
      return t('editor.settings.problem.unknown', { setting: params.path ?? params.setting });
    case 'target_option_required':
      return t('editor.settings.problem.required', { setting });
    case 'target_option_type': {
      const expected = EXPECTED[params.expected];
      return t('editor.settings.problem.type', { setting: where, expected: expected ? t(expected) : params.expected, value: params.value });
    }
    case 'target_option_invalid':
      return t('editor.settings.problem.invalid', { setting: where, value: params.value, reason: reasonText(params, t) });
    case 'target_option_or_field_required': {
      const field = label(targetFields.find((f) => f.group === 'header' && f.id === params.field)?.label) ?? params.field;
      return t('editor.settings.problem.orField', { setting, field });
    }
    case 'target_option_local_currency_unmapped':
      return t('editor.settings.problem.localCurrency', { setting, currency: params.currency });
    case 'target_option_dimension_clash':
      return t('editor.settings.problem.dimensionClash', { field: params.field, dimensions: (params.dimensions ?? '').split(', ').map(dimension).join('、') });
  }
  return p.message;
}

import type { Labels, RecordMetaKey } from '#server/engine/form-record';
import { MESSAGES } from '../_i18n/messages';

/**
 * The name of a value of the approval itself (finish time, applicant, OA number) in both languages, for code that
 * carries labels rather than a translator (canvas nodes, problem wording): the same words as the form tree's.
 */
export function metaLabel(key: RecordMetaKey): Labels {
  return { zh: MESSAGES['zh-CN'].meta[key], en: MESSAGES.en.meta[key] };
}

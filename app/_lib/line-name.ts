import type { Labels } from '#server/engine/form-record';
import type { Translate } from '../_i18n/messages';

/**
 * A line template as the interface calls it: its label in the UI's language, else its place in the voucher
 * ("entry line 2"). Its id ("line-2") is the spec's key, never a name.
 */
export function lineName(
  lines: readonly { id: string; label?: Labels | null }[] | undefined,
  id: string | null | undefined,
  t: Translate,
  label: (l: Labels | null | undefined) => string | null,
): string {
  const index = lines?.findIndex((l) => l.id === id) ?? -1;
  if (index < 0) return t('editor.problems.name.someLine');
  return label(lines![index].label) || t('editor.problems.name.line', { n: index + 1 });
}

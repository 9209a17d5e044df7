import type { Locale } from '../_i18n/config';

/** An ISO timestamp in the viewer's own time zone and language; the raw text when it is not a timestamp. */
export function formatTimestamp(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // The zone is named: an approval time read in UTC and one read in Beijing differ by a calendar day at night.
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(d);
}

/**
 * Live runs are shown in China time (Asia/Shanghai, UTC+8, no daylight saving) whatever the browser's zone: the
 * OA systems, the finance systems and the people reconciling them all count the day in Beijing, and a claim
 * approved at 01:00 Beijing time belongs to that day, not to the previous UTC one.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm:ss` in China time; '' for nothing, the raw text when it is not a timestamp. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The instants that open and close a China-time calendar day (`YYYY-MM-DD`), for the runs filter. */
export function chinaDayBounds(day: string): { from: string; to: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a calendar day: ${day}`);
  return { from: new Date(`${day}T00:00:00.000+08:00`).toISOString(), to: new Date(`${day}T23:59:59.999+08:00`).toISOString() };
}

/**
 * A time as a finance reader reads it beside a voucher: the company's clock (China time) to the minute, with the
 * zone named, e.g. `2025-03-16 01:30 (UTC+8 北京时间)`; `zoneName` is the zone's name in the UI's language.
 */
export function companyTime(iso: string | null | undefined, zoneName: string): string {
  const text = chinaTime(iso);
  if (!text || text === iso) return text;
  return `${text.slice(0, 16)} (UTC+8 ${zoneName})`;
}

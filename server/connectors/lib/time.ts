/**
 * Instants are written as ISO 8601 in UTC (`2025-03-15T08:40:05Z`, milliseconds only when non-zero) so
 * they compare as strings; dates as `YYYY-MM-DD`. China has had no DST since 1991, so "Beijing local" is
 * a fixed +08:00 offset and plain arithmetic is exact.
 */

import { isJsonNumber } from './json';

export const CHINA_OFFSET_MIN = 480;
const MAX_MS = 253402300799999; // 9999-12-31T23:59:59.999Z
const MIN_MS = -62135596800000; // 0001-01-01T00:00:00Z

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export function isoFromMs(ms: number): string | null {
  if (!Number.isFinite(ms) || ms > MAX_MS || ms < MIN_MS) return null;
  // toISOString's layout written from the UTC fields: half the cost, and no '.000' to cut out afterwards.
  const d = new Date(Math.trunc(ms));
  const y = d.getUTCFullYear();
  const milli = d.getUTCMilliseconds();
  return (
    `${y < 1000 ? String(y).padStart(4, '0') : y}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}` +
    `${milli ? `.${String(milli).padStart(3, '0')}` : ''}Z`
  );
}

/** The calendar date of an instant at a fixed offset east of UTC (minutes). */
export function dateAtOffset(ms: number, offsetMin = CHINA_OFFSET_MIN): string | null {
  const iso = isoFromMs(ms + offsetMin * 60_000);
  return iso ? iso.slice(0, 10) : null;
}

export type EpochUnit = 's' | 'ms';
export type TimeParse = { ok: true; iso: string | null } | { ok: false };

/**
 * Epoch seconds/milliseconds as an integer number or a digit string (Feishu sends ms strings, WeCom
 * second ints). "0", "" and 0 mean "not yet" (Feishu's end_time of a running instance).
 */
export function parseEpoch(value: unknown, unit: EpochUnit): TimeParse {
  // A JSON number is read from its text, as a digit string is.
  const raw = isJsonNumber(value) ? value.value : value;
  if (raw === null || raw === undefined || raw === '' || raw === 0 || raw === '0') return { ok: true, iso: null };
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^\s*-?\d{1,17}(\.\d+)?\s*$/.test(raw)) n = Number(raw);
  else return { ok: false };
  if (!Number.isFinite(n)) return { ok: false };
  const iso = isoFromMs(unit === 's' ? n * 1000 : n);
  return iso ? { ok: true, iso } : { ok: false };
}

/** Days per month in a leap year (February 29 is then checked against the actual year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  if (d > MONTH_DAYS[m - 1]) return false;
  return !(m === 2 && d === 29 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0));
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined): number | null {
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const ms = frac ? Number(frac.slice(1, 4).padEnd(3, '0')) : 0;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return y < 100 ? setYear(t, y) : t;
}

/** Date.UTC maps years 0-99 to 1900-1999; put the year back. */
function setYear(t: number, y: number): number {
  const d = new Date(t);
  d.setUTCFullYear(y);
  return d.getTime();
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function offsetMinutes(z: string): number | null {
  if (z.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m || Number(m[2]) > 18 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** ISO 8601 / RFC 3339 with `Z` or an offset (seconds optional: DingTalk v1.0 sends `2025-03-15T08:40Z`). */
export function parseIsoInstant(s: string): { ms: number; offsetMin: number; localDate: string } | null {
  const m = ISO_INSTANT.exec(s.trim());
  if (!m) return null;
  const off = offsetMinutes(m[8]);
  const local = utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7]);
  if (off === null || local === null) return null;
  return { ms: local - off * 60_000, offsetMin: off, localDate: `${m[1]}-${m[2]}-${m[3]}` };
}

/** `yyyy-MM-dd HH:mm[:ss]` without a zone, read at a fixed offset (DingTalk topapi: Beijing time). */
export function parseLocalDateTime(s: string, offsetMin = CHINA_OFFSET_MIN): number | null {
  const m = LOCAL_DATETIME.exec(s.trim());
  if (!m) return null;
  const local = utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7]);
  return local === null ? null : local - offsetMin * 60_000;
}

/** A valid `YYYY-MM-DD` or null. */
export function parseDateOnly(s: string): string | null {
  const t = s.trim();
  const m = DATE_ONLY.exec(t);
  return m && validYmd(+m[1], +m[2], +m[3]) ? t : null;
}

/**
 * A valid UTC (`Z`) instant is already written in the output's zone: its own digits, seconds added, are the
 * answer, without the round trip through a Date. Null when it is not one (the general path decides).
 */
function utcInstantText(s: string): string | null {
  const m = ISO_INSTANT.exec(s.trim());
  if (!m || (m[8] !== 'Z' && m[8] !== 'z')) return null;
  if (!validYmd(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return null;
  const ms = m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${ms ? `.${String(ms).padStart(3, '0')}` : ''}Z`;
}

/** Any instant text: with a zone as given, without one at `offsetMin` (default Beijing). */
export function parseInstantText(s: string, offsetMin = CHINA_OFFSET_MIN): string | null {
  const utc = utcInstantText(s);
  if (utc !== null) return utc;
  const z = parseIsoInstant(s);
  if (z) return isoFromMs(z.ms);
  const local = parseLocalDateTime(s, offsetMin);
  return local === null ? null : isoFromMs(local);
}

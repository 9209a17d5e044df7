import { TZDate, tz } from '@date-fns/tz';
import { format, isValid, parse, parseISO } from 'date-fns';
import { z } from 'zod';
import { Decimal, fault, parseDecimal, truncateForMessage, wholeNumber, type Fault, type Value } from '../values';
import type { FunctionDef, ParamDef } from './types';
import { L, noParams, port, result, scalar } from './shared';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Only a full calendar date may start an ISO value: "2025" alone must not quietly become 1 January. */
const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ].+)?$/;

/**
 * Zones already answered. Building an Intl.DateTimeFormat to ask costs milliseconds the first time a zone is
 * named, and every function node's parameters are checked whenever a mapping is read (the editor checks a
 * hundred of them as it opens). Bounded, as the names come from users.
 */
const knownZones = new Map<string, boolean>();

function isTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    valid = zone !== '';
  } catch {
    valid = false;
  }
  if (knownZones.size >= 256) knownZones.clear();
  knownZones.set(zone, valid);
  return valid;
}

/** Pattern tokens outside quotes, split the way date-fns does. */
const TOKENS = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g;

function isPattern(pattern: string): string | null {
  // YYYY / DD are week-year and day-of-year: almost always a typo for yyyy / dd that breaks dates at year end.
  for (const t of pattern.match(TOKENS) ?? []) {
    if (/^Y+$/.test(t)) return `use ${t.toLowerCase()} for the year (${t} is the week-numbering year)`;
    if (/^D+$/.test(t)) return `use ${t.toLowerCase()} for the day of the month (${t} is the day of the year)`;
  }
  try {
    format(new Date(0), pattern);
    return pattern.trim() === '' ? 'the pattern is empty' : null;
  } catch (e) {
    return (e as Error).message;
  }
}

const timeZoneSchema = z.string().refine(isTimeZone, 'unknown time zone (use an IANA name such as Asia/Shanghai)').default(DEFAULT_TIME_ZONE);
const patternSchema = (dflt: string) =>
  z
    .string()
    .superRefine((p, ctx) => {
      const problem = isPattern(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(dflt);

const timeZoneParam: ParamDef = {
  name: 'timeZone',
  kind: 'text',
  label: L('时区', 'Time zone'),
  help: L('IANA 时区名，默认 Asia/Shanghai（北京时间）', 'IANA zone name, default Asia/Shanghai (Beijing time)'),
};
const patternParam = (help: [string, string]): ParamDef => ({ name: 'pattern', kind: 'text', label: L('格式', 'Pattern'), help: L(...help) });

const badDate = (v: unknown, why = 'is not a valid date'): Fault =>
  fault('bad_date', `"${truncateForMessage(String(v))}" ${why}`, v);

/**
 * The parts of a valid YYYY-MM-DD calendar date, checked against the calendar (no 2025-02-30). Calendar
 * arithmetic on dates needs no time zone, so it runs on UTC midnights.
 */
function dateParts(s: string): { y: number; m: number; d: number } | null {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return null;
  const y = Number(s.slice(0, 4)), m = Number(s.slice(5, 7)), d = Number(s.slice(8, 10));
  // Years 0–99 stay refused: Date.UTC reads them as 1900–1999, which is how this check was first written.
  if (y < 100 || m < 1 || m > 12 || d < 1) return null;
  return d <= daysInMonth(y, m) ? { y, m, d } : null;
}

/** Proleptic Gregorian, as Date counts. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** ISO date-times with an explicit offset, which the platform's own Date parser reads exactly. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One calendar-date formatter per zone: Intl knows the zone's rules, including daylight saving. The en-CA locale
 * writes dates as YYYY-MM-DD; should an ICU build ever differ, the parts are assembled instead.
 */
const dayFormatters = new Map<string, (ms: number) => string>();
function localDate(ms: number, zone: string): string {
  let f = dayFormatters.get(zone);
  if (!f) {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const byParts = (t: number) => {
      const p = Object.fromEntries(intl.formatToParts(t).map((x) => [x.type, x.value]));
      return `${String(p.year).padStart(4, '0')}-${p.month}-${p.day}`;
    };
    f = (t: number) => {
      const text = intl.format(t);
      return DATE_RE.test(text) ? text : byParts(t); // years before 1000 are not zero-padded
    };
    dayFormatters.set(zone, f);
  }
  return f(ms);
}

/** A YYYY-MM-DD calendar date as midnight in `zone` (UTC by default, where no day has a DST gap). */
function calendarDate(s: string, zone = 'UTC'): TZDate | null {
  if (!DATE_RE.test(s)) return null;
  const d = parseISO(s, { in: tz(zone) });
  return isValid(d) ? d : null;
}

/** An ISO date/datetime; without an offset it is read as wall-clock time in `zone`. Result shown in `zone`. */
function isoDateTime(s: string, zone: string): TZDate | null {
  if (!ISO_RE.test(s)) return null;
  const d = parseISO(s, { in: tz(zone) });
  return isValid(d) ? d : null;
}

const dateIn = port('date', 'date', L('日期', 'Date'));
const writeDate = (d: Date): string => format(d, 'yyyy-MM-dd');
const writeDateTime = (d: Date): string =>
  format(d, d.getMilliseconds() === 0 ? "yyyy-MM-dd'T'HH:mm:ssxxx" : "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

/**
 * OA timestamps are approval times, so anything outside 1990–2199 is a unit mix-up (seconds read as
 * milliseconds lands in January 1970, the reverse in the year 57000) rather than a date to post.
 */
function fromEpoch(ms: number, zone: string): TZDate | null {
  const d = new TZDate(ms, zone);
  return isValid(d) && d.getFullYear() >= 1990 && d.getFullYear() < 2200 ? d : null;
}

const FORMATS = ['iso', 'epoch-s', 'epoch-ms', 'pattern'] as const;

function parseText(s: string, p: { format: (typeof FORMATS)[number]; pattern: string; timeZone: string }): TZDate | null {
  switch (p.format) {
    case 'iso':
      return isoDateTime(s, p.timeZone);
    case 'epoch-s': {
      // Seconds may carry milliseconds as decimals ("1742028005.123"); finer digits would be made up.
      if (!/^-?\d+(\.\d{1,3})?$/.test(s)) return null;
      return fromEpoch(parseDecimal(s)!.times(1000).toNumber(), p.timeZone);
    }
    case 'epoch-ms':
      return /^-?\d+$/.test(s) ? fromEpoch(Number(s), p.timeZone) : null;
    case 'pattern': {
      const d = parse(s, p.pattern, new TZDate(0, p.timeZone), { in: tz(p.timeZone) });
      return isValid(d) ? d : null;
    }
  }
}

/** One input date/datetime-ish value turned into a TZDate shown in `zone`; dates are midnight there. */
function anyDate(v: Value, zone: string): TZDate | Fault {
  if (typeof v !== 'string') return badDate(v);
  const d = calendarDate(v, zone) ?? isoDateTime(v, zone);
  return d ?? badDate(v);
}

/** Functions reading one calendar date (year, period, month end…). */
function dateFn(id: string, label: [string, string], description: [string, string], out: 'number' | 'date', fn: (d: { y: number; m: number; d: number }) => Value) {
  return scalar({
    id,
    category: 'date',
    label: L(...label),
    description: L(...description),
    params: [],
    paramsSchema: noParams,
    inputs: () => [dateIn],
    outputs: () => result(out),
    build: () => (args) => {
      const d = dateParts(args[0] as string);
      return d ? fn(d) : badDate(args[0]);
    },
  });
}

export const DATE_FUNCTIONS: FunctionDef<any>[] = [
  scalar({
    id: 'date.parse',
    category: 'date',
    label: L('识别日期时间', 'Read date/time'),
    description: L('把 OA 传来的日期文本（ISO、时间戳或自定义格式）识别为带时区的日期时间', 'Reads date text from the OA form (ISO, Unix timestamp or a custom pattern) as a date-time with time zone'),
    params: [
      {
        name: 'format',
        kind: 'enum',
        label: L('文本格式', 'Format'),
        options: [
          { value: 'iso', label: L('ISO 8601（2025-03-15T16:40:05+08:00）', 'ISO 8601 (2025-03-15T16:40:05+08:00)') },
          { value: 'epoch-s', label: L('时间戳（秒）', 'Unix timestamp (seconds)') },
          { value: 'epoch-ms', label: L('时间戳（毫秒）', 'Unix timestamp (milliseconds)') },
          { value: 'pattern', label: L('自定义格式', 'Custom pattern') },
        ],
      },
      patternParam(['如 yyyy-MM-dd HH:mm:ss 或 yyyy年MM月dd日（仅自定义格式使用）', 'e.g. yyyy-MM-dd HH:mm:ss or yyyy年MM月dd日 (custom pattern only)']),
      timeZoneParam,
    ],
    paramsSchema: z.object({
      format: z.enum(FORMATS).default('iso'),
      pattern: patternSchema('yyyy-MM-dd HH:mm:ss'),
      timeZone: timeZoneSchema,
    }),
    inputs: () => [port('text', 'text', L('日期文本', 'Date text'))],
    outputs: () => result('datetime'),
    build: (p) => (args) => {
      const s = (args[0] as string).trim();
      if (s === '') return null; // a blank date field stays empty rather than failing
      try {
        const d = parseText(s, p);
        if (d) return writeDateTime(d);
        const hint = p.format.startsWith('epoch') ? ' (between 1990 and 2199; seconds and milliseconds mixed up?)' : '';
        return badDate(s, `is not a date in format ${p.format === 'pattern' ? p.pattern : p.format}${hint}`);
      } catch (e) {
        return badDate(s, `cannot be read: ${(e as Error).message}`);
      }
    },
  }),
  scalar({
    id: 'date.toTimeZone',
    category: 'date',
    label: L('转换时区', 'Convert time zone'),
    description: L('把日期时间换算成另一个时区的当地时间（同一时刻）', 'Shows the same moment as local time in another time zone'),
    params: [timeZoneParam],
    paramsSchema: z.object({ timeZone: timeZoneSchema }),
    inputs: () => [port('datetime', 'datetime', L('日期时间', 'Date-time'))],
    outputs: () => result('datetime'),
    build: (p) => (args) => {
      const d = isoDateTime(args[0] as string, p.timeZone);
      return d ? writeDateTime(d) : badDate(args[0]);
    },
  }),
  scalar({
    id: 'date.toDate',
    category: 'date',
    label: L('取日期', 'Date part'),
    description: L('取日期时间在指定时区（默认北京时间）的日历日期，如凭证日期', 'The calendar date of a date-time in a time zone (default Beijing time), e.g. for the voucher date'),
    params: [timeZoneParam],
    paramsSchema: z.object({ timeZone: timeZoneSchema }),
    inputs: () => [port('value', 'any', L('日期或日期时间', 'Date or date-time'))],
    outputs: () => result('date'),
    build: (p) => (args) => {
      const v = args[0] as Value;
      if (typeof v === 'string' && dateParts(v)) return v; // already a date: nothing to convert
      if (typeof v === 'string' && ISO_WITH_OFFSET.test(v)) {
        const ms = Date.parse(v);
        if (Number.isFinite(ms)) return localDate(ms, p.timeZone);
      }
      const d = anyDate(v, p.timeZone);
      return d instanceof Date ? writeDate(d) : d;
    },
  }),
  scalar({
    id: 'date.format',
    category: 'date',
    label: L('日期转文本', 'Format date'),
    description: L('按格式把日期写成文本，如 yyyy年MM月dd日', 'Writes a date as text in a pattern such as dd/MM/yyyy'),
    params: [patternParam(['如 yyyy-MM-dd、yyyy年MM月dd日、yyyyMM', 'e.g. yyyy-MM-dd, dd/MM/yyyy, yyyyMM']), timeZoneParam],
    paramsSchema: z.object({ pattern: patternSchema('yyyy-MM-dd'), timeZone: timeZoneSchema }),
    inputs: () => [port('value', 'any', L('日期或日期时间', 'Date or date-time'))],
    outputs: () => result('text'),
    build: (p) => (args) => {
      const d = anyDate(args[0] as Value, p.timeZone);
      return d instanceof Date ? format(d, p.pattern) : d;
    },
  }),
  dateFn('date.year', ['年份', 'Year'], ['日期所在的年份，如会计年度', 'The year of a date, e.g. the fiscal year'], 'number', (d) => new Decimal(d.y)),
  dateFn(
    'date.period',
    ['会计期间', 'Accounting period'],
    ['日期所在的月份 1–12，作为会计期间（按自然年度）', 'The month 1–12 of a date, used as the accounting period (calendar fiscal year)'],
    'number',
    (d) => wholeNumber(d.m),
  ),
  dateFn('date.monthEnd', ['月末日期', 'Month end'], ['日期所在月份的最后一天，如 2024-02-10 → 2024-02-29', 'Last day of the month, e.g. 2024-02-10 → 2024-02-29'], 'date', (d) =>
    utcDate(Date.UTC(d.y, d.m, 0)),
  ),
  scalar({
    id: 'date.addDays',
    category: 'date',
    label: L('加减天数', 'Add days'),
    description: L('日期加上若干天（负数为减），如付款日 = 报销日 + 7', 'Adds a number of days (negative to subtract), e.g. due date = claim date + 7'),
    params: [{ name: 'days', kind: 'integer', label: L('天数', 'Days'), min: -36500, max: 36500 }],
    paramsSchema: z.object({ days: z.number().int().min(-36500).max(36500).default(0) }),
    inputs: () => [dateIn],
    outputs: () => result('date'),
    build: (p) => (args) => {
      const d = dateParts(args[0] as string);
      return d ? utcDate(Date.UTC(d.y, d.m - 1, d.d + p.days)) : badDate(args[0]);
    },
  }),
];

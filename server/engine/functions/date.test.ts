import { describe, expect, it } from 'vitest';
import { D, call, faultCode, fn } from './test-helpers';

const parse = (text: string, params: Record<string, unknown> = {}) => call('date.parse', params, text);

describe('date.parse', () => {
  it('reads ISO with offset, Z, minute precision and milliseconds', () => {
    expect(parse('2025-03-15T08:40Z')).toBe('2025-03-15T16:40:00+08:00');
    expect(parse('2025-03-15T16:40:05+08:00')).toBe('2025-03-15T16:40:05+08:00');
    expect(parse('2025-03-15T08:40:05.123Z')).toBe('2025-03-15T16:40:05.123+08:00');
    expect(parse('2025-03-15T08:40:05+05:30')).toBe('2025-03-15T11:10:05+08:00');
    expect(parse('2025-03-15T08:40Z', { timeZone: 'UTC' })).toBe('2025-03-15T08:40:00+00:00');
  });

  it('reads ISO without offset as local time in the time zone', () => {
    expect(parse('2025-03-15 16:40:05')).toBe('2025-03-15T16:40:05+08:00');
    expect(parse('2025-03-15')).toBe('2025-03-15T00:00:00+08:00');
    expect(parse('2025-07-01T12:00:00', { timeZone: 'America/New_York' })).toBe('2025-07-01T12:00:00-04:00');
    expect(parse('2025-01-15T12:00:00', { timeZone: 'America/New_York' })).toBe('2025-01-15T12:00:00-05:00');
  });

  it('distinguishes epoch seconds from milliseconds and catches mix-ups', () => {
    expect(parse('1742028005000', { format: 'epoch-ms' })).toBe('2025-03-15T16:40:05+08:00');
    expect(parse('1742028005', { format: 'epoch-s' })).toBe('2025-03-15T16:40:05+08:00');
    expect(parse('1742028005.25', { format: 'epoch-s' })).toBe('2025-03-15T16:40:05.250+08:00');
    expect(parse('1742028005000', { format: 'epoch-ms', timeZone: 'America/New_York' })).toBe('2025-03-15T04:40:05-04:00');
    expect(faultCode(parse('1742028005', { format: 'epoch-ms' }))).toBe('bad_date'); // would be Jan 1970
    expect(faultCode(parse('1742028005000', { format: 'epoch-s' }))).toBe('bad_date'); // would be year 57172
    expect(faultCode(parse('2025-03-15', { format: 'epoch-ms' }))).toBe('bad_date');
  });

  it('reads custom patterns in the time zone, including Chinese ones and DST', () => {
    expect(parse('2025年03月15日', { format: 'pattern', pattern: 'yyyy年MM月dd日' })).toBe('2025-03-15T00:00:00+08:00');
    expect(parse('2025/3/15 16:40', { format: 'pattern', pattern: 'yyyy/M/d HH:mm' })).toBe('2025-03-15T16:40:00+08:00');
    const ny = { format: 'pattern', pattern: 'yyyy-MM-dd HH:mm:ss', timeZone: 'America/New_York' };
    expect(parse('2025-03-08 12:00:00', ny)).toBe('2025-03-08T12:00:00-05:00');
    expect(parse('2025-03-09 12:00:00', ny)).toBe('2025-03-09T12:00:00-04:00');
    expect(parse('2025-11-02 12:00:00', ny)).toBe('2025-11-02T12:00:00-05:00');
  });

  it('unparseable text is a bad_date fault; blank text stays empty', () => {
    expect(faultCode(parse('hello'))).toBe('bad_date');
    expect(faultCode(parse('2025'))).toBe('bad_date');
    expect(faultCode(parse('2025-02-30'))).toBe('bad_date');
    expect(faultCode(parse('2025-03-15T25:00'))).toBe('bad_date');
    expect(faultCode(parse('2025-02-29', { format: 'pattern', pattern: 'yyyy-MM-dd' }))).toBe('bad_date');
    expect(faultCode(parse('2025-03-15 extra', { format: 'pattern', pattern: 'yyyy-MM-dd' }))).toBe('bad_date');
    expect(parse('  ')).toBeNull();
  });

  it('validates time zone and pattern params', () => {
    expect(() => fn('date.parse', { timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => fn('date.parse', { pattern: 'YYYY-MM-dd' })).toThrow(/yyyy/);
    expect(() => fn('date.format', { pattern: 'yyyy-MM-DD' })).toThrow(/dd/);
    expect(fn('date.format', { pattern: "yyyy 'YYYY DD'" }).p.pattern).toBe("yyyy 'YYYY DD'");
    expect(() => fn('date.format', { pattern: 'yyyy-jj' })).toThrow();
    expect(fn('date.parse').p).toEqual({ format: 'iso', pattern: 'yyyy-MM-dd HH:mm:ss', timeZone: 'Asia/Shanghai' });
  });
});

describe('date.toTimeZone', () => {
  const to = (v: string, timeZone: string) => call('date.toTimeZone', { timeZone }, v);
  it('shows the same moment in another zone, across DST changes', () => {
    expect(to('2025-03-15T16:40:05+08:00', 'UTC')).toBe('2025-03-15T08:40:05+00:00');
    expect(to('2025-03-09T06:59:00Z', 'America/New_York')).toBe('2025-03-09T01:59:00-05:00');
    expect(to('2025-03-09T07:00:00Z', 'America/New_York')).toBe('2025-03-09T03:00:00-04:00');
    expect(to('2025-11-02T05:30:00Z', 'America/New_York')).toBe('2025-11-02T01:30:00-04:00');
    expect(to('2025-11-02T06:30:00Z', 'America/New_York')).toBe('2025-11-02T01:30:00-05:00');
    expect(call('date.toTimeZone', {}, '2025-03-15T17:30:00Z')).toBe('2025-03-16T01:30:00+08:00');
    expect(faultCode(to('yesterday', 'UTC'))).toBe('bad_date');
  });
});

describe('date.toDate', () => {
  it('takes the calendar date in the time zone (default Beijing time)', () => {
    expect(call('date.toDate', {}, '2025-03-15T17:30:00Z')).toBe('2025-03-16');
    expect(call('date.toDate', {}, '2025-03-15T15:59:59Z')).toBe('2025-03-15');
    expect(call('date.toDate', { timeZone: 'UTC' }, '2025-03-15T17:30:00Z')).toBe('2025-03-15');
    expect(call('date.toDate', { timeZone: 'America/New_York' }, '2025-03-15T03:00:00Z')).toBe('2025-03-14');
  });
  it('passes a date through and rejects non-dates', () => {
    expect(call('date.toDate', { timeZone: 'America/New_York' }, '2025-03-15')).toBe('2025-03-15');
    expect(faultCode(call('date.toDate', {}, 'soon'))).toBe('bad_date');
    expect(faultCode(call('date.toDate', {}, D('20250315')))).toBe('bad_date');
    expect(faultCode(call('date.toDate', {}, '2025-02-30'))).toBe('bad_date');
  });
});

describe('date.format', () => {
  it('formats dates as calendar dates and datetimes in the zone', () => {
    expect(call('date.format', {}, '2025-03-15')).toBe('2025-03-15');
    expect(call('date.format', { pattern: 'yyyy年MM月dd日' }, '2025-03-15')).toBe('2025年03月15日');
    expect(call('date.format', { pattern: 'yyyyMM' }, '2025-03-15')).toBe('202503');
    expect(call('date.format', { pattern: 'yyyy-MM-dd HH:mm' }, '2025-03-15T17:30:00Z')).toBe('2025-03-16 01:30');
    expect(call('date.format', { pattern: 'dd/MM/yyyy HH:mm xxx', timeZone: 'America/New_York' }, '2025-07-01T16:00:00Z')).toBe(
      '01/07/2025 12:00 -04:00',
    );
    expect(call('date.format', { pattern: 'yyyy-MM-dd', timeZone: 'America/New_York' }, '2025-03-15')).toBe('2025-03-15');
    expect(faultCode(call('date.format', {}, 'not a date'))).toBe('bad_date');
  });
});

describe('calendar functions', () => {
  it('year and period', () => {
    expect(call('date.year', {}, '2025-03-15')).toBe('2025');
    expect(call('date.period', {}, '2025-03-15')).toBe('3');
    expect(call('date.period', {}, '2025-12-31')).toBe('12');
    expect(call('date.period', {}, '2025-01-01')).toBe('1');
  });
  it('monthEnd handles February in leap and non-leap years', () => {
    expect(call('date.monthEnd', {}, '2024-02-10')).toBe('2024-02-29');
    expect(call('date.monthEnd', {}, '2025-02-10')).toBe('2025-02-28');
    expect(call('date.monthEnd', {}, '2000-02-01')).toBe('2000-02-29');
    expect(call('date.monthEnd', {}, '2100-02-01')).toBe('2100-02-28');
    expect(call('date.monthEnd', {}, '2025-04-30')).toBe('2025-04-30');
    expect(call('date.monthEnd', {}, '2025-12-01')).toBe('2025-12-31');
  });
  it('addDays crosses month, leap day and year ends', () => {
    expect(call('date.addDays', { days: 1 }, '2024-02-28')).toBe('2024-02-29');
    expect(call('date.addDays', { days: 2 }, '2024-02-28')).toBe('2024-03-01');
    expect(call('date.addDays', { days: -1 }, '2025-01-01')).toBe('2024-12-31');
    expect(call('date.addDays', { days: 1 }, '2025-03-08')).toBe('2025-03-09');
    expect(call('date.addDays', {}, '2025-03-08')).toBe('2025-03-08');
  });
  it('invalid dates are faults, empty stays empty', () => {
    expect(faultCode(call('date.year', {}, '2025-13-01'))).toBe('bad_date');
    expect(faultCode(call('date.addDays', { days: 1 }, '2025-03-15T10:00:00+08:00'))).toBe('bad_date');
    expect(call('date.monthEnd', {}, null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { chinaDayBounds, chinaTime, companyTime } from './china-time';

describe('China time', () => {
  it('shows an instant in Beijing time, crossing the date line of UTC', () => {
    expect(chinaTime('2026-12-04T17:30:05.123Z')).toBe('2026-12-05 01:30:05');
    expect(chinaTime('2026-12-04T08:00:00+08:00')).toBe('2026-12-04 08:00:00');
    expect(chinaTime('2026-12-04T15:59:59Z')).toBe('2026-12-04 23:59:59');
  });

  it('keeps what is not a timestamp and shows nothing for nothing', () => {
    expect(chinaTime('yesterday')).toBe('yesterday');
    expect(chinaTime(null)).toBe('');
  });

  it('bounds a Beijing calendar day in UTC instants', () => {
    expect(chinaDayBounds('2026-12-05')).toEqual({ from: '2026-12-04T16:00:00.000Z', to: '2026-12-05T15:59:59.999Z' });
    expect(() => chinaDayBounds('5 Dec')).toThrow('not a calendar day');
  });

  it('shows a time beside a voucher to the minute, in China time, with the zone named', () => {
    expect(companyTime('2025-03-15T17:30:00Z', '北京时间')).toBe('2025-03-16 01:30 (UTC+8 北京时间)');
    expect(companyTime('2025-03-15T08:40:05+08:00', 'China time')).toBe('2025-03-15 08:40 (UTC+8 China time)');
    expect(companyTime('soon', 'China time')).toBe('soon');
    expect(companyTime(null, 'China time')).toBe('');
  });
});

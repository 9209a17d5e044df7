import { describe, expect, it } from 'vitest';
import { formatAmount } from './amount';

describe('formatAmount', () => {
  it('groups thousands without ever going through a float', () => {
    expect(formatAmount('2496.00')).toBe('2,496.00');
    expect(formatAmount('1174.31')).toBe('1,174.31');
    expect(formatAmount('170.23')).toBe('170.23');
    expect(formatAmount('-1234567.5')).toBe('-1,234,567.5');
    expect(formatAmount('12345678901234567.89')).toBe('12,345,678,901,234,567.89');
  });

  it('leaves empty sides empty and unknown text as sent', () => {
    expect(formatAmount(null)).toBe('');
    expect(formatAmount('')).toBe('');
    expect(formatAmount('1e5')).toBe('1e5');
  });
});

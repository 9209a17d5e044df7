import { describe, expect, it } from 'vitest';
import { fieldMatches } from './field-search';

describe('searching the field trees', () => {
  const label = { zh: '报销总额', en: 'Claim total' };

  it('finds a field by its Chinese name, its English name or its id, ignoring case and spaces around', () => {
    expect(fieldMatches('总额', 'MoneyField_18PDM5K773FK0', label)).toBe(true);
    expect(fieldMatches(' claim ', 'MoneyField_18PDM5K773FK0', label)).toBe(true);
    expect(fieldMatches('moneyfield_18', 'MoneyField_18PDM5K773FK0', label)).toBe(true);
  });

  it('finds from the first character typed', () => {
    expect(fieldMatches('报', 'x', label)).toBe(true);
    expect(fieldMatches('c', 'x', label)).toBe(true);
  });

  it('leaves out fields that match in no language', () => {
    expect(fieldMatches('税额', 'MoneyField_18PDM5K773FK0', label)).toBe(false);
    expect(fieldMatches('tax', 'MoneyField_18PDM5K773FK0', { zh: '报销总额' })).toBe(false);
  });

  it('an empty query matches everything', () => {
    expect(fieldMatches('  ', 'x', null)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, compareDecimals, wholeNumber } from './values';

/** Decimal text with up to 30 digits either side of the point, signed, sometimes long runs of zeros. */
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,30}$/), fc.stringMatching(/^\d{0,30}$/), fc.integer({ min: -40, max: 40 }))
  .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}e${exp}`);

describe('compareDecimals', () => {
  it('agrees with decimal.js cmp on any two values', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        expect(compareDecimals(x, y)).toBe(x.cmp(y));
        expect(compareDecimals(x, x.plus(0))).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
  it('agrees on zeros, signed zeros and values one digit apart in the last word', () => {
    const texts = ['0', '-0', '1', '-1', '9999999', '10000000', '1.0000001', '1.00000010000001', '-123.45', '1e-20', '-1e20'];
    for (const a of texts) for (const b of texts) expect(compareDecimals(new Decimal(a), new Decimal(b))).toBe(new Decimal(a).cmp(b));
  });
  it('leaves NaN and infinities to decimal.js', () => {
    expect(compareDecimals(new Decimal(NaN), new Decimal(1))).toBeNaN();
    expect(compareDecimals(new Decimal(Infinity), new Decimal('1e30'))).toBe(1);
    expect(compareDecimals(new Decimal(-Infinity), new Decimal(-Infinity))).toBe(0);
  });
});

describe('wholeNumber', () => {
  it('is the Decimal of the number, shared for small counts', () => {
    expect(wholeNumber(3)).toBe(wholeNumber(3));
    expect(wholeNumber(3).toFixed()).toBe('3');
    expect(wholeNumber(1000).toFixed()).toBe('1000');
    expect(wholeNumber(-2).toFixed()).toBe('-2');
    expect(wholeNumber(NaN).isNaN()).toBe(true);
  });
});

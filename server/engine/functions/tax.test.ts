import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, fault } from '../values';
import { Exact } from './shared';
import { D, call, faultCode, fn } from './test-helpers';

describe('tax.split', () => {
  it('declares gross/rate in and tax/net out', () => {
    const { inputs, outputs } = fn('tax.split');
    expect(inputs.map((p) => [p.name, p.type])).toEqual([
      ['gross', 'money'],
      ['rate', 'number'],
    ]);
    expect(outputs.map((p) => [p.name, p.type])).toEqual([
      ['tax', 'money'],
      ['net', 'money'],
    ]);
  });

  it('splits VAT out of a gross amount', () => {
    expect(call('tax.split', {}, D('1090'), D('0.09'))).toEqual(['90', '1000']);
    expect(call('tax.split', {}, D('100'), D('0.13'))).toEqual(['11.5', '88.5']);
    expect(call('tax.split', {}, D('8.83'), D('0.06'))).toEqual(['0.5', '8.33']);
    expect(call('tax.split', {}, D('500'), D('0'))).toEqual(['0', '500']);
  });

  it('refunds (negative gross) split symmetrically', () => {
    expect(call('tax.split', {}, D('-1090'), D('0.09'))).toEqual(['-90', '-1000']);
    expect(call('tax.split', {}, D('-100'), D('0.13'))).toEqual(['-11.5', '-88.5']);
  });

  it('honours places and rounding mode on exact ties', () => {
    expect(call('tax.split', { places: 0 }, D('12.5'), D('0.25'))).toEqual(['3', '9.5']);
    expect(call('tax.split', { places: 0, mode: 'half-even' }, D('12.5'), D('0.25'))).toEqual(['2', '10.5']);
    expect(call('tax.split', { places: 0 }, D('-12.5'), D('0.25'))).toEqual(['-3', '-9.5']);
    expect(call('tax.split', {}, D('0.125'), D('0.25'))).toEqual(['0.03', '0.095']);
    expect(call('tax.split', { mode: 'half-even' }, D('0.125'), D('0.25'))).toEqual(['0.02', '0.105']);
  });

  it('keeps every digit of large amounts', () => {
    expect(call('tax.split', {}, D('113000000000000000000000.00'), D('0.13'))).toEqual(['13000000000000000000000', '100000000000000000000000']);
    expect(call('tax.split', {}, D('123456789012345678901234.56'), D('0.13'))).toEqual([
      '14202993426199060404566.81',
      '109253795586146618496667.75',
    ]);
  });

  it('rejects rates that are not fractions, and passes faults and empties to both outputs', () => {
    expect((call('tax.split', {}, D('100'), D('9')) as unknown[]).map(faultCode)).toEqual(['bad_rate', 'bad_rate']);
    expect((call('tax.split', {}, D('100'), D('-0.09')) as unknown[]).map(faultCode)).toEqual(['bad_rate', 'bad_rate']);
    const f = fault('bad_amount', 'x', null);
    expect(call('tax.split', {}, f, D('0.09'))).toEqual([f, f]);
    expect(call('tax.split', {}, null, D('0.09'))).toEqual([null, null]);
  });

  it('tax + net always equals gross, and tax is within half a cent of the exact value', () => {
    const rates = ['0', '0.01', '0.03', '0.05', '0.06', '0.09', '0.13'];
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.constantFrom(...rates), (cents, rate) => {
        const gross = new Decimal(cents.toString()).div(100);
        const [tax, net] = call('tax.split', {}, gross, D(rate)) as string[];
        expect(new Exact(tax).plus(net).eq(gross)).toBe(true);
        const exactTax = new Exact(gross).times(rate).div(new Exact(rate).plus(1));
        expect(exactTax.minus(tax).abs().lte('0.005')).toBe(true);
        expect(new Decimal(tax).decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('tax.net', () => {
  it('subtracts the tax from the gross', () => {
    expect(call('tax.net', {}, D('1090.00'), D('90.00'))).toBe('1000');
    expect(call('tax.net', {}, D('-113'), D('-13'))).toBe('-100');
    expect(call('tax.net', {}, D('100'), null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { fault } from '../values';
import { divideRounded } from './shared';
import { D, call, faultCode } from './test-helpers';

describe('add / subtract / multiply', () => {
  it('adds exactly, treating empty as 0', () => {
    expect(call('math.add', {}, D('0.1'), D('0.2'))).toBe('0.3');
    expect(call('math.add', {}, D('100'), null, D('20.55'))).toBe('120.55');
    expect(call('math.add', {})).toBe('0');
  });
  it('keeps every digit of large amounts (beyond 20 significant digits)', () => {
    expect(call('math.add', {}, D('123456789012345678901234.56'), D('0.01'))).toBe('123456789012345678901234.57');
    expect(call('math.multiply', {}, D('123456789012345678901234.56'), D('1.13'))).toBe('139506171583950617158395.0528');
    expect(call('math.subtract', {}, D('99999999999999999999999.99'), D('-0.01'))).toBe('100000000000000000000000');
  });
  it('subtracts and multiplies; empty operands give empty', () => {
    expect(call('math.subtract', {}, D('10'), D('10.01'))).toBe('-0.01');
    expect(call('math.subtract', {}, D('1'), D('1'))).toBe('0');
    expect(call('math.multiply', {}, D('12.5'), D('3'), D('-1'))).toBe('-37.5');
    expect(call('math.multiply', {}, D('12.5'), null)).toBeNull();
  });
  it('a fault input is the result', () => {
    const f = fault('bad', 'bad', 1);
    expect(call('math.add', {}, D('1'), f)).toBe(f);
  });
});

describe('math.divide', () => {
  it('divides, keeping 34 significant digits for non-terminating results', () => {
    expect(call('math.divide', {}, D('10'), D('4'))).toBe('2.5');
    expect(call('math.divide', {}, D('100'), D('3'))).toBe('33.33333333333333333333333333333333');
    expect(call('math.divide', {}, D('-1'), D('8'))).toBe('-0.125');
  });
  it('division by zero is a fault', () => {
    expect(faultCode(call('math.divide', {}, D('10'), D('0')))).toBe('division_by_zero');
    expect(faultCode(call('math.divide', {}, D('0'), D('0.00')))).toBe('division_by_zero');
  });
});

describe('math.round', () => {
  const r = (v: string, places: number, mode = 'half-up') => call('math.round', { places, mode }, D(v));
  it('half-up rounds ties away from zero', () => {
    expect(r('2.345', 2)).toBe('2.35');
    expect(r('-2.345', 2)).toBe('-2.35');
    expect(r('2.344999', 2)).toBe('2.34');
    expect(r('0.5', 0)).toBe('1');
    expect(r('-0.5', 0)).toBe('-1');
    expect(r('1.005', 2)).toBe('1.01'); // the classic float trap: 1.005 is 1.00499… as a double
  });
  it('half-even rounds ties to the even digit', () => {
    expect(r('2.345', 2, 'half-even')).toBe('2.34');
    expect(r('2.355', 2, 'half-even')).toBe('2.36');
    expect(r('-2.345', 2, 'half-even')).toBe('-2.34');
    expect(r('2.3451', 2, 'half-even')).toBe('2.35');
    expect(r('0.5', 0, 'half-even')).toBe('0');
    expect(r('1.5', 0, 'half-even')).toBe('2');
  });
  it('defaults to 2 places half-up, handles big values and never yields -0', () => {
    expect(call('math.round', {}, D('10.125'))).toBe('10.13');
    expect(r('123456789012345678901234.565', 2)).toBe('123456789012345678901234.57');
    expect(r('-0.001', 2)).toBe('0');
    expect(r('1.23456789012', 10)).toBe('1.2345678901');
  });
  it('rejects places outside 0..10 and unknown modes', () => {
    expect(() => r('1', 11)).toThrow();
    expect(() => r('1', -1)).toThrow();
    expect(() => r('1', 2, 'up')).toThrow();
  });
});

describe('divideRounded (exact rounding of quotients)', () => {
  it('decides ties exactly', () => {
    expect(divideRounded(D('1'), D('8'), 2, 'half-up').toFixed()).toBe('0.13');
    expect(divideRounded(D('1'), D('8'), 2, 'half-even').toFixed()).toBe('0.12');
    expect(divideRounded(D('-1'), D('8'), 2, 'half-up').toFixed()).toBe('-0.13');
    expect(divideRounded(D('3'), D('-8'), 2, 'half-even').toFixed()).toBe('-0.38');
    expect(divideRounded(D('2'), D('3'), 2, 'half-even').toFixed()).toBe('0.67');
    expect(divideRounded(D('-2'), D('3'), 0, 'half-up').toFixed()).toBe('-1');
  });
});

describe('math.compare', () => {
  const cmp = (op: string, a: string, b: string) => call('math.compare', { op }, D(a), D(b));
  it('compares by value', () => {
    expect(cmp('eq', '100', '100.00')).toBe(true);
    expect(cmp('ne', '100', '100.01')).toBe(true);
    expect(cmp('lt', '-5', '2')).toBe(true);
    expect(cmp('le', '2', '2')).toBe(true);
    expect(cmp('gt', '2', '2')).toBe(false);
    expect(cmp('ge', '12345678901234567890123.1', '12345678901234567890123.09')).toBe(true);
    expect(call('math.compare', {}, D('1'), D('1.0'))).toBe(true);
  });
});

describe('abs / negate / decimals', () => {
  it('abs and negate', () => {
    expect(call('math.abs', {}, D('-120.50'))).toBe('120.5');
    expect(call('math.negate', {}, D('120.50'))).toBe('-120.5');
    expect(call('math.negate', {}, D('-3'))).toBe('3');
    expect(call('math.negate', {}, D('0'))).toBe('0');
  });
  it('decimals counts the digits a value really has', () => {
    expect(call('math.decimals', {}, D('12.340'))).toBe('2');
    expect(call('math.decimals', {}, D('12.345'))).toBe('3');
    expect(call('math.decimals', {}, D('1000'))).toBe('0');
    expect(call('math.decimals', {}, D('1e-7'))).toBe('7');
  });
});

describe('math.toNumber', () => {
  it('reads decimal text exactly', () => {
    expect(call('math.toNumber', {}, '1,234.50')).toBe('1234.5');
    expect(call('math.toNumber', {}, ' -0.01 ')).toBe('-0.01');
    expect(call('math.toNumber', {}, '12345678901234567890.123456789')).toBe('12345678901234567890.123456789');
  });
  it('non-numbers are a fault, blank text is empty', () => {
    expect(faultCode(call('math.toNumber', {}, '12元'))).toBe('not_a_number');
    expect(faultCode(call('math.toNumber', {}, 'abc'))).toBe('not_a_number');
    expect(call('math.toNumber', {}, '  ')).toBeNull();
  });
});

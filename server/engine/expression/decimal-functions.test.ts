import { describe, expect, it } from 'vitest';
import { DECIMAL_FUNCTIONS } from './decimal-functions';
import { inProcessEvaluator } from './in-process';

/** Evaluates an expression the way an expression node does (registered functions included). */
async function evaluate(expression: string, bindings: Record<string, unknown> = {}) {
  return inProcessEvaluator().session().evaluate(expression, bindings);
}

async function value(expression: string, bindings: Record<string, unknown> = {}) {
  const out = await evaluate(expression, bindings);
  if (!out.ok) throw new Error(out.message);
  return out.value;
}

async function failure(expression: string, bindings: Record<string, unknown> = {}) {
  const out = await evaluate(expression, bindings);
  if (out.ok) throw new Error(`expected ${expression} to fail, got ${JSON.stringify(out.value)}`);
  return out.message;
}

describe('exact decimal functions in expressions', () => {
  it('adds, subtracts and multiplies exactly where JSONata arithmetic is floating point', async () => {
    expect(await value('0.1 + 0.2')).toBe(0.30000000000000004);
    expect(await value('$decAdd("0.1", "0.2")')).toBe('0.3');
    expect(await value('$decAdd($a, $b)', { a: '12345678901234567.89', b: '0.01' })).toBe('12345678901234567.9');
    expect(await value('$decSub("100", "0.01")')).toBe('99.99');
    expect(await value('$decSub("0.3", "0.1")')).toBe('0.2');
    expect(await value('$decMul("1.1", "1.1")')).toBe('1.21');
    expect(await value('$decMul("99999999999999999.99", "3")')).toBe('299999999999999999.97');
    expect(await value('$decAdd(7, "0.5")')).toBe('7.5');
  });

  it('divides to a number of places with the rounding mode asked for', async () => {
    expect(await value('$decDiv("100", "3", 2)')).toBe('33.33');
    expect(await value('$decDiv("2", "3", 2)')).toBe('0.67');
    expect(await value('$decDiv("1", "8", 2)')).toBe('0.13'); // half-up by default
    expect(await value('$decDiv("1", "8", 2, "half-even")')).toBe('0.12');
    expect(await value('$decDiv("3", "8", 2, "half-even")')).toBe('0.38');
    expect(await value('$decDiv("2", "3", 2, "down")')).toBe('0.66');
    expect(await value('$decDiv("1", "3", 2, "up")')).toBe('0.34');
    expect(await value('$decDiv("-1", "3", 2, "floor")')).toBe('-0.34');
    expect(await value('$decDiv("-1", "3", 2, "ceiling")')).toBe('-0.33');
    expect(await value('$decDiv("1", "3", 2, "ceiling")')).toBe('0.34');
    expect(await value('$decDiv("-1", "8", 2)')).toBe('-0.13');
    expect(await value('$decDiv("10", "4", 0)')).toBe('3');
    expect(await value('$decDiv("1280", "7.1234", 4)')).toBe('179.6895');
    expect(await failure('$decDiv("1", "0", 2)')).toMatch(/\$decDiv: division by zero/);
    expect(await failure('$decDiv("1", "3", 2, "nearest")')).toMatch(/\$decDiv: argument 4 \(rounding mode\) is "nearest"/);
    expect(await failure('$decDiv("1", "3", 2.5)')).toMatch(/\$decDiv: argument 3 \(decimal places\) is 2.5/);
  });

  it('rounds half up where $round rounds half to even', async () => {
    expect(await value('$round(2.345, 2)')).toBe(2.34);
    expect(await value('$decRound("2.345", 2)')).toBe('2.35');
    expect(await value('$decRound("2.355", 2)')).toBe('2.36');
    expect(await value('$decRound("-2.345", 2)')).toBe('-2.35');
    expect(await value('$decRound("2.3", 2)')).toBe('2.30');
    expect(await value('$decRound("1234.5", 0)')).toBe('1235');
  });

  it('compares exactly', async () => {
    expect(await value('$decCmp("10.00", "9.99")')).toBe(1);
    expect(await value('$decCmp("1.10", "1.1")')).toBe(0);
    expect(await value('$decCmp("-5", "3")')).toBe(-1);
    expect(await value('$decCmp("100000000000000000.01", "100000000000000000.02")')).toBe(-1);
  });

  it('refuses a float and text that is not a number, naming the function and the value', async () => {
    expect(await failure('$decAdd(0.1 + 0.2, "1")')).toMatch(/\$decAdd: argument 1 is the floating-point number 0\.30000000000000004/);
    expect(await failure('$decMul("12 yuan", "2")')).toMatch(/\$decMul: argument 1 is "12 yuan", which is not a decimal number/);
    expect(await failure('$decCmp("1", null)')).toMatch(/\$decCmp: argument 2 is null/);
    expect(await failure('$decSub("1e3", "1")')).toMatch(/\$decSub: argument 1 is "1e3"/);
  });

  it('a missing input gives a missing result, as JSONata functions do', async () => {
    expect(await value('$decAdd($nothing, "1")')).toBe(null);
  });

  it('every example in the help returns what the help says', async () => {
    for (const f of DECIMAL_FUNCTIONS) {
      expect(f.example.startsWith(`$${f.name}(`)).toBe(true);
      expect(JSON.stringify(await value(f.example))).toBe(f.exampleResult);
    }
  });

  it('does not depend on or change the global Decimal configuration', async () => {
    const { Decimal } = await import('decimal.js');
    const before = Decimal.precision;
    Decimal.set({ precision: 5 });
    try {
      expect(await value('$decMul("123456789.123", "1000")')).toBe('123456789123');
    } finally {
      Decimal.set({ precision: before });
    }
  });
});

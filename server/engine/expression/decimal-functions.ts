import Decimal from 'decimal.js';
import type { Labels } from '../form-record';

/**
 * Exact decimal arithmetic for expression nodes. JSONata's own `+ - * /` and `$round` work on JS floats
 * (0.1 + 0.2 = 0.30000000000000004, and `$round` rounds half to even), which is wrong for money. These functions
 * take decimal text (how amounts reach an expression) or whole numbers, and return decimal text.
 *
 * This one declaration both registers the functions in every expression (in the browser and in the server's
 * sandbox) and feeds the help list in the editor, so the two cannot drift apart.
 */

// A constructor of our own: the engine sets the global Decimal's precision as a side effect, and nothing here
// may depend on (or change) that. 1,000 significant digits hold any product of two accepted inputs exactly.
const Exact = Decimal.clone({ defaults: true, precision: 1000, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
type Exact = InstanceType<typeof Exact>;

/** Plain decimal text: optional sign, digits, optional fraction. No exponent, no grouping commas. */
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
/** Longer inputs are refused so a product stays far inside the precision above. */
const MAX_DIGITS = 100;
const MAX_SCALE = 30;

const ROUNDING_MODES = ['half-up', 'half-even', 'down', 'up', 'floor', 'ceiling'] as const;
type RoundingMode = (typeof ROUNDING_MODES)[number];

/** An error a function raises; JSONata passes its message on, and the engine reports it against the node. */
class DecimalFunctionError extends Error {}

function describeArg(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** One argument as an exact decimal, or a clear error naming the function, the argument and the value. */
function operand(fn: string, position: number, v: unknown): Exact {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return new Exact(v);
    throw new DecimalFunctionError(
      `$${fn}: argument ${position} is the floating-point number ${String(v)}, which is not exact; ` +
        'pass decimal text (amounts arrive as text) or the result of another $dec function, not JSONata arithmetic',
    );
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (!DECIMAL_TEXT.test(t)) throw new DecimalFunctionError(`$${fn}: argument ${position} is ${describeArg(v)}, which is not a decimal number`);
    if (t.length > MAX_DIGITS) throw new DecimalFunctionError(`$${fn}: argument ${position} has more than ${MAX_DIGITS} digits`);
    return new Exact(t);
  }
  throw new DecimalFunctionError(`$${fn}: argument ${position} is ${describeArg(v)}, which is not a decimal number`);
}

function scaleArg(fn: string, position: number, v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_SCALE)
    throw new DecimalFunctionError(`$${fn}: argument ${position} (decimal places) is ${describeArg(v)}; use a whole number from 0 to ${MAX_SCALE}`);
  return n;
}

function modeArg(fn: string, position: number, v: unknown): RoundingMode {
  if (v === undefined) return 'half-up';
  if (typeof v === 'string' && (ROUNDING_MODES as readonly string[]).includes(v)) return v as RoundingMode;
  throw new DecimalFunctionError(`$${fn}: argument ${position} (rounding mode) is ${describeArg(v)}; use one of ${ROUNDING_MODES.join(', ')}`);
}

/** The text form of a result: never an exponent, never a float. */
const text = (d: Exact, scale?: number) => (scale === undefined ? d.toFixed() : d.toFixed(scale));

/** Whether the truncated quotient's magnitude must go up by one unit, given the remainder's size and the sign. */
function roundsAway(mode: RoundingMode, twiceRemainderVsDivisor: number, hasRemainder: boolean, lastDigitOdd: boolean, negative: boolean): boolean {
  switch (mode) {
    case 'down':
      return false;
    case 'up':
      return hasRemainder;
    case 'floor':
      return hasRemainder && negative;
    case 'ceiling':
      return hasRemainder && !negative;
    case 'half-up':
      return twiceRemainderVsDivisor >= 0;
    case 'half-even':
      return twiceRemainderVsDivisor > 0 || (twiceRemainderVsDivisor === 0 && lastDigitOdd);
  }
}

/**
 * a ÷ b to `scale` places, rounded once, exactly: an integer division of a·10^scale by b with its remainder
 * decides the last digit, so a quotient that never terminates (1 ÷ 3) is not rounded twice.
 */
function divide(a: Exact, b: Exact, scale: number, mode: RoundingMode): Exact {
  const negative = a.isNeg() !== b.isNeg() && !a.isZero();
  const dividend = a.abs().times(new Exact(10).pow(scale));
  const divisor = b.abs();
  let units = dividend.divToInt(divisor);
  const remainder = dividend.minus(units.times(divisor));
  const lastDigitOdd = units.mod(2).eq(1);
  if (roundsAway(mode, remainder.times(2).cmp(divisor), !remainder.isZero(), lastDigitOdd, negative)) units = units.plus(1);
  const magnitude = units.div(new Exact(10).pow(scale));
  return negative ? magnitude.neg() : magnitude;
}

interface DecimalFunction {
  /** The name used in expressions, without the `$`. */
  name: string;
  /** The argument list as the help shows it. */
  params: string;
  description: Labels;
  /** An expression that shows the function, and what it returns (checked by a test against the real function). */
  example: string;
  exampleResult: string;
  implementation: (...args: unknown[]) => string | number | undefined;
}

/** JSONata's convention: a missing input (an empty path) gives a missing result rather than an error. */
const missing = (...args: unknown[]) => args.some((a) => a === undefined);

export const DECIMAL_FUNCTIONS: readonly DecimalFunction[] = [
  {
    name: 'decAdd',
    params: '(a, b)',
    description: { zh: '精确相加，返回十进制文本', en: 'adds exactly; returns decimal text' },
    example: '$decAdd("0.1", "0.2")',
    exampleResult: '"0.3"',
    implementation: (a, b) => (missing(a, b) ? undefined : text(operand('decAdd', 1, a).plus(operand('decAdd', 2, b)))),
  },
  {
    name: 'decSub',
    params: '(a, b)',
    description: { zh: '精确相减（a − b）', en: 'subtracts exactly (a − b)' },
    example: '$decSub("100", "0.01")',
    exampleResult: '"99.99"',
    implementation: (a, b) => (missing(a, b) ? undefined : text(operand('decSub', 1, a).minus(operand('decSub', 2, b)))),
  },
  {
    name: 'decMul',
    params: '(a, b)',
    description: { zh: '精确相乘，不舍入', en: 'multiplies exactly, without rounding' },
    example: '$decMul("1280.00", "0.06")',
    exampleResult: '"76.8"',
    implementation: (a, b) => (missing(a, b) ? undefined : text(operand('decMul', 1, a).times(operand('decMul', 2, b)))),
  },
  {
    name: 'decDiv',
    params: '(a, b, places, mode?)',
    description: {
      zh: `相除并保留 places 位小数；mode 为舍入方式：${ROUNDING_MODES.join('、')}（默认 half-up，四舍五入）`,
      en: `divides, keeping \`places\` decimals; mode is one of ${ROUNDING_MODES.join(', ')} (default half-up)`,
    },
    example: '$decDiv("100", "3", 2)',
    exampleResult: '"33.33"',
    implementation: (a, b, places, mode) => {
      if (missing(a, b)) return undefined;
      const divisor = operand('decDiv', 2, b);
      const dividend = operand('decDiv', 1, a);
      const scale = scaleArg('decDiv', 3, places);
      const rounding = modeArg('decDiv', 4, mode);
      if (divisor.isZero()) throw new DecimalFunctionError(`$decDiv: division by zero (${describeArg(a)} ÷ ${describeArg(b)})`);
      return text(divide(dividend, divisor, scale, rounding), scale);
    },
  },
  {
    name: 'decRound',
    params: '(a, places)',
    description: { zh: '四舍五入到 places 位小数（$round 是银行家舍入）', en: 'rounds half up to `places` decimals ($round rounds half to even)' },
    example: '$decRound("2.345", 2)',
    exampleResult: '"2.35"',
    implementation: (a, places) => {
      if (missing(a)) return undefined;
      const scale = scaleArg('decRound', 2, places);
      return text(operand('decRound', 1, a).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP), scale);
    },
  },
  {
    name: 'decCmp',
    params: '(a, b)',
    description: { zh: '比较大小：a < b 为 -1，相等为 0，a > b 为 1', en: 'compares: -1 when a < b, 0 when equal, 1 when a > b' },
    example: '$decCmp("10.00", "9.99")',
    exampleResult: '1',
    implementation: (a, b) => (missing(a, b) ? undefined : operand('decCmp', 1, a).cmp(operand('decCmp', 2, b))),
  },
];

/** The heading of the help list, in both languages. */
export const DECIMAL_FUNCTIONS_TITLE: Labels = { zh: '精确金额函数', en: 'Exact decimal functions' };

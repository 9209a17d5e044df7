import { z } from 'zod';
import { Decimal, compareDecimals, decimalPlaces, fault, isFault, parseDecimal, truncateForMessage, wholeNumber, type Fault, type Value } from '../values';
import type { FunctionDef, PortDef } from './types';
import {
  Exact,
  L,
  QUOTIENT_DIGITS,
  ROUNDING_MODES,
  decimals,
  exact,
  noParams,
  plain,
  port,
  result,
  round,
  roundingModeParam,
  scalar,
} from './shared';

const num = (name: string, zh: string, en: string): PortDef => port(name, 'number', L(zh, en));
const AB = [num('a', '数值 A', 'A'), num('b', '数值 B', 'B')];
const one = [num('value', '数值', 'Value')];

/** Runs `fn` on the inputs as Decimals; a non-number that slipped through becomes a Fault. */
function withDecimals(fn: (ds: Decimal[]) => Value | Fault) {
  return (args: Value[]): Value | Fault => {
    // Numeric ports already hold Decimals, so the converted copy is only made when one is not.
    for (let i = 0; i < args.length; i++) {
      if (!(args[i] instanceof Decimal)) {
        const ds = decimals(args);
        return isFault(ds) ? ds : fn(ds);
      }
    }
    return fn(args as Decimal[]);
  };
}

const COMPARISONS = {
  eq: (c: number) => c === 0,
  ne: (c: number) => c !== 0,
  lt: (c: number) => c < 0,
  le: (c: number) => c <= 0,
  gt: (c: number) => c > 0,
  ge: (c: number) => c >= 0,
} as const;

// Non-terminating quotients (100 / 3) keep QUOTIENT_DIGITS significant digits; analysts round afterwards.
const Quotient = Exact.clone({ precision: QUOTIENT_DIGITS, rounding: Decimal.ROUND_HALF_EVEN });

export const MATH_FUNCTIONS: FunctionDef<any>[] = [
  scalar({
    id: 'math.add',
    category: 'math',
    label: L('相加', 'Add'),
    description: L('把多个金额或数值相加；空值按 0 计（同 Excel 的 SUM）', 'Adds amounts or numbers; empty inputs count as 0, like a spreadsheet SUM'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    inputs: () => [port('values', 'number', L('数值', 'Values'), { variadic: true })],
    outputs: () => result('number'),
    build: () => {
      const sum = withDecimals((ds) => plain(ds.reduce((s, d) => s.plus(d), new Exact(0))));
      return (args) => sum(args.filter((v) => v !== null && v !== undefined && v !== ''));
    },
  }),
  scalar({
    id: 'math.subtract',
    category: 'math',
    label: L('相减', 'Subtract'),
    description: L('A 减 B', 'A minus B'),
    params: [],
    paramsSchema: noParams,
    inputs: () => AB,
    outputs: () => result('number'),
    build: () => withDecimals(([a, b]) => plain(exact(a).minus(b))),
  }),
  scalar({
    id: 'math.multiply',
    category: 'math',
    label: L('相乘', 'Multiply'),
    description: L('把多个数值相乘，如 单价 × 数量', 'Multiplies values, e.g. unit price × quantity'),
    params: [],
    paramsSchema: noParams,
    inputs: () => [port('values', 'number', L('数值', 'Values'), { variadic: true })],
    outputs: () => result('number'),
    build: () => withDecimals((ds) => plain(ds.reduce((s, d) => s.times(d), new Exact(1)))),
  }),
  scalar({
    id: 'math.divide',
    category: 'math',
    label: L('相除', 'Divide'),
    description: L('A 除以 B；除数为 0 时报错。除不尽时保留 34 位有效数字，请再接"四舍五入"', 'A divided by B; dividing by zero is an error. Follow with Round when the result does not terminate'),
    params: [],
    paramsSchema: noParams,
    inputs: () => AB,
    outputs: () => result('number'),
    build: () =>
      withDecimals(([a, b]) =>
        b.isZero() ? fault('division_by_zero', `cannot divide ${a.toFixed()} by zero`, a.toFixed()) : plain(new Quotient(a).div(b)),
      ),
  }),
  scalar({
    id: 'math.round',
    category: 'math',
    label: L('四舍五入', 'Round'),
    description: L('保留指定位数的小数，可选四舍五入或银行家舍入', 'Rounds to a number of decimals, half up or half even (banker’s)'),
    params: [{ name: 'places', kind: 'integer', label: L('小数位数', 'Decimals'), min: 0, max: 10 }, roundingModeParam()],
    paramsSchema: z.object({ places: z.number().int().min(0).max(10).default(2), mode: z.enum(ROUNDING_MODES).default('half-up') }),
    inputs: () => one,
    outputs: () => result('number'),
    build: (p) => withDecimals(([v]) => round(v, p.places, p.mode)),
  }),
  scalar({
    id: 'math.compare',
    category: 'math',
    label: L('比较大小', 'Compare'),
    description: L('按数值大小比较 A 与 B（100 与 100.00 相等），得到是/否', 'Compares A with B by value (100 equals 100.00), giving yes/no'),
    params: [
      {
        name: 'op',
        kind: 'enum',
        label: L('比较方式', 'Operator'),
        options: [
          { value: 'eq', label: L('等于 =', 'equals =') },
          { value: 'ne', label: L('不等于 ≠', 'not equal ≠') },
          { value: 'lt', label: L('小于 <', 'less than <') },
          { value: 'le', label: L('小于等于 ≤', 'at most ≤') },
          { value: 'gt', label: L('大于 >', 'greater than >') },
          { value: 'ge', label: L('大于等于 ≥', 'at least ≥') },
        ],
      },
    ],
    paramsSchema: z.object({ op: z.enum(['eq', 'ne', 'lt', 'le', 'gt', 'ge']).default('eq') }),
    inputs: () => AB,
    outputs: () => result('boolean'),
    build: (p) => {
      const holds = COMPARISONS[p.op];
      return withDecimals(([a, b]) => holds(compareDecimals(a, b)));
    },
  }),
  scalar({
    id: 'math.abs',
    category: 'math',
    label: L('绝对值', 'Absolute value'),
    description: L('去掉负号，如 -120.50 → 120.50', 'Drops the minus sign: -120.50 → 120.50'),
    params: [],
    paramsSchema: noParams,
    inputs: () => one,
    outputs: () => result('number'),
    build: () => withDecimals(([v]) => plain(v.abs())),
  }),
  scalar({
    id: 'math.negate',
    category: 'math',
    label: L('取相反数', 'Negate'),
    description: L('正数变负数、负数变正数，如红字冲销', 'Flips the sign, e.g. for a reversing (red) entry'),
    params: [],
    paramsSchema: noParams,
    inputs: () => one,
    outputs: () => result('number'),
    build: () => withDecimals(([v]) => plain(v.negated())),
  }),
  scalar({
    id: 'math.decimals',
    category: 'math',
    label: L('小数位数', 'Decimal places'),
    description: L('数值实际有几位小数（12.340 → 2，12.345 → 3），用于检查金额是否超过两位小数', 'How many decimals a value really has (12.340 → 2, 12.345 → 3), e.g. to check amounts'),
    params: [],
    paramsSchema: noParams,
    currency: 'none',
    inputs: () => one,
    outputs: () => result('number'),
    build: () => withDecimals(([v]) => wholeNumber(decimalPlaces(v))),
  }),
  scalar({
    id: 'math.toNumber',
    category: 'math',
    label: L('文本转数值', 'Text to number'),
    description: L('把"1,234.50"这样的文本转成数值；不是数字时报错，空文本得到空值', 'Reads text such as "1,234.50" as a number; non-numbers are an error, blank text stays empty'),
    params: [],
    paramsSchema: noParams,
    inputs: () => [port('text', 'text', L('文本', 'Text'))],
    outputs: () => result('number'),
    build: () => (args) => {
      const s = args[0] as string;
      if (s.trim() === '') return null;
      return parseDecimal(s) ?? fault('not_a_number', `"${truncateForMessage(s)}" is not a number`, s);
    },
  }),
];

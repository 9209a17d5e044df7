import { compareDecimals, isEmpty, isFault, toDecimal, wholeNumber, type Decimal, type Fault, type Value, type ValueType } from '../values';
import type { AggregateImpl, FunctionDef } from './types';
import { Exact, L, aggregate, noParams, plain, port, result } from './shared';

/**
 * The detail rows an aggregate looks at: every row, or only those whose `where` is true (an empty or
 * false condition leaves the row out). A fault in the condition or in the value of a counted row makes
 * the whole result that fault, because finance must not post a total that silently skipped a bad line.
 */
function countedValues(columns: (Value | Fault)[][]): Value[] | Fault {
  const values = columns[0] ?? [];
  const where = columns[1];
  const out: Value[] = [];
  for (let i = 0; i < values.length; i++) {
    const cond = where?.[i];
    if (isFault(cond)) return cond;
    if (cond !== undefined && cond !== true) continue;
    const v = values[i];
    if (isFault(v)) return v;
    out.push(v);
  }
  return out;
}

/** Non-empty counted values as Decimals (a non-number there is a fault). */
function countedDecimals(columns: (Value | Fault)[][]): Decimal[] | Fault {
  const values = countedValues(columns);
  if (isFault(values)) return values;
  const out: Decimal[] = [];
  for (const v of values) {
    const d = toDecimal(v);
    if (isFault(d)) return d;
    if (d !== null) out.push(d);
  }
  return out;
}

function def(
  id: string,
  valueType: ValueType,
  label: [string, string],
  description: [string, string],
  impl: AggregateImpl,
  currency?: 'none',
) {
  return aggregate({
    id,
    currency,
    category: 'aggregate',
    label: L(...label),
    description: L(...description),
    params: [],
    paramsSchema: noParams,
    inputs: () => [
      port('values', valueType, L('明细值', 'Row values')),
      port('where', 'boolean', L('仅统计满足条件的行', 'Only rows where'), { optional: true }),
    ],
    outputs: () => result('number'),
    build: () => impl,
  });
}

function extreme(pick: (a: Decimal, b: Decimal) => boolean): AggregateImpl {
  return (columns) => {
    const ds = countedDecimals(columns);
    if (isFault(ds)) return ds;
    if (ds.length === 0) return null;
    return plain(ds.reduce((best, d) => (pick(d, best) ? d : best)));
  };
}

export const AGGREGATE_FUNCTIONS: FunctionDef<any>[] = [
  def(
    'agg.sum',
    'number',
    ['明细求和', 'Sum of rows'],
    ['把明细表各行的金额加总（可只加满足条件的行），空值不计，没有行时为 0', 'Adds a column over the detail rows (optionally only rows meeting a condition); blanks are skipped, no rows gives 0'],
    (columns) => {
      const ds = countedDecimals(columns);
      if (isFault(ds)) return ds;
      // Started from the first value rather than a new zero: one Decimal and one addition fewer per sum.
      return ds.length === 0 ? plain(new Exact(0)) : plain(ds.reduce((s, d) => s.plus(d)));
    },
  ),
  def(
    'agg.count',
    'any',
    ['明细计数', 'Count rows'],
    ['统计明细表中该列有值的行数（可只统计满足条件的行）', 'Counts detail rows where the column is filled in (optionally only rows meeting a condition)'],
    (columns) => {
      const values = countedValues(columns);
      if (isFault(values)) return values;
      return wholeNumber(values.filter((v) => !isEmpty(v)).length);
    },
    'none',
  ),
  def(
    'agg.min',
    'number',
    ['明细最小值', 'Minimum of rows'],
    ['明细表该列的最小值，空值不计，没有行时为空', 'Smallest value of a column over the detail rows; blanks skipped, no rows gives empty'],
    extreme((d, best) => compareDecimals(d, best) < 0),
  ),
  def(
    'agg.max',
    'number',
    ['明细最大值', 'Maximum of rows'],
    ['明细表该列的最大值，空值不计，没有行时为空', 'Largest value of a column over the detail rows; blanks skipped, no rows gives empty'],
    extreme((d, best) => compareDecimals(d, best) > 0),
  ),
];

import { z } from 'zod';
import { Decimal, compareDecimals, isEmpty, isFault, parseDecimal, toText, type Fault, type Value } from '../values';
import type { FunctionDef } from './types';
import { L, noParams, port, result, scalar } from './shared';

/**
 * Equality as an analyst means it: amounts by value (100 = 100.00, also against decimal text), text
 * exactly, and empty equals empty (null and '' alike).
 */
function valuesEqual(a: Value, b: Value): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (Decimal.isDecimal(a) || Decimal.isDecimal(b)) {
    const x = Decimal.isDecimal(a) ? (a as Decimal) : typeof a === 'string' ? parseDecimal(a) : null;
    const y = Decimal.isDecimal(b) ? (b as Decimal) : typeof b === 'string' ? parseDecimal(b) : null;
    return x !== null && y !== null && compareDecimals(x, y) === 0;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]));
  }
  return a === b;
}

/** Option texts typed in the inspector are compared without surrounding spaces, which nobody can see. */
const key = (v: Value): string => toText(v).trim();

const anyPort = (name: string, zh: string, en: string, optional = false) => port(name, 'any', L(zh, en), optional ? { optional } : undefined);
const boolIn = [port('value', 'boolean', L('条件', 'Condition'))];
const boolsIn = [port('values', 'boolean', L('条件', 'Conditions'), { variadic: true })];

export const LOGIC_FUNCTIONS: FunctionDef<any>[] = [
  scalar({
    id: 'logic.if',
    category: 'logic',
    label: L('如果…那么…否则', 'If … then … else'),
    description: L('条件成立取"那么"，否则取"否则"；条件为空按不成立；没走的分支出错也不影响', 'Takes "then" when the condition holds, else "else"; an empty condition counts as no, errors in the branch not taken are ignored'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    passFaults: true,
    inputs: () => [port('cond', 'boolean', L('条件', 'Condition')), anyPort('then', '那么', 'Then'), anyPort('else', '否则', 'Else', true)],
    outputs: () => result('any'),
    build: () => (args) => {
      const [cond, then, otherwise] = args as (Value | Fault | undefined)[];
      if (isFault(cond)) return cond;
      return (cond === true ? then : otherwise) ?? null;
    },
  }),
  scalar({
    id: 'logic.switch',
    category: 'logic',
    label: L('对照取值', 'Lookup cases'),
    description: L('按对照表把一个值换成另一个值，如费用类型 → 科目编码；都不匹配时取默认值', 'Maps a value through a table of cases, e.g. expense type → account code; otherwise the default'),
    params: [
      { name: 'cases', kind: 'cases', label: L('对照表', 'Cases'), help: L('当值等于"当"时取"则"（忽略首尾空格）', 'When the value equals "when", the result is "then" (surrounding spaces ignored)') },
      { name: 'default', kind: 'text', label: L('默认值', 'Default'), help: L('都不匹配时的结果；不填则为空', 'Result when no case matches; empty if not set') },
    ],
    paramsSchema: z.object({
      cases: z.array(z.object({ when: z.string(), then: z.string() })).default([]),
      default: z.string().nullish(),
    }),
    nulls: 'pass',
    inputs: () => [port('value', 'text', L('值', 'Value'))],
    outputs: () => result('text'),
    build: (p) => {
      // First matching case wins, as the analyst reads the table top to bottom.
      const table = new Map<string, string>();
      for (const c of p.cases) if (!table.has(c.when.trim())) table.set(c.when.trim(), c.then);
      return (args) => table.get(key(args[0] ?? null)) ?? p.default ?? null;
    },
  }),
  scalar({
    id: 'logic.equals',
    category: 'logic',
    label: L('是否相等', 'Equals'),
    description: L('两个值是否相等：金额按数值比（100 = 100.00），文本须完全一致，两个空值相等', 'Whether two values are equal: amounts by value (100 = 100.00), text exactly, two empties are equal'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    emptyIsMissing: true,
    inputs: () => [anyPort('a', '值 A', 'A'), anyPort('b', '值 B', 'B')],
    outputs: () => result('boolean'),
    build: () => (args) => valuesEqual(args[0] ?? null, args[1] ?? null),
  }),
  scalar({
    id: 'logic.in',
    category: 'logic',
    label: L('是否属于', 'Is one of'),
    description: L('值是否在给定列表中，如费用类型属于"差旅费、交通费"', 'Whether the value is one of a list, e.g. expense type is travel or transport'),
    params: [{ name: 'list', kind: 'textList', label: L('列表', 'List'), help: L('忽略首尾空格比较', 'Compared ignoring surrounding spaces') }],
    paramsSchema: z.object({ list: z.array(z.string()).default([]) }),
    nulls: 'pass',
    emptyIsMissing: true,
    inputs: () => [port('value', 'text', L('值', 'Value'))],
    outputs: () => result('boolean'),
    build: (p) => {
      const set = new Set(p.list.map((s) => s.trim()));
      return (args) => set.has(key(args[0] ?? null));
    },
  }),
  scalar({
    id: 'logic.isEmpty',
    category: 'logic',
    label: L('是否为空', 'Is empty'),
    description: L('值是否没有填写（空、空文本或空列表）', 'Whether the value is not filled in (empty, blank text or an empty list)'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    inputs: () => [anyPort('value', '值', 'Value')],
    outputs: () => result('boolean'),
    build: () => (args) => isEmpty(args[0] ?? null),
  }),
  scalar({
    id: 'logic.coalesce',
    category: 'logic',
    label: L('取第一个非空值', 'First non-empty'),
    description: L('依次取第一个填写了的值，如 成本中心 为空时用 部门', 'The first filled-in value, e.g. the cost centre, else the department'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    inputs: () => [port('values', 'any', L('候选值', 'Candidates'), { variadic: true })],
    outputs: () => result('any'),
    build: () => (args) => args.find((v) => v !== undefined && !isEmpty(v)) ?? null,
  }),
  scalar({
    id: 'logic.and',
    category: 'logic',
    label: L('并且', 'And'),
    description: L('所有条件都成立时为是；空值按不成立', 'Yes when every condition holds; an empty condition counts as no'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    inputs: () => boolsIn,
    outputs: () => result('boolean'),
    build: () => (args) => args.every((v) => v === true),
  }),
  scalar({
    id: 'logic.or',
    category: 'logic',
    label: L('或者', 'Or'),
    description: L('任一条件成立时为是；空值按不成立', 'Yes when any condition holds; an empty condition counts as no'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    inputs: () => boolsIn,
    outputs: () => result('boolean'),
    build: () => (args) => args.some((v) => v === true),
  }),
  scalar({
    id: 'logic.not',
    category: 'logic',
    label: L('取反', 'Not'),
    description: L('条件成立为否、不成立为是；空值按不成立，所以结果为是', 'Yes when the condition does not hold; an empty condition counts as no, giving yes'),
    params: [],
    paramsSchema: noParams,
    nulls: 'pass',
    inputs: () => boolIn,
    outputs: () => result('boolean'),
    build: () => (args) => args[0] !== true,
  }),
];

import { z } from 'zod';
import { fault, toPlain, toText, type Value } from '../values';
import type { FunctionDef } from './types';
import { L, noParams, port, result, scalar } from './shared';

/**
 * What to do with a field that may hold several values (departments, people, chosen options). Without one of these
 * a port that takes one value refuses two or more; with them the mapping says which value, or how to combine them.
 * A list arrives as its single item when it has one, so every function treats a plain value as a list of one.
 */

const items = (v: Value): Value[] => (Array.isArray(v) ? v : [v]);
const listIn = [port('values', 'list', L('多个值', 'Values'))];

export const LIST_FUNCTIONS: FunctionDef<any>[] = [
  scalar({
    id: 'list.only',
    category: 'list',
    label: L('唯一值', 'Only one'),
    description: L(
      '字段只有一个值时取这个值，有多个值（如两个部门）时报错并列出各值；与不加函数时相同，用来写明规则',
      'The value when the field holds exactly one; several (two departments, say) are an error listing them. The same as connecting the field directly, written out',
    ),
    params: [],
    paramsSchema: noParams,
    inputs: () => listIn,
    outputs: () => result('text'),
    build: () => (args) => {
      const list = items(args[0]);
      if (list.length <= 1) return list[0] ?? null;
      const shown = list.map((x) => (x === null ? '(none)' : toText(x))).join(', ');
      return fault('multi_valued', `${list.length} values (${shown}) where the mapping allows only one`, toPlain(list));
    },
  }),
  scalar({
    id: 'list.first',
    category: 'list',
    label: L('第一个值', 'First value'),
    description: L(
      '取字段的第一个值（如多个部门时取第一个部门），其余值不用',
      'The first of the field’s values (the first department when several are chosen); the others are left out',
    ),
    params: [],
    paramsSchema: noParams,
    inputs: () => listIn,
    outputs: () => result('text'),
    build: () => (args) => items(args[0])[0] ?? null,
  }),
  scalar({
    id: 'list.join',
    category: 'list',
    label: L('合并多个值', 'Join values'),
    description: L(
      '把字段的所有值用分隔符连成一段文字，如 "市场部/销售部"；空值跳过',
      'All of the field’s values as one text with a separator between them, such as "Marketing/Sales"; empty values are skipped',
    ),
    params: [{ name: 'separator', kind: 'text', label: L('分隔符', 'Separator'), help: L('如 "/"、"、" 或 ","', 'e.g. "/", ", " or ";"') }],
    paramsSchema: z.object({ separator: z.string().max(20).default(',') }),
    inputs: () => listIn,
    outputs: () => result('text'),
    build: ({ separator }) => (args) => {
      const parts = items(args[0]).filter((x) => x !== null && x !== '').map(toText);
      return parts.length ? parts.join(separator) : null;
    },
  }),
];

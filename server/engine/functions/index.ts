import type { Labels } from '../form-record';
import { AGGREGATE_FUNCTIONS } from './aggregate';
import { DATE_FUNCTIONS } from './date';
import { LIST_FUNCTIONS } from './list';
import { LOGIC_FUNCTIONS } from './logic';
import { MATH_FUNCTIONS } from './math';
import { TAX_FUNCTIONS } from './tax';
import { TEXT_FUNCTIONS } from './text';
import type { FunctionCategory, FunctionDef } from './types';

export type * from './types';

/** Palette order of the categories. */
export const FUNCTION_CATEGORIES: readonly { id: FunctionCategory; label: Labels }[] = [
  { id: 'text', label: { zh: '文本', en: 'Text' } },
  { id: 'list', label: { zh: '多值字段', en: 'Several values' } },
  { id: 'math', label: { zh: '计算', en: 'Math' } },
  { id: 'aggregate', label: { zh: '明细汇总', en: 'Detail totals' } },
  { id: 'tax', label: { zh: '税务', en: 'Tax' } },
  { id: 'date', label: { zh: '日期', en: 'Dates' } },
  { id: 'logic', label: { zh: '条件判断', en: 'Logic' } },
];

export const FUNCTIONS: readonly FunctionDef<any>[] = [
  ...TEXT_FUNCTIONS,
  ...LIST_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...AGGREGATE_FUNCTIONS,
  ...TAX_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
];

const BY_ID = new Map<string, FunctionDef<any>>();
for (const f of FUNCTIONS) {
  if (BY_ID.has(f.id)) throw new Error(`duplicate function id ${f.id}`);
  BY_ID.set(f.id, f);
}

export function getFunction(id: string): FunctionDef<any> | undefined {
  return BY_ID.get(id);
}

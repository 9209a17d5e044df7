import { describe, expect, it } from 'vitest';
import { call, faultCode } from './test-helpers';
import { FUNCTION_CATEGORIES, FUNCTIONS } from './index';

describe('list functions', () => {
  it('"only one" passes a single value and refuses several, listing them', () => {
    expect(call('list.only', {}, '市场部')).toBe('市场部');
    expect(call('list.only', {}, ['市场部'])).toBe('市场部');
    const f = call('list.only', {}, ['市场部', '销售部']);
    expect(faultCode(f)).toBe('multi_valued');
    expect(f).toMatchObject({ value: ['市场部', '销售部'], message: expect.stringMatching(/2 values \(市场部, 销售部\)/) });
  });

  it('"first" takes the first value', () => {
    expect(call('list.first', {}, ['市场部', '销售部'])).toBe('市场部');
    expect(call('list.first', {}, '市场部')).toBe('市场部');
    expect(call('list.first', {}, null)).toBeNull();
  });

  it('"join" puts the separator between the values and skips empty ones', () => {
    expect(call('list.join', { separator: '/' }, ['市场部', null, '销售部'])).toBe('市场部/销售部');
    expect(call('list.join', {}, ['a', 'b'])).toBe('a,b');
    expect(call('list.join', { separator: '、' }, 'a')).toBe('a');
    expect(call('list.join', { separator: '/' }, [null])).toBeNull();
  });

  // The studio palette (server/services/function-palette.ts) is FUNCTIONS and FUNCTION_CATEGORIES as they are.
  it('are in the library under their own category, taking a list', () => {
    expect(FUNCTION_CATEGORIES.map((c) => c.id)).toContain('list');
    const list = FUNCTIONS.filter((f) => f.category === 'list');
    expect(list.map((f) => f.id)).toEqual(['list.only', 'list.first', 'list.join']);
    for (const f of list) expect(f.inputs(f.paramsSchema.parse({}))).toEqual([expect.objectContaining({ name: 'values', type: 'list' })]);
    expect(list[2].params).toEqual([expect.objectContaining({ name: 'separator', kind: 'text' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { fault } from '../values';
import { D, call } from './test-helpers';

describe('logic.if', () => {
  it('chooses the branch; an empty condition counts as no', () => {
    expect(call('logic.if', {}, true, 'A', 'B')).toBe('A');
    expect(call('logic.if', {}, false, 'A', 'B')).toBe('B');
    expect(call('logic.if', {}, null, 'A', 'B')).toBe('B');
    expect(call('logic.if', {}, true, null, 'B')).toBeNull();
    expect(call('logic.if', {}, false, D('1.50'), undefined)).toBeNull();
    expect(call('logic.if', {}, true, D('1.50'), undefined)).toBe('1.5');
  });
  it('ignores a fault in the branch not taken, returns one in the branch taken or in the condition', () => {
    const f = fault('missing_key', 'no mapping', 'x');
    expect(call('logic.if', {}, true, 'A', f)).toBe('A');
    expect(call('logic.if', {}, false, 'A', f)).toBe(f);
    expect(call('logic.if', {}, f, 'A', 'B')).toBe(f);
  });
});

describe('logic.switch', () => {
  const cases = [
    { when: '差旅费', then: '6601.01' },
    { when: ' 交通费 ', then: '6601.02' },
    { when: '差旅费', then: 'ignored: first case wins' },
  ];
  it('maps through the case table, ignoring surrounding spaces', () => {
    expect(call('logic.switch', { cases, default: '6601.99' }, '差旅费')).toBe('6601.01');
    expect(call('logic.switch', { cases }, '交通费 ')).toBe('6601.02');
  });
  it('falls back to the default, or empty when none', () => {
    expect(call('logic.switch', { cases, default: '6601.99' }, '餐费')).toBe('6601.99');
    expect(call('logic.switch', { cases }, '餐费')).toBeNull();
    expect(call('logic.switch', { cases, default: '6601.99' }, null)).toBe('6601.99');
    expect(call('logic.switch', { cases: [{ when: '', then: '未填' }] }, null)).toBe('未填');
    expect(call('logic.switch', {}, 'x')).toBeNull();
  });
});

describe('logic.equals', () => {
  it('compares amounts by value and text exactly', () => {
    expect(call('logic.equals', {}, D('100'), D('100.00'))).toBe(true);
    expect(call('logic.equals', {}, D('100'), '100.00')).toBe(true);
    expect(call('logic.equals', {}, D('100'), D('100.01'))).toBe(false);
    expect(call('logic.equals', {}, D('100'), 'abc')).toBe(false);
    expect(call('logic.equals', {}, '差旅费', '差旅费')).toBe(true);
    expect(call('logic.equals', {}, '差旅费', '差旅费 ')).toBe(false);
    expect(call('logic.equals', {}, 'A', 'a')).toBe(false);
    expect(call('logic.equals', {}, '100', '100.00')).toBe(false);
    expect(call('logic.equals', {}, true, true)).toBe(true);
    expect(call('logic.equals', {}, true, 'true')).toBe(false);
    expect(call('logic.equals', {}, ['a', D('1')], ['a', D('1.0')])).toBe(true);
  });
  it('treats empties as equal to each other only', () => {
    expect(call('logic.equals', {}, null, '')).toBe(true);
    expect(call('logic.equals', {}, null, 'x')).toBe(false);
    expect(call('logic.equals', {}, D('0'), null)).toBe(false);
  });
});

describe('logic.in', () => {
  it('checks membership ignoring surrounding spaces', () => {
    const p = { list: ['差旅费', '交通费 '] };
    expect(call('logic.in', p, '交通费')).toBe(true);
    expect(call('logic.in', p, '餐费')).toBe(false);
    expect(call('logic.in', p, null)).toBe(false);
    expect(call('logic.in', {}, 'x')).toBe(false);
  });
});

describe('logic.isEmpty / logic.coalesce', () => {
  it('isEmpty: null, blank text and empty lists', () => {
    expect(call('logic.isEmpty', {}, null)).toBe(true);
    expect(call('logic.isEmpty', {}, '')).toBe(true);
    expect(call('logic.isEmpty', {}, [])).toBe(true);
    expect(call('logic.isEmpty', {}, D('0'))).toBe(false);
    expect(call('logic.isEmpty', {}, false)).toBe(false);
    expect(call('logic.isEmpty', {}, ' ')).toBe(false);
  });
  it('coalesce returns the first non-empty value', () => {
    expect(call('logic.coalesce', {}, null, '', 'CC01', 'D02')).toBe('CC01');
    expect(call('logic.coalesce', {}, null, D('0'))).toBe('0');
    expect(call('logic.coalesce', {}, null, [])).toBeNull();
    expect(call('logic.coalesce', {})).toBeNull();
  });
});

describe('logic.and / or / not', () => {
  it('combine conditions, empty counting as no', () => {
    expect(call('logic.and', {}, true, true)).toBe(true);
    expect(call('logic.and', {}, true, false)).toBe(false);
    expect(call('logic.and', {}, true, null)).toBe(false);
    expect(call('logic.and', {})).toBe(true);
    expect(call('logic.or', {}, false, true)).toBe(true);
    expect(call('logic.or', {}, false, null)).toBe(false);
    expect(call('logic.or', {})).toBe(false);
    expect(call('logic.not', {}, true)).toBe(false);
    expect(call('logic.not', {}, false)).toBe(true);
    expect(call('logic.not', {}, null)).toBe(true);
  });
  it('a fault in any condition is the result', () => {
    const f = fault('x', 'y', null);
    expect(call('logic.and', {}, false, f)).toBe(f);
  });
});

import { describe, expect, it } from 'vitest';
import { fault } from '../values';
import { D, call, faultCode, fn } from './test-helpers';
import { parseTemplate } from './text';

describe('text.template', () => {
  const template = '{claimant}报销{type}-{desc}（{claimant}）';

  it('has one input per distinct placeholder, in order of first appearance', () => {
    expect(fn('text.template', { template }).inputs.map((i) => i.name)).toEqual(['claimant', 'type', 'desc']);
    expect(fn('text.template', { template }).inputs.every((i) => i.type === 'any')).toBe(true);
  });

  it('renders values, empties as nothing, amounts with their exact digits', () => {
    expect(call('text.template', { template }, '张三', '差旅费', null)).toBe('张三报销差旅费-（张三）');
    expect(call('text.template', { template: '金额{a}元 {b}' }, D('1234.50'), true)).toBe('金额1234.5元 true');
    expect(call('text.template', { template: '{a}' }, D('123456789012345678901234.01'))).toBe('123456789012345678901234.01');
  });

  it('supports literal braces and rejects mistyped templates', () => {
    expect(call('text.template', { template: '{{x}} {y}' }, 'v')).toBe('{x} v');
    expect(fn('text.template', { template: '{{x}}' }).inputs).toEqual([]);
    expect(() => fn('text.template', { template: '{claimant报销' })).toThrow(/unclosed/);
    expect(() => fn('text.template', { template: 'a}b' })).toThrow(/unmatched/);
    expect(() => fn('text.template', { template: 'a{}b' })).toThrow(/name/);
    expect(() => fn('text.template', { template: '{a.b}' })).toThrow(/dots/);
    expect(parseTemplate(' { name } ')).toEqual([{ text: ' ' }, { name: 'name' }, { text: ' ' }]);
  });

  it('an empty template yields empty text; a fault in any input is the result', () => {
    expect(call('text.template', {})).toBe('');
    const f = fault('missing', 'x', null);
    expect(call('text.template', { template: '{a}{b}' }, 'x', f)).toBe(f);
  });
});

describe('text.concat', () => {
  it('joins with the separator and skips empty values', () => {
    expect(call('text.concat', { separator: '/' }, '差旅', null, '', '北京')).toBe('差旅/北京');
    expect(call('text.concat', {}, 'a', 'b')).toBe('ab');
    expect(call('text.concat', { separator: '-' })).toBe('');
  });
});

describe('simple text functions', () => {
  it('trim removes ASCII and full-width whitespace', () => {
    expect(call('text.trim', {}, '\u3000 差旅费 \n')).toBe('差旅费');
  });
  it('upper / lower', () => {
    expect(call('text.upper', {}, 'abc-费用')).toBe('ABC-费用');
    expect(call('text.lower', {}, 'ABC')).toBe('abc');
  });
  it('empty input propagates', () => {
    expect(call('text.upper', {}, null)).toBeNull();
  });
});

describe('text.substring', () => {
  it('counts code points from 1', () => {
    expect(call('text.substring', { start: 1, length: 2 }, '报销单号123')).toBe('报销');
    expect(call('text.substring', { start: 3 }, '报销单号123')).toBe('单号123');
    expect(call('text.substring', { start: 2, length: 2 }, 'a😀b')).toBe('😀b');
    expect(call('text.substring', { start: 10 }, 'abc')).toBe('');
    expect(call('text.substring', { start: 2, length: null }, 'abc')).toBe('bc');
  });
  it('rejects a start of 0', () => {
    expect(() => fn('text.substring', { start: 0 })).toThrow();
  });
});

describe('text.replace', () => {
  it('replaces every literal occurrence, regex characters included', () => {
    expect(call('text.replace', { find: '.', replace: '-' }, '1.2.3')).toBe('1-2-3');
    expect(call('text.replace', { find: '$&', replace: 'x' }, 'a$&b$&')).toBe('axbx');
    expect(call('text.replace', { find: '费', replace: '$&费' }, '差旅费')).toBe('差旅$&费');
    expect(call('text.replace', {}, 'unchanged')).toBe('unchanged');
  });
});

describe('text.pad', () => {
  it('pads left with zeros by default, right on request, never truncates', () => {
    expect(call('text.pad', { length: 6 }, '42')).toBe('000042');
    expect(call('text.pad', { length: 5, char: '*', side: 'right' }, '张三')).toBe('张三***');
    expect(call('text.pad', { length: 2 }, '12345')).toBe('12345');
    expect(call('text.pad', { length: 3, char: '😀' }, 'a')).toBe('😀😀a');
  });
  it('requires a single fill character', () => {
    expect(() => fn('text.pad', { char: 'ab' })).toThrow();
    expect(() => fn('text.pad', { char: '' })).toThrow();
  });
});

describe('text.truncate', () => {
  it('cuts at code points, never inside a surrogate pair', () => {
    expect(call('text.truncate', { max: 3 }, '差旅费报销')).toBe('差旅费');
    expect(call('text.truncate', { max: 2 }, '😀😀😀')).toBe('😀😀');
    expect(call('text.truncate', { max: 1 }, 'a😀')).toBe('a');
    expect(call('text.truncate', { max: 10 }, 'short')).toBe('short');
    expect(call('text.truncate', { max: 0 }, 'x')).toBe('');
  });
  it('defaults to 60 characters', () => {
    expect(Array.from(call('text.truncate', {}, '字'.repeat(100)) as string)).toHaveLength(60);
  });
});

describe('text.toText', () => {
  it('renders any value, decimals exactly', () => {
    expect(call('text.toText', {}, D('0.10'))).toBe('0.1');
    expect(call('text.toText', {}, D('1e21'))).toBe('1000000000000000000000');
    expect(call('text.toText', {}, D('-0.000000001'))).toBe('-0.000000001');
    expect(call('text.toText', {}, false)).toBe('false');
    expect(call('text.toText', {}, '2025-03-15')).toBe('2025-03-15');
    expect(faultCode(call('text.toText', {}, fault('x', 'y', null)))).toBe('x');
  });
});

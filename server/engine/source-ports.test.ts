import { describe, expect, it } from 'vitest';
import { readCell, sourcePorts } from './source-ports';
import { cell, money } from './test-support';
import { Fault } from './values';

describe('source ports', () => {
  it('a money field offers its currency beside the amount', () => {
    expect(sourcePorts('money').map((p) => [p.name, p.type])).toEqual([['value', 'money'], ['currency', 'text']]);
    expect(readCell(money('12.30', 'usd'), 'money', 'currency')).toBe('USD');
    expect(readCell(money(null, 'JPY'), 'money', 'currency')).toBe('JPY');
    expect(readCell(cell('money', '1'), 'money', 'currency')).toBeNull();
  });

  it('people, departments and chosen options are lists: one value as itself, several as a list', () => {
    expect(sourcePorts('department').map((p) => p.type)).toEqual(['list', 'list']);
    expect(readCell(cell('department', [{ id: 'd1', name: '市场部' }]), 'department', 'name')).toBe('市场部');
    expect(readCell(cell('department', [{ name: '市场部' }, { name: '销售部' }]), 'department', 'name')).toEqual(['市场部', '销售部']);
    expect(readCell(cell('person', [{ id: 'u1' }, { id: 'u2' }]), 'person', 'id')).toEqual(['u1', 'u2']);
    expect(readCell(cell('options', [{ text: '差旅' }, { text: '会议' }]), 'options', 'text')).toEqual(['差旅', '会议']);
    expect(readCell(cell('department', []), 'department', 'id')).toBeNull();
  });

  it('never turns a floating-point JS number into text', () => {
    const f = readCell(cell('option', { key: 0.1 + 0.2 as unknown as string, text: 'x' }), 'option', 'key', '费用类型');
    expect(f).toBeInstanceOf(Fault);
    expect(f).toMatchObject({ code: 'inexact_number', value: 0.30000000000000004, message: expect.stringMatching(/^费用类型 holds 0\.30000000000000004/) });
    const big = readCell(cell('person', [{ id: 2 ** 64 as unknown as string }]), 'person', 'id', '报销人');
    expect(big).toMatchObject({ code: 'inexact_number' });
    const text = readCell(cell('text', 1280.5 as unknown as string), 'text', 'value', '金额说明');
    expect(text).toMatchObject({ code: 'inexact_number', value: 1280.5 });
    expect(readCell(cell('person', [{ id: 10086 as unknown as string }]), 'person', 'id')).toBe('10086');
  });
});

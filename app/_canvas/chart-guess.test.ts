import { describe, expect, it } from 'vitest';
import { guessChart } from './chart-guess';

const DEMO = [
  { name: 'accounts', columns: ['account_code', 'account_name', 'u8_account_code', 'postable'] },
  { name: 'departments', columns: ['dept_code', 'dept_name', 'u8_dept_code', 'cost_centre', 'expense_account_prefix'] },
  { name: 'employees', columns: ['employee_code', 'name'] },
];

describe('guessChart', () => {
  it('finds the demo chart: the table with a postable column, its account code and that column', () => {
    expect(guessChart(DEMO)).toEqual({ table: 'accounts', codeColumn: 'account_code', postableColumn: 'postable' });
  });
  it('picks the columns of the table the analyst chose, leaving unknown ones open', () => {
    expect(guessChart(DEMO, 'employees')).toEqual({ table: 'employees', codeColumn: 'employee_code', postableColumn: undefined });
  });
  it('reads Chinese column names', () => {
    expect(guessChart([{ name: '科目表', columns: ['科目编码', '科目名称', '是否可记账'] }])).toEqual({ table: '科目表', codeColumn: '科目编码', postableColumn: '是否可记账' });
  });
  it('guesses nothing without a likely table', () => {
    expect(guessChart(DEMO.slice(1))).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { duplicateKeys } from './lookup-table';

/** The table editor warns with this before anyone relies on a key a lookup would only find once. */
describe('duplicateKeys', () => {
  const table = {
    columns: ['employee_code', 'name'],
    rows: [['EMP0086', '张伟'], ['EMP0102', '李娜'], [' EMP0086 ', '张伟 (copy)'], ['', 'blank'], ['', 'blank too']],
  };

  it('lists each key found on more than one row, with 1-based rows, comparing keys trimmed', () => {
    expect(duplicateKeys(table, 'employee_code')).toEqual([{ key: 'EMP0086', rows: [1, 3] }]);
  });

  it('ignores blank keys and answers null for a column the table does not have', () => {
    expect(duplicateKeys(table, 'name')).toEqual([]);
    expect(duplicateKeys(table, 'dept_code')).toBeNull();
  });
});

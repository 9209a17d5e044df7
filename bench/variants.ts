/**
 * The payloads the three judged contestants must agree on (the bench checks them before timing, and
 * bench/contestants.test.ts in the test run): the sample, which is the one timed, and variants of it that exercise
 * the demo rules. A valid one must give byte-identical text; an invalid one must be refused by all three.
 */
import { payloadText } from './setup';

type Component = { id: string; value: unknown; extValue?: unknown };
type Payload = { result: { finishTime: string; formComponentValues: Component[] } };
type Cell = { key: string; value: unknown };
type TableRows = { rowValue: Cell[] }[];

const TABLE = 'TableField_1T9QY2M6XKJ40';
const TAX = 'MoneyField_1F8W2U6HJX4G0';
const AMOUNT = 'MoneyField_17K3F0ZP9QDC0';
const TOTAL = 'MoneyField_18PDM5K773FK0';
const DEPARTMENT = 'DepartmentField_1J3K5L7M9N1P0';
const CLAIMANT = 'InnerContactField_1R9B45BYVYE80';

/** A JSON string value standing for a JSON number: `numbersOut` writes its digits unquoted. */
const NUMBER = '\u0001num:';
const number = (digits: string) => NUMBER + digits;
const numbersOut = (text: string) => text.replace(/(\\*)"\\u0001num:([-0-9.eE+]+)\1"/g, '$2');

const component = (p: Payload, id: string) => p.result.formComponentValues.find((c) => c.id === id)!;
const cellOf = (rows: TableRows, r: number, key: string) => rows[r].rowValue.find((c) => c.key === key)!;

/** The sample payload with one change; numbers given with `number()` are written as JSON numbers. */
function variant(change: (p: Payload, rows: TableRows) => void): string {
  const p = JSON.parse(payloadText) as Payload;
  const table = component(p, TABLE);
  const rows = JSON.parse(table.value as string) as TableRows;
  change(p, rows);
  table.value = numbersOut(JSON.stringify(rows));
  return numbersOut(JSON.stringify(p, null, 2));
}

export interface CheckedPayload {
  name: string;
  text: string;
  valid: boolean;
  /** For an invalid one: the field every contestant's refusal must name. */
  field?: string;
}

export const CHECKED: CheckedPayload[] = [
  { name: 'sample', text: payloadText, valid: true },
  { name: 'finishTime 17:30Z is the next day in Beijing', text: variant((p) => (p.result.finishTime = '2025-03-15T17:30Z')), valid: true },
  { name: 'row 3 tax "null" counts as 0', text: variant((_, rows) => (cellOf(rows, 2, TAX).value = 'null')), valid: true },
  { name: 'row 2 tax = amount gives no expense line', text: variant((_, rows) => (cellOf(rows, 1, TAX).value = '1060')), valid: true },
  { name: 'amounts written 1280.0 / 60', text: variant((_, rows) => ((cellOf(rows, 0, AMOUNT).value = '1280.0'), (cellOf(rows, 1, TAX).value = '60'))), valid: true },
  {
    // 72057594037927.93 is 72057594037927.94 as a float: only an exact parse books the claimed amount.
    name: 'amounts sent as JSON numbers, one beyond a float\'s digits',
    text: variant((p, rows) => {
      cellOf(rows, 0, AMOUNT).value = number('72057594037927.93');
      cellOf(rows, 1, AMOUNT).value = number('1060.00');
      cellOf(rows, 2, TAX).value = number('0');
      component(p, TOTAL).value = number('72057594039143.93');
    }),
    valid: true,
  },
  { name: 'a total written with thousands separators', text: variant((p) => (component(p, TOTAL).value = '2,496.00')), valid: true },
  { name: 'the department given by id and name in extValue', text: variant((p) => (component(p, DEPARTMENT).extValue = JSON.stringify([{ id: '612738049', name: '市场部' }]))), valid: true },
  { name: 'a tax with 3 decimals is refused', text: variant((_, rows) => (cellOf(rows, 0, TAX).value = '105.691')), valid: false, field: TAX },
  { name: 'a tax above its amount is refused', text: variant((_, rows) => (cellOf(rows, 2, TAX).value = '156.01')), valid: false, field: TAX },
  { name: 'two departments "市场部,销售部" are refused', text: variant((p) => (component(p, DEPARTMENT).value = '市场部,销售部')), valid: false, field: DEPARTMENT },
  {
    name: 'two claimants are refused',
    text: variant((p) => {
      const c = component(p, CLAIMANT);
      c.extValue = JSON.stringify([...(JSON.parse(c.extValue as string) as object[]), { emplId: '093622246085322117', name: '李娜' }]);
    }),
    valid: false,
    field: CLAIMANT,
  },
];

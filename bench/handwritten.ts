/**
 * Contestant 3: the demo rules for the DingTalk → Kingdee travel claim, written by hand in plain JS.
 *
 * Raw payload text in, Kingdee GL_VOUCHER Save object text out, byte-identical to
 * `serialiseKingdee(executor output)`. Money is exact: amounts are parsed from their decimal text into integer
 * fen (cents) and never pass through float arithmetic. The master data is indexed once by `makeHandwritten`
 * (setup, like compiling a mapping); each call parses the payload afresh and caches nothing.
 *
 * It implements the same checks as the demo mapping (README "Voucher rules" 1–9): approved status, lookups
 * found, every row has an amount, amounts and taxes non-negative with at most two decimals, tax ≤ amount,
 * total = Σ amount, at least one row above zero, postable accounts, balance, explanation 1–80 code points.
 * A failed check throws an Error naming the field, the row and the value.
 */
import type { LookupTableData } from '../server/engine';

/** The field ids of the demo DingTalk form (the demo mapping's source nodes). */
export const DT_FIELDS = {
  department: 'DepartmentField_1J3K5L7M9N1P0',
  claimant: 'InnerContactField_1R9B45BYVYE80',
  total: 'MoneyField_18PDM5K773FK0',
  attachments: 'DDAttachment_D37VXHQUCG00',
  table: 'TableField_1T9QY2M6XKJ40',
  expenseType: 'DDSelectField_1QZ7N3K8VEO00',
  description: 'TextField_2B6R8YJ1L0WG0',
  amount: 'MoneyField_17K3F0ZP9QDC0',
  tax: 'MoneyField_1F8W2U6HJX4G0',
} as const;

/**
 * A JSON string value carrying this prefix is a money/number token: the final pass strips the quotes and the
 * prefix so the digits are written verbatim as a JSON number ("1000.00" stays 1000.00, as serialiseKingdee does).
 * U+E000 is a private-use character that JSON.stringify does not escape. The JSONata contestant uses the same
 * marker and the same regex pass (inside its expression).
 */
export const RAW_NUMBER_MARK = '\uE000';
const RAW_NUMBER = /"\uE000(-?\d+(?:\.\d+)?)"/g;
const raw = (text: string) => RAW_NUMBER_MARK + text;

/** Pretty JSON (2 spaces, like serialiseKingdee's writer) with marked number tokens unquoted. */
export function stringifyWithRawNumbers(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_NUMBER, '$1');
}

type Row = Record<string, string>;

function index(table: LookupTableData, keyColumn: string): Map<string, Row> {
  const k = table.columns.indexOf(keyColumn);
  if (k < 0) throw new Error(`table has no column ${keyColumn}`);
  const out = new Map<string, Row>();
  for (const cells of table.rows) {
    const key = (cells[k] ?? '').trim();
    if (key === '' || out.has(key)) continue;
    const row: Row = {};
    table.columns.forEach((c, i) => (row[c] = cells[i] ?? ''));
    out.set(key, row);
  }
  return out;
}

class CheckError extends Error {
  constructor(field: string | null, row: number | null, value: unknown, message: string) {
    super(`${field ?? 'voucher'}${row === null ? '' : ` row ${row}`}: ${message} (value ${JSON.stringify(value)})`);
  }
}

/** DingTalk writes an empty control as "null"; "" and null are empty too. */
function blank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return t === '' || t === 'null';
}

const MONEY = /^(\d+)(?:\.(\d+))?$/;

/** Exact decimal text → integer fen; null when blank; throws on anything but a non-negative ≤2-decimal amount. */
function fen(v: unknown, field: string, row: number | null): number | null {
  if (blank(v)) return null;
  const text = typeof v === 'string' ? v.trim() : String(v);
  const m = MONEY.exec(text);
  if (!m) throw new CheckError(field, row, v, 'the amount must be a non-negative number with at most two decimals');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 2) throw new CheckError(field, row, v, 'the amount must be a non-negative number with at most two decimals');
  const n = Number(m[1]) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(n)) throw new CheckError(field, row, v, 'the amount is too large');
  return n;
}

/** Integer fen → "1174.31" (always two decimals, like Decimal.toFixed(2)). */
function yuan(f: number): string {
  const c = f % 100;
  return `${(f - c) / 100}.${c < 10 ? '0' : ''}${c}`;
}

/** At most 80 Unicode code points. */
function cut80(s: string): string {
  if (s.length <= 80) return s;
  const cps = Array.from(s);
  return cps.length > 80 ? cps.slice(0, 80).join('') : s;
}

function parseJsonText(v: unknown, field: string): unknown {
  if (blank(v)) return null;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new CheckError(field, null, v, 'not JSON');
  }
}

const BEIJING_MS = 8 * 3600 * 1000;

export function makeHandwritten(tables: Record<string, LookupTableData>): (payloadText: string) => string | null {
  const departments = index(tables.departments, 'dept_name');
  const employees = index(tables.employees, 'dingtalk_user_id');
  const expenseTypes = index(tables['expense-types'], 'expense_type');
  const postable = new Map<string, boolean>();
  for (const [code, row] of index(tables.accounts, 'account_code')) postable.set(code, /^(true|1|yes|y|是)$/i.test(row.postable.trim()));
  const F = DT_FIELDS;

  const checkAccount = (account: string, row: number | null) => {
    const p = postable.get(account);
    if (p === undefined) throw new CheckError(F.expenseType, row, account, 'account is not in the chart of accounts');
    if (!p) throw new CheckError(F.expenseType, row, account, 'account is a summary account and cannot be posted to');
  };
  const explanation = (s: string, field: string, row: number | null) => {
    const t = cut80(s);
    if (t.length === 0) throw new CheckError(field, row, s, 'explanation is empty');
    return t;
  };
  const amountLine = (summary: string, account: string, debit: string | null, credit: string | null, flex: Record<string, { FNumber: string }> | undefined) => ({
    FEXPLANATION: summary,
    FACCOUNTID: { FNumber: account },
    FDetailID: flex,
    FCURRENCYID: { FNumber: 'PRE001' },
    FEXCHANGERATETYPE: { FNumber: 'HLTX01_SYS' },
    FEXCHANGERATE: raw('1'),
    FAMOUNTFOR: raw((debit ?? credit)!),
    FDEBIT: raw(debit ?? '0'),
    FCREDIT: raw(credit ?? '0'),
  });

  return function handwritten(payloadText: string): string | null {
    const payload = JSON.parse(payloadText);
    if (payload === null || typeof payload !== 'object') throw new Error('$: expected a JSON object');
    if (payload.success === false || payload.success === 'false') throw new Error('$.success: DingTalk reported success: false');
    const body = payload.result;
    if (body === null || typeof body !== 'object') throw new Error('$.result: expected an object');

    // Rule 1: only COMPLETED/agree is posted.
    if (String(body.status).toUpperCase() !== 'COMPLETED' || String(body.result).toLowerCase() !== 'agree') return null;

    // Rule 2: voucher date = finish time in UTC+8 (v1.0 sends UTC, minute precision: 2025-03-15T08:40Z).
    const finishedMs = Date.parse(body.finishTime);
    if (!Number.isFinite(finishedMs)) throw new CheckError('finishTime', null, body.finishTime, 'not a time');
    const date = new Date(finishedMs + BEIJING_MS).toISOString().slice(0, 10);
    const year = date.slice(0, 4);
    const period = String(Number(date.slice(5, 7)));

    const fields: Record<string, { value?: unknown; extValue?: unknown }> = {};
    for (const c of body.formComponentValues) if (c && typeof c.id === 'string') fields[c.id] = c;

    // Rule 3: department by name, claimant by emplId in the contact field's extValue.
    const deptName = fields[F.department]?.value;
    const dept = typeof deptName === 'string' ? departments.get(deptName.trim()) : undefined;
    if (!dept) throw new CheckError(F.department, null, deptName ?? null, 'the cost-bearing department is not in the departments table');
    const people = parseJsonText(fields[F.claimant]?.extValue, F.claimant);
    const emplId = Array.isArray(people) ? people[0]?.emplId : undefined;
    const emp = typeof emplId === 'string' ? employees.get(emplId.trim()) : undefined;
    if (!emp) throw new CheckError(F.claimant, null, emplId ?? null, 'the claimant is not in the employees table');
    const name = emp.name;

    // Rules 4, 5, 7: rows → expense lines, T, checks.
    const rows = parseJsonText(fields[F.table]?.value, F.table);
    const list = Array.isArray(rows) ? rows : [];
    const entities: unknown[] = [];
    let amountSum = 0;
    let taxSum = 0;
    let debitSum = 0;
    let maxAmount = -1;
    for (let r = 0; r < list.length; r++) {
      const rowNo = r + 1;
      const cells: Record<string, { value?: unknown; extendValue?: { label?: unknown } }> = {};
      for (const cell of list[r]?.rowValue ?? []) if (cell && typeof cell.key === 'string') cells[cell.key] = cell;
      const amount = fen(cells[F.amount]?.value, F.amount, rowNo);
      if (amount === null) throw new CheckError(F.amount, rowNo, null, 'every expense row needs an amount');
      const tax = fen(cells[F.tax]?.value, F.tax, rowNo) ?? 0;
      if (tax > amount) throw new CheckError(F.tax, rowNo, cells[F.tax]?.value, 'the tax must not exceed the amount');
      const typeCell = cells[F.expenseType];
      const typeLabel = typeCell?.extendValue?.label;
      const type = typeof typeLabel === 'string' && !blank(typeLabel) ? typeLabel : blank(typeCell?.value) ? null : String(typeCell!.value);
      const et = type === null ? undefined : expenseTypes.get(type.trim());
      if (!et) throw new CheckError(F.expenseType, rowNo, type, 'the expense type is not in the expense-types table');
      amountSum += amount;
      taxSum += tax;
      if (amount > maxAmount) maxAmount = amount;
      const net = amount - tax;
      if (amount > 0 && net > 0) {
        const account = `${dept.expense_account_prefix}.${et.account_suffix}`;
        checkAccount(account, rowNo);
        const descCell = cells[F.description]?.value;
        const desc = blank(descCell) ? '' : String(descCell);
        debitSum += net;
        entities.push(
          amountLine(explanation(`${name}报销${type}-${desc}`, F.description, rowNo), account, yuan(net), null, {
            FDETAILID__FFLEX5: { FNumber: dept.dept_code },
          }),
        );
      }
    }
    if (maxAmount <= 0) throw new CheckError(F.table, null, `${list.length} rows`, 'the expense detail table needs at least one row with an amount above zero');
    const total = fen(fields[F.total]?.value, F.total, null);
    if (total === null || total !== amountSum) throw new CheckError(F.total, null, fields[F.total]?.value ?? null, 'the claim total must equal the sum of the row amounts');
    if (taxSum > 0) {
      checkAccount('2221.01.01', null);
      debitSum += taxSum;
      entities.push(amountLine(explanation(`${name}报销进项税额`, F.tax, null), '2221.01.01', yuan(taxSum), null, undefined));
    }
    // Rule 6: payable to the claimant.
    const reference = typeof body.businessId === 'string' ? body.businessId : '';
    checkAccount('2241', null);
    entities.push(
      amountLine(explanation(`应付${name}报销款 ${reference}`, F.total, null), '2241', null, yuan(total), {
        FDETAILID__FFLEX7: { FNumber: emp.employee_code },
      }),
    );
    if (entities.length < 2) throw new CheckError(null, null, entities.length, 'a voucher needs at least two entry lines');
    if (debitSum !== total) throw new CheckError(null, null, { debit: yuan(debitSum), credit: yuan(total) }, 'the voucher does not balance');

    // Rule 8: attachments = number of files in the attachment field.
    const files = parseJsonText(fields[F.attachments]?.value, F.attachments);
    const attachments = Array.isArray(files) ? files.length : 0;

    return stringifyWithRawNumbers({
      NeedUpDateFields: [],
      NeedReturnFields: [],
      IsDeleteEntry: 'true',
      SubSystemId: '',
      IsVerifyBaseDataField: 'false',
      IsEntryBatchFill: 'true',
      ValidateFlag: 'true',
      NumberSearch: 'true',
      InterationFlags: '',
      IsAutoSubmitAndAudit: 'false',
      Model: {
        FVOUCHERID: raw('0'),
        FAccountBookID: { FNumber: '001' },
        FDate: date,
        FBUSDATE: date,
        FYEAR: raw(year),
        FPERIOD: raw(period),
        FVOUCHERGROUPID: { FNumber: 'PRE001' },
        FVOUCHERGROUPNO: '',
        FATTACHMENTS: raw(String(attachments)),
        FISADJUSTVOUCHER: 'false',
        FDocumentStatus: '',
        FEntity: entities,
      },
    });
  };
}

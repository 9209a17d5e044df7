/**
 * Contestant 3: the demo rules for the DingTalk → Kingdee travel claim, written by hand in plain JS.
 *
 * Raw payload text in, Kingdee GL_VOUCHER Save object text out, byte-identical to
 * `serialiseKingdee(executor output)`. Money is exact: amounts are parsed from their decimal text into integer
 * fen (cents) and never pass through float arithmetic. The master data is indexed once by `makeHandwritten`
 * (setup, like compiling a mapping); each call parses the payload afresh and caches nothing.
 *
 * It implements the same checks as the demo mapping (README "Voucher rules" 1–9): approved status, lookups
 * found, one department and one claimant (several values in either are refused, as the engine's default "only
 * one" does), every row has an amount, amounts and taxes non-negative with at most two decimals, tax ≤ amount,
 * total = Σ amount, at least one row above zero, postable accounts, balance, explanation 1–80 code points.
 * A failed check throws an Error naming the field, the row and the value.
 *
 * The ledger settings (the spec's `target.options`) are read once, as the engine's pipeline does: the Save flag
 * IsVerifyBaseDataField, the currency map (the mapping books every line in CNY, DingTalk amounts are CNY, so the
 * currencies agree and a CNY line in a CNY book has rate 1), and the dimension map (department and employee flex
 * fields). JSON numbers where an amount or id is read trigger an exact second parse (bench/exact-json.ts).
 */
import type { LookupTableData } from '../server/engine';
import { EXACT_REPARSE, parseNumbersAsText } from './exact-json';

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

/** A JSON number where digits matter: the float may have lost some, so the payload is parsed again exactly. */
function exact<T>(v: T): T {
  if (typeof v === 'number') throw new Error(EXACT_REPARSE);
  return v;
}

const MONEY = /^(\d+)(?:\.(\d+))?$/;
/** Thousands separators as OA money controls may write them ("1,280.00"); the engine's connectors accept them too. */
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Exact decimal text → integer fen; null when blank; throws on anything but a non-negative ≤2-decimal amount. */
function fen(v: unknown, field: string, row: number | null): number | null {
  if (blank(exact(v))) return null;
  const trimmed = typeof v === 'string' ? v.trim() : String(v);
  const text = GROUPED.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
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

function parseJsonText(v: unknown, field: string, parse: (text: string) => unknown): unknown {
  if (blank(v)) return null;
  if (typeof v !== 'string') return v;
  try {
    return parse(v);
  } catch {
    throw new CheckError(field, null, v, 'not JSON');
  }
}

/** The first of a dialect's spellings that is present (DingTalk writes `emplId`, `userId`, `deptName`…). */
function firstOf(o: unknown, keys: readonly string[]): unknown {
  if (o === null || typeof o !== 'object') return undefined;
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined && Object.prototype.hasOwnProperty.call(o, k)) return v;
  }
  return undefined;
}
const USER_ID = ['emplId', 'userId', 'userid', 'id'];
const DEPT_ID = ['id', 'deptId', 'dept_id', 'departmentId'];
const DEPT_NAME = ['name', 'deptName', 'dept_name'];

/** Several values in one control: a JSON array of texts, or text joined by commas (full-width ones too). */
function listOf(v: unknown, parse: (text: string) => unknown): string[] {
  if (blank(exact(v))) return [];
  const text = String(v);
  if (text.trimStart().startsWith('[')) {
    try {
      const list = parse(text);
      if (Array.isArray(list)) return list.filter((x) => !blank(x)).map((x) => String(exact(x)));
    } catch {
      // not JSON: comma-separated text after all
    }
  }
  return text.split(/[,，]/).map((t) => t.trim()).filter((t) => t !== '' && t !== 'null');
}

/** A control meant to hold one value (department, claimant) that holds several is refused, never cut. */
function onlyOne(values: unknown[], field: string): unknown {
  if (values.length > 1) throw new CheckError(field, null, values, `holds ${values.length} values where one is expected`);
  return values[0];
}

/** The demo's ledger settings as the hand-written code needs them, with the engine's defaults. */
interface KingdeeSettings {
  isVerifyBaseDataField?: boolean;
  currencyMap?: Record<string, string>;
  dimensionMap?: Record<string, { field: string }>;
}

const BEIJING_MS = 8 * 3600 * 1000;

export function makeHandwritten(tables: Record<string, LookupTableData>, options: unknown): (payloadText: string) => string | null {
  const settings = (options ?? {}) as KingdeeSettings;
  const verifyBaseData = String(settings.isVerifyBaseDataField ?? true);
  const currencyMap = settings.currencyMap ?? { CNY: 'PRE001' };
  const dimensionMap = settings.dimensionMap ?? { department: { field: 'FFLEX5' }, employee: { field: 'FFLEX7' } };
  // Every line of the demo is booked in CNY (the mapping's constant) at rate 1; these are the settings' answers.
  const cnyNumber = Object.prototype.hasOwnProperty.call(currencyMap, 'CNY') ? currencyMap.CNY : undefined;
  const departmentFlex = dimensionMap.department ? `FDETAILID__${dimensionMap.department.field}` : undefined;
  const employeeFlex = dimensionMap.employee ? `FDETAILID__${dimensionMap.employee.field}` : undefined;
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
  const flexOf = (key: string | undefined, dimension: string, code: string, row: number | null) => {
    if (key === undefined) throw new CheckError(null, row, dimension, 'the dimension has no Kingdee flex field in the dimension map');
    return { [key]: { FNumber: code } };
  };
  const amountLine = (summary: string, account: string, debit: string | null, credit: string | null, flex: Record<string, { FNumber: string }> | undefined) => ({
    FEXPLANATION: summary,
    FACCOUNTID: { FNumber: account },
    FDetailID: flex,
    FCURRENCYID: { FNumber: cnyNumber },
    FEXCHANGERATETYPE: { FNumber: 'HLTX01_SYS' },
    FEXCHANGERATE: raw('1'),
    FAMOUNTFOR: raw((debit ?? credit)!),
    FDEBIT: raw(debit ?? '0'),
    FCREDIT: raw(credit ?? '0'),
  });

  const convert = (payloadText: string, parse: (text: string) => unknown): string | null => {
    const payload = parse(payloadText) as { success?: unknown; result?: Record<string, any> } | null;
    if (payload === null || typeof payload !== 'object') throw new Error('$: expected a JSON object');
    if (payload.success === false || payload.success === 'false') throw new Error('$.success: DingTalk reported success: false');
    const body = payload.result;
    if (body === null || typeof body !== 'object') throw new Error('$.result: expected an object');
    if (cnyNumber === undefined) throw new CheckError(null, null, 'CNY', 'the currency has no Kingdee currency number in the currency map');

    // Rule 1: only COMPLETED/agree is posted.
    if (String(body.status).toUpperCase() !== 'COMPLETED' || String(body.result).toLowerCase() !== 'agree') return null;

    // Rule 2: voucher date = finish time in UTC+8 (v1.0 sends UTC, minute precision: 2025-03-15T08:40Z).
    const finishedMs = Date.parse(body.finishTime);
    if (!Number.isFinite(finishedMs)) throw new CheckError('finishTime', null, body.finishTime, 'not a time');
    const date = new Date(finishedMs + BEIJING_MS).toISOString().slice(0, 10);
    const year = date.slice(0, 4);
    const period = String(Number(date.slice(5, 7)));

    const fields: Record<string, { value?: unknown; extValue?: unknown; ext_value?: unknown }> = {};
    for (const c of body.formComponentValues) if (c && typeof c.id === 'string') fields[c.id] = c;

    // Rule 3: department by name, claimant by user id; one of each. Ids and names in extValue win over the text.
    const deptField = fields[F.department];
    const deptExt = parseJsonText(deptField?.extValue ?? deptField?.ext_value, F.department, parse);
    const deptRefs = Array.isArray(deptExt) ? deptExt.filter((d) => firstOf(d, DEPT_ID) !== undefined || !blank(firstOf(d, DEPT_NAME))) : [];
    const deptName = deptRefs.length
      ? firstOf(onlyOne(deptRefs, F.department), DEPT_NAME)
      : onlyOne(listOf(deptField?.value, parse), F.department);
    const dept = typeof exact(deptName) === 'string' ? departments.get((deptName as string).trim()) : undefined;
    if (!dept) throw new CheckError(F.department, null, deptName ?? null, 'the cost-bearing department is not in the departments table');
    const contact = fields[F.claimant];
    const people = parseJsonText(contact?.extValue ?? contact?.ext_value, F.claimant, parse);
    let ids: unknown[] = Array.isArray(people) ? people.map((p) => exact(firstOf(p, USER_ID))).filter((id) => id !== undefined && id !== null && id !== '') : [];
    // The create-instance form: the value is a JSON array of user ids.
    if (ids.length === 0 && typeof contact?.value === 'string' && contact.value.trimStart().startsWith('[')) ids = listOf(contact.value, parse);
    const emplId = onlyOne(ids, F.claimant);
    const emp = typeof emplId === 'string' ? employees.get(emplId.trim()) : undefined;
    if (!emp) throw new CheckError(F.claimant, null, emplId ?? null, 'the claimant is not in the employees table');
    const name = emp.name;

    // Rules 4, 5, 7: rows → expense lines, T, checks.
    const rows = parseJsonText(fields[F.table]?.value, F.table, parse);
    const list: any[] = Array.isArray(rows) ? rows : [];
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
      const type = typeof typeLabel === 'string' && !blank(typeLabel) ? typeLabel : blank(exact(typeCell?.value)) ? null : String(typeCell!.value);
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
          amountLine(explanation(`${name}报销${type}-${desc}`, F.description, rowNo), account, yuan(net), null, flexOf(departmentFlex, 'department', dept.dept_code, rowNo)),
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
    const reference = typeof exact(body.businessId) === 'string' ? body.businessId : '';
    checkAccount('2241', null);
    entities.push(
      amountLine(explanation(`应付${name}报销款 ${reference}`, F.total, null), '2241', null, yuan(total), flexOf(employeeFlex, 'employee', emp.employee_code, null)),
    );
    if (entities.length < 2) throw new CheckError(null, null, entities.length, 'a voucher needs at least two entry lines');
    if (debitSum !== total) throw new CheckError(null, null, { debit: yuan(debitSum), credit: yuan(total) }, 'the voucher does not balance');

    // Rule 8: attachments = number of files in the attachment field.
    const files = parseJsonText(fields[F.attachments]?.value, F.attachments, parse);
    const attachments = Array.isArray(files) ? files.length : 0;

    return stringifyWithRawNumbers({
      NeedUpDateFields: [],
      NeedReturnFields: [],
      IsDeleteEntry: 'true',
      SubSystemId: '',
      IsVerifyBaseDataField: verifyBaseData,
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

  return function handwritten(payloadText: string): string | null {
    try {
      return convert(payloadText, JSON.parse);
    } catch (e) {
      if ((e as Error).message !== EXACT_REPARSE) throw e;
      return convert(payloadText, parseNumbersAsText);
    }
  };
}

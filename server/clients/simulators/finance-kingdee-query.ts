import type { SavedKingdeeVoucher } from './finance-kingdee';

/**
 * ExecuteBillQuery over the simulator's saved vouchers: FieldKeys in order, an SQL-like FilterString of
 * `Field like '…'` / `Field = '…'` / `Field = 123` conditions joined by `and`, and — as in Kingdee — one row per
 * entry as soon as an entry field (FEXPLANATION) is asked for or filtered on.
 */

type Row = { voucher: SavedKingdeeVoucher; entry: number | null };
type Condition = { field: string; op: 'like' | '='; value: string };

const HEAD_FIELDS: Record<string, (v: SavedKingdeeVoucher) => unknown> = {
  FVOUCHERID: (v) => v.id,
  FBILLNO: (v) => v.number,
  'FVOUCHERGROUPID.FNAME': (v) => v.number.split('-')[0],
  FVOUCHERGROUPNO: (v) => v.number.split('-')[1],
  FYEAR: (v) => v.model.FYEAR,
  FPERIOD: (v) => v.model.FPERIOD,
  'FACCOUNTBOOKID.FNUMBER': (v) => (v.model.FAccountBookID as { FNumber?: unknown } | undefined)?.FNumber,
};
const ENTRY_FIELDS = new Set(['FEXPLANATION']);

function valueOf(field: string, row: Row): unknown {
  const key = field.toUpperCase();
  if (ENTRY_FIELDS.has(key)) return row.entry === null ? null : row.voucher.explanations[row.entry];
  return HEAD_FIELDS[key]?.(row.voucher);
}

function known(field: string): boolean {
  const key = field.toUpperCase();
  return ENTRY_FIELDS.has(key) || key in HEAD_FIELDS;
}

/** Splits on `and` outside quoted literals ('' is a quote inside a literal). */
function splitConditions(filter: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i];
    if (ch === "'") quoted = !quoted;
    if (!quoted && /^\sand\s/i.test(filter.slice(i, i + 5))) {
      parts.push(current);
      current = '';
      i += 3;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseCondition(text: string): Condition | null {
  const m = /^([\w.]+)\s+(like|=)\s+(?:'((?:[^']|'')*)'|(-?\d+))$/i.exec(text);
  if (!m) return null;
  return { field: m[1], op: m[2].toLowerCase() as Condition['op'], value: m[3] !== undefined ? m[3].replace(/''/g, "'") : m[4] };
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, 's');
}

function matches(c: Condition, row: Row): boolean {
  const v = valueOf(c.field, row);
  if (v === null || v === undefined) return false;
  return c.op === 'like' ? likeToRegExp(c.value).test(String(v)) : String(v) === c.value;
}

export function runBillQuery(data: Record<string, unknown>, saved: SavedKingdeeVoucher[]): unknown[][] | { error: string } {
  if (data.FormId !== 'GL_VOUCHER') return { error: `业务对象 ${String(data.FormId)} 不存在` };
  const keys = String(data.FieldKeys ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) return { error: 'FieldKeys 不能为空' };
  const unknownKey = keys.find((k) => !known(k));
  if (unknownKey) return { error: `字段 ${unknownKey} 不存在` };

  const conditions: Condition[] = [];
  for (const text of splitConditions(String(data.FilterString ?? ''))) {
    const c = parseCondition(text);
    if (!c || !known(c.field)) return { error: `过滤条件无法解析：${text}` };
    conditions.push(c);
  }
  const perEntry = [...keys, ...conditions.map((c) => c.field)].some((k) => ENTRY_FIELDS.has(k.toUpperCase()));
  const rows: Row[] = saved.flatMap((voucher): Row[] => (perEntry ? voucher.explanations.map((_, entry) => ({ voucher, entry })) : [{ voucher, entry: null }]));
  const limit = Number(data.Limit) > 0 ? Number(data.Limit) : 10_000;
  return rows
    .filter((row) => conditions.every((c) => matches(c, row)))
    .slice(0, limit)
    .map((row) => keys.map((k) => valueOf(k, row) ?? null));
}

import type { FormCell } from './form-record';
import type { AmountSource } from './graph';
import { tableRows, type RunContext } from './runtime';
import { cellCurrency } from './source-ports';
import { Fault, toText, type Value } from './values';

/**
 * Currency provenance. The engine does not convert money: an amount stays in the currency of the OA cells it was
 * made of, and a voucher line books it in that currency (the ledger converts to local money with the line's
 * exchange rate). So the engine only has to know, for an amount, which money cells fed it and which currency they
 * were in, and refuse what would mix currencies or book an amount under a currency it is not in.
 */

/** How a line reads one money field it depends on: the line's own row, every row of a table (a sum), or once. */
export interface PlannedAmount {
  source: AmountSource;
  /** `sum`: a total of rows, whose currency the aggregate settled (see `rowsCurrency`). */
  mode: 'row' | 'sum' | 'record';
}

/** One money cell that fed an amount, with its currency. `row` is 1-based, null for a form-level field. */
export interface CurrencyUse {
  currency: string;
  source: AmountSource;
  row: number | null;
}

/** How a line reads each money field: a total (through an aggregate), the line's own row, or a form field. */
export function planAmounts(amounts: AmountSource[]): PlannedAmount[] {
  return amounts.map((source) => ({ source, mode: source.via !== undefined ? 'sum' : source.table ? 'row' : 'record' }));
}

const filled = (cell: FormCell | undefined): cell is FormCell =>
  cell !== undefined && cell.value !== null && cell.value !== undefined && cell.value !== '';

/** Appends the currency of every filled money cell the planned amounts read for line row `r` (0-based). */
export function collectUses(ctx: RunContext, planned: PlannedAmount[], r: number, into: CurrencyUse[]): void {
  for (const { source, mode } of planned) {
    if (mode === 'sum') {
      const currency = ctx.sums?.get(source.via!);
      if (currency) into.push({ currency, source, row: null });
      continue;
    }
    const cell = mode === 'record' ? ctx.record.fields[source.field] : tableRows(ctx, source.table!)[r]?.[source.field];
    const currency = filled(cell) ? cellCurrency(cell) : null;
    if (currency) into.push({ currency, source, row: mode === 'row' ? r + 1 : null });
  }
}

export const where = (u: { source: AmountSource; row: number | null }): string => (u.row === null ? u.source.name : `${u.source.name} (row ${u.row})`);

/**
 * The one currency the uses share, null when no cell said, or a Fault naming the first two cells that differ
 * (the field, the row and both currencies). `doing` says what mixing them would have meant.
 */
export function commonCurrency(uses: CurrencyUse[], doing: string): string | null | Fault {
  if (uses.length === 0) return null;
  const first = uses[0];
  for (let i = 1; i < uses.length; i++) {
    const u = uses[i];
    if (u.currency === first.currency) continue;
    const f = new Fault(
      'currency_mixed',
      `${where(first)} is in ${first.currency} but ${where(u)} is in ${u.currency}; ${doing}`,
      [...new Set(uses.map((x) => x.currency))],
    );
    f.field = u.source.field;
    f.row = u.row;
    return f;
  }
  return first.currency;
}

/**
 * The currency the counted rows of an aggregate are in (a sum of USD and CNY rows means nothing), recorded for the
 * lines its total reaches. Rows left out by the aggregate's condition do not count.
 */
export function rowsCurrency(ctx: RunContext, node: number, amounts: AmountSource[], table: string, counted: (row: number) => boolean): string | null | Fault {
  const rows = tableRows(ctx, table);
  const same = rowsShareCurrency(rows, amounts, table, counted);
  if (same !== MIXED) {
    if (same !== null) (ctx.sums ??= new Map()).set(node, same);
    return same;
  }
  // Mixed: list every use, to name the first two cells that differ.
  const uses: CurrencyUse[] = [];
  for (const source of amounts) {
    if (source.table !== table) continue;
    for (let i = 0; i < rows.length; i++) {
      if (!counted(i)) continue;
      const cell = rows[i][source.field];
      const currency = filled(cell) ? cellCurrency(cell) : null;
      if (currency) uses.push({ currency, source, row: i + 1 });
    }
  }
  const currency = commonCurrency(uses, 'amounts in different currencies cannot be added or compared; convert them or split the claim');
  if (typeof currency === 'string') (ctx.sums ??= new Map()).set(node, currency);
  return currency;
}

/** Returned by the quick scans below when two cells differ: the caller lists the uses to word the error. */
const MIXED = Symbol('mixed currencies');

/**
 * The usual case costs no allocation: every counted cell is in one currency (or none says). Only when two differ
 * does `rowsCurrency` list the uses to name them.
 */
function rowsShareCurrency(
  rows: ReturnType<typeof tableRows>,
  amounts: AmountSource[],
  table: string,
  counted: (row: number) => boolean,
): string | null | typeof MIXED {
  let common: string | null = null;
  for (const source of amounts) {
    if (source.table !== table) continue;
    for (let i = 0; i < rows.length; i++) {
      if (!counted(i)) continue;
      const cell = rows[i][source.field];
      const currency = filled(cell) ? cellCurrency(cell) : null;
      if (currency === null) continue;
      if (common === null) common = currency;
      else if (currency !== common) return MIXED;
    }
  }
  return common;
}

/** `collectUses` for every money field of a line, reduced to their one currency without listing them; MIXED if two differ. */
function lineShareCurrency(ctx: RunContext, plan: LineCurrencyPlan, r: number, values: Record<string, Value>): string | null | typeof MIXED {
  let common: string | null = null;
  for (const m of plan.money) {
    const v = values[m.field];
    if (v === null || v === undefined) continue;
    for (const { source, mode } of m.amounts) {
      let currency: string | null | undefined;
      if (mode === 'sum') currency = ctx.sums?.get(source.via!);
      else {
        const cell = mode === 'record' ? ctx.record.fields[source.field] : tableRows(ctx, source.table!)[r]?.[source.field];
        currency = filled(cell) ? cellCurrency(cell) : null;
      }
      if (!currency) continue;
      if (common === null) common = currency;
      else if (currency !== common) return MIXED;
    }
  }
  return common;
}

/** What a line template needs to settle its currency: its money fields' provenance and its currency field. */
export interface LineCurrencyPlan {
  money: { field: string; node: string; amounts: PlannedAmount[] }[];
  /** The target node mapping the line's currency, or null when the mapping leaves it unmapped. */
  currencyNode: string | null;
  /** Whether the line records its amounts' currency when unmapped (vouchers, and documents with a currency field). */
  fill: boolean;
}

/**
 * After a line's values are shaped: the currency its amounts are in must be the line's. Unmapped (or empty), the
 * line takes its amounts' currency; mapped to another one, the run fails rather than book USD as CNY at rate 1.
 * Amounts from cells in different currencies on one line fail too. `prefix` is the line's path (`lines[2].`).
 */
export function settleLineCurrency(
  ctx: RunContext,
  plan: LineCurrencyPlan,
  r: number,
  values: Record<string, Value>,
  prefix: string,
): void {
  const same = lineShareCurrency(ctx, plan, r, values);
  if (same === null) return;
  if (same !== MIXED) {
    // One currency: the usual case, settled without listing the uses (only a mismatch needs them, to name one).
    const given = values.currency;
    const text = given === null || given === undefined ? '' : toText(given).trim();
    if (text === '') {
      if (plan.fill) values.currency = same;
      return;
    }
    if (text.toUpperCase() === same) return;
  }
  const uses: CurrencyUse[] = [];
  let node: string | null = null;
  for (const m of plan.money) {
    const v = values[m.field];
    if (v === null || v === undefined) continue; // no amount (or one already refused): nothing is booked
    node ??= m.node;
    collectUses(ctx, m.amounts, r, uses);
  }
  if (uses.length === 0) return;
  const currency = commonCurrency(uses, 'a line books one currency: put these amounts on separate lines');
  if (currency instanceof Fault) {
    ctx.errors.push({ field: currency.field, row: currency.row, value: currency.value, message: currency.message, code: currency.code, node, target: `${prefix}currency` });
    return;
  }
  if (currency === null) return;
  const given = values.currency;
  const text = given === null || given === undefined ? '' : toText(given).trim();
  if (text === '') {
    if (plan.fill) values.currency = currency;
    return;
  }
  if (text.toUpperCase() === currency) return;
  const use = uses[0];
  ctx.errors.push({
    field: use.source.field,
    row: use.row,
    value: { amountCurrency: currency, lineCurrency: text },
    message: `amount of ${where(use)} is in ${currency} but the line's currency is ${text}; map the line's currency from the amount and give an exchange rate`,
    code: 'currency_mismatch',
    node: plan.currencyNode ?? node,
    target: `${prefix}currency`,
  });
}

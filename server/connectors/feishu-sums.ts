/**
 * Feishu currencies: the amounts' currencies across a form, and the detail tables' column sums.
 * A fieldList's `ext` lists one sum per summed column: `{id: <column id>, type: "amount", value: "2496.00",
 * capitalValue, sumItems: "[{\"currency\":\"CNY\",\"value\":\"2496\"}]"}`, where `sumItems` (a JSON string)
 * has one entry per currency the column's rows are in.
 */
import type { Labels, TemplateField } from '../engine/form-record';
import type { Entry } from './lib/build';
import { currencyCode, DEFAULT_CURRENCY, labelsWithSuffix, moneyEntry, numberEntry, unknownEntry, type Ctx } from './lib/cells';
import { idText, isObj, items, own, safeJson, type Obj } from './lib/json';
import { jsonStringValue } from './lib/values';

/** The distinct currencies of a form's amount widgets (detail rows included), in order of appearance. */
export interface FormCurrency {
  codes: string[];
}

/** The amount's currency as sent: `ext.currency` (what instance/get returns), else `currency` (the create doc's shape). */
export function amountCurrencyText(raw: Obj): unknown {
  return own(own(raw, 'ext'), 'currency') ?? own(raw, 'currency');
}

/** Absent → CNY (Feishu's amount widget defaults to the yuan); not an ISO code → undefined. */
export function amountCurrencyOf(raw: Obj): string | undefined {
  const sent = amountCurrencyText(raw);
  return sent === undefined || sent === null || sent === '' ? DEFAULT_CURRENCY : currencyCode(sent);
}

export function currencyOfForm(widgets: unknown[]): FormCurrency {
  const codes = new Set<string>();
  const visit = (w: unknown) => {
    if (!isObj(w)) return;
    const type = own(w, 'type');
    if (type === 'amount') {
      const code = amountCurrencyOf(w);
      if (code) codes.add(code);
    } else if (type === 'fieldList') {
      for (const row of items(own(w, 'value')) ?? []) for (const cell of items(row) ?? []) if (own(cell, 'type') !== 'fieldList') visit(cell);
    }
  };
  widgets.forEach(visit);
  return { codes: [...codes] };
}

/** `<table>.<column>.sum` entries for the table's `ext` sums; amounts in one currency are money in it. */
export function sumEntries(table: { id: string; label: Labels; raw: Obj }, columns: TemplateField[], ctx: Ctx): Entry[] {
  const out: Entry[] = [];
  for (const e of items(own(table.raw, 'ext')) ?? []) {
    const column = idText(own(e, 'id'));
    if (column === undefined) continue;
    const id = `${table.id}.${column}.sum`;
    const columnLabel = columns.find((c) => c.id === column)?.label ?? { zh: column };
    const label = labelsWithSuffix(columnLabel, '合计', 'sum');
    const sumCtx: Ctx = { warn: ctx.warn, where: `${ctx.where} sum of ${column}` };
    const parsed = jsonStringValue(own(e, 'sumItems'));
    const perCurrency = parsed.ok ? (items(parsed.value) ?? []) : [];
    if (own(e, 'type') !== 'amount' && perCurrency.length === 0) {
      out.push(numberEntry(id, label, own(e, 'value'), sumCtx));
      continue;
    }
    const codes = [...new Set(perCurrency.map((s) => currencyCode(own(s, 'currency'))).filter((c): c is string => c !== undefined))];
    if (codes.length > 1) {
      // One figure over several currencies means nothing: keep what Feishu sent, as text, and say so.
      out.push(unknownEntry(id, label, safeJson(perCurrency), sumCtx, `rows in ${codes.join(' and ')}, no single total`));
      continue;
    }
    const value = own(e, 'value') ?? own(perCurrency[0], 'value');
    out.push(moneyEntry(id, label, value, codes[0] ?? DEFAULT_CURRENCY, sumCtx));
  }
  return out;
}

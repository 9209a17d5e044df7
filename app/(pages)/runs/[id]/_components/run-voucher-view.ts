import Decimal from 'decimal.js';
import { DIMENSIONS, type FormRecord, type MappingSpec, type TraceEntry } from '#server/engine';
import { getCatalogue } from '#server/ledgers/catalogues';
import { headerSettingValue } from '#server/ledgers/field-sources';
import { voucherWordText } from '#server/ledgers/voucher-word';
import {
  exactAmountText,
  fieldLabels,
  traceView,
  type TraceView,
  type VoucherHeaderView,
  type VoucherLineView,
  type VoucherTotals,
} from '#server/pipeline/preview-view';

/**
 * A live run stores the engine's voucher and trace as JSON (amounts as decimal text); the preview's components
 * read the preview's view of them. This turns the stored form into that view, so a run's voucher looks exactly
 * like the preview of the same payload. Pure: it runs in the browser.
 */

type StoredLine = { summary?: unknown; account?: unknown; debit?: unknown; credit?: unknown; currency?: unknown; dimensions?: Record<string, unknown> };
type StoredVoucher = { header?: Record<string, unknown>; lines?: StoredLine[] };

const text = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));

/** Decimal text as the engine wrote it; anything else (a bad row in an old run) is treated as no amount. */
function amount(v: unknown): Decimal | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  try {
    return new Decimal(v);
  } catch {
    return null;
  }
}

export interface RunVoucherView {
  header: VoucherHeaderView;
  lines: VoucherLineView[];
  totals: VoucherTotals;
}

export function runVoucherView(stored: unknown, spec: MappingSpec): RunVoucherView | null {
  const voucher = stored as StoredVoucher | null;
  if (!voucher || typeof voucher !== 'object' || !Array.isArray(voucher.lines)) return null;
  const catalogue = getCatalogue(spec.target.format);
  const scale = catalogue?.moneyScale ?? 2;
  const dims = (catalogue?.fields ?? []).filter((f) => f.group === 'line' && (DIMENSIONS as readonly string[]).includes(f.id));
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  const lines: VoucherLineView[] = voucher.lines.map((l, i) => {
    const d = amount(l.debit);
    const c = amount(l.credit);
    if (d) debit = debit.plus(d);
    if (c) credit = credit.plus(c);
    return {
      lineNo: i + 1,
      // The stored voucher keeps no line-template origin: the preview's view names it, a run's does not.
      template: '',
      templateLabel: null,
      row: null,
      summary: text(l.summary),
      account: text(l.account),
      accountName: null,
      debit: d && !d.isZero() ? exactAmountText(d, scale) : null,
      credit: c && !c.isZero() ? exactAmountText(c, scale) : null,
      currency: text(l.currency),
      dimensions: dims.flatMap((f) => {
        const value = text(l.dimensions?.[f.id]);
        return value ? [{ id: f.id, label: f.label, value }] : [];
      }),
    };
  });
  const h = voucher.header ?? {};
  const header: VoucherHeaderView = {
    book: text(h.book),
    date: text(h.date),
    fiscalYear: text(h.fiscalYear),
    period: text(h.period),
    voucherWord: voucherWordText(spec.target.format, text(h.voucherWord) ?? headerSettingValue(spec, 'voucherWord')),
    summary: text(h.summary),
    attachments: text(h.attachments),
    reference: text(h.reference),
    preparer: text(h.preparer),
  };
  const totals: VoucherTotals = {
    debit: exactAmountText(debit, scale),
    credit: exactAmountText(credit, scale),
    difference: exactAmountText(debit.minus(credit), scale),
  };
  return { header, lines, totals };
}

/** The stored trace with the labels people know (OA field labels from the run's record, node labels from the spec). */
export function runTraceView(stored: unknown, spec: MappingSpec, record: FormRecord | null): TraceView[] {
  if (!Array.isArray(stored)) return [];
  const ctx = { spec, catalogue: getCatalogue(spec.target.format) ?? null, accountNames: new Map<string, string>() };
  const nodeLabels = new Map(spec.nodes.flatMap((n) => (n.label ? [[n.id, n.label] as const] : [])));
  const fields = fieldLabels(record);
  return (stored as TraceEntry[]).map((t) => traceView(t, ctx, fields, nodeLabels));
}

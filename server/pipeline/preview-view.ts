import Decimal from 'decimal.js';
import { DIMENSIONS } from '../engine/voucher';
import type { CompileError, FormRecord, Labels, MappingSpec, RunError, TargetCatalogue, TraceEntry, Value } from '../engine';
import { voucherWordText } from '../ledgers/voucher-word';
import { errorWording } from './error-wording';
import { targetPlace } from './target-path';
import type { RunOutcome } from './run';

/**
 * The JSON-safe picture of one preview run, as the preview page shows it: every amount is a decimal string
 * (never a float), every id comes with the label people know it by, and nothing here can fail for bad data.
 */

export interface RecordSummary {
  oaSystem: string;
  instanceId: string;
  templateCode: string;
  title: string;
  status: string;
  rawStatus: string;
  /** The applicant's user id in the OA system, and their name (the OA's, else the mapping's lookup's; see applicant-name.ts). */
  applicantId: string | null;
  applicantName: string | null;
  department: string | null;
  submittedAt: string | null;
  finishedAt: string | null;
  oaReference: string;
  fieldCount: number;
  warnings: string[];
}

export interface VoucherHeaderView {
  book: string | null;
  date: string | null;
  fiscalYear: string | null;
  period: string | null;
  voucherWord: string | null;
  summary: string | null;
  attachments: string | null;
  reference: string | null;
  preparer: string | null;
}

export interface DimensionView {
  id: string;
  label: Labels;
  value: string;
}

export interface VoucherLineView {
  lineNo: number;
  /** The line template that emitted it, and the 1-based detail row for per-row templates. */
  template: string;
  templateLabel: Labels | null;
  row: number | null;
  summary: string | null;
  account: string | null;
  accountName: string | null;
  /** Decimal strings at the ledger's money scale; null when the line has nothing on that side. */
  debit: string | null;
  credit: string | null;
  currency: string | null;
  dimensions: DimensionView[];
}

export interface VoucherTotals {
  debit: string;
  credit: string;
  /** debit − credit. Whether the voucher balances is the engine's verdict (its `unbalanced` error), never these sums. */
  difference: string;
}

export interface PreviewErrorView {
  field: string | null;
  fieldLabel: Labels | null;
  row: number | null;
  /** The offending value as readable text (JSON for structured values), cut at 300 characters. */
  value: string | null;
  message: string;
  /** The analyst's own wording of a failed check, when there is one. */
  labels: Labels | null;
  code: string;
  node: string | null;
  nodeLabel: string | null;
  /** The voucher field the error is about, and the figures of its message, for wording it in the UI's language. */
  targetLabel: Labels | null;
  params: Record<string, string>;
  target: string | null;
}

export interface TraceSourceView {
  field: string;
  fieldLabel: Labels | null;
  table: string | null;
  row: number | null;
}

export interface TraceView {
  target: string;
  /** 1-based voucher line, or null for a header field. */
  line: number | null;
  targetField: string;
  targetLabel: Labels | null;
  sources: TraceSourceView[];
  nodes: { id: string; label: string | null }[];
  /** A value no link produced: which ledger setting, or the voucher date, or rate 1 on a base-currency line. */
  from?: TraceEntry['from'];
}

/** A required voucher field no link feeds yet: in the header (line null) or in every line of a template. */
export interface MissingFieldView {
  line: string | null;
  field: string;
}

export interface PreviewResult {
  kind: RunOutcome['kind'];
  mapping: { name: string; connector: string; targetFormat: string; targetLabel: Labels | null };
  record: RecordSummary | null;
  header: VoucherHeaderView | null;
  lines: VoucherLineView[];
  totals: VoucherTotals | null;
  document: { text: string; contentType: string } | null;
  errors: PreviewErrorView[];
  compileErrors: CompileError[];
  skipReason: string | null;
  /** For a skipped instance: the statuses the mapping posts on, to word the reason in the UI's language. */
  postOn: string[] | null;
  trace: TraceView[];
  /** A partial run (a mapping still being built): the required fields not mapped yet, to mark in place. */
  missing: MissingFieldView[];
}

export interface ViewContext {
  spec: MappingSpec;
  catalogue: TargetCatalogue | null;
  /** Account code → name, from the mapping's chart of accounts when it has a name column. */
  accountNames: Map<string, string>;
}

const plainText = (v: Value | undefined): string | null => {
  if (v === undefined || v === null) return null;
  if (Decimal.isDecimal(v)) return (v as Decimal).toFixed();
  if (Array.isArray(v)) return v.map((x) => plainText(x) ?? '').join(', ');
  return String(v);
};

function money(v: Value | undefined): Decimal | null {
  return Decimal.isDecimal(v) ? (v as Decimal) : null;
}

/**
 * An amount as the engine produced it, padded to the ledger's scale but never rounded: a refused draft's 12.345
 * shows as 12.345, so the preview never displays a figure the engine did not compute.
 */
export function exactAmountText(d: Decimal, scale: number): string {
  return d.decimalPlaces() >= scale ? d.toFixed() : d.toFixed(scale);
}

function displayValue(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  let text: string;
  if (typeof v === 'string') text = v;
  else if (Decimal.isDecimal(v)) text = (v as Decimal).toFixed();
  else {
    try {
      text = JSON.stringify(v, (_k, x) => (Decimal.isDecimal(x) ? (x as Decimal).toFixed() : x)) ?? String(v);
    } catch {
      text = String(v);
    }
  }
  return text.length > 300 ? text.slice(0, 300) + '…' : text;
}

/** Field id → label, for top-level fields and for every detail-table column seen in the record. */
export function fieldLabels(record: FormRecord | null): Map<string, Labels> {
  const labels = new Map<string, Labels>();
  if (!record) return labels;
  for (const [id, cell] of Object.entries(record.fields)) {
    labels.set(id, cell.label);
    if (cell.type === 'table' && Array.isArray(cell.value))
      for (const row of cell.value as Record<string, { label: Labels }>[])
        for (const [col, c] of Object.entries(row)) if (!labels.has(col)) labels.set(col, c.label);
  }
  return labels;
}

export function summariseRecord(r: FormRecord): RecordSummary {
  return {
    oaSystem: r.oaSystem,
    instanceId: r.instanceId,
    templateCode: r.templateCode,
    title: r.title,
    status: r.status,
    rawStatus: r.rawStatus,
    applicantId: r.applicant?.id ?? null,
    applicantName: r.applicant?.name ?? null,
    department: r.department ? (r.department.name ?? r.department.id ?? null) : null,
    submittedAt: r.submittedAt,
    finishedAt: r.finishedAt,
    oaReference: r.oaReference,
    fieldCount: Object.keys(r.fields).length,
    warnings: r.warnings,
  };
}

export function errorView(e: RunError, fields: Map<string, Labels>, nodeLabels: Map<string, string>, ctx: ViewContext): PreviewErrorView {
  return {
    ...errorWording(e, ctx.spec, ctx.catalogue),
    field: e.field,
    fieldLabel: e.field ? (fields.get(e.field) ?? null) : null,
    row: e.row,
    value: displayValue(e.value),
    message: e.message,
    labels: e.labels ?? null,
    code: e.code,
    node: e.node ?? null,
    nodeLabel: e.node ? (nodeLabels.get(e.node) ?? null) : null,
    target: e.target ?? null,
  };
}

export function traceView(t: TraceEntry, ctx: ViewContext, fields: Map<string, Labels>, nodeLabels: Map<string, string>): TraceView {
  const { line, fieldId, field } = targetPlace(t.target, ctx.catalogue);
  return {
    target: t.target,
    line,
    targetField: fieldId,
    targetLabel: field?.label ?? null,
    sources: t.sources.map((s) => ({ field: s.field, fieldLabel: fields.get(s.field) ?? null, table: s.table ?? null, row: s.row })),
    nodes: t.nodes.map((id) => ({ id, label: nodeLabels.get(id) ?? null })),
    ...(t.from ? { from: t.from } : {}),
  };
}

/** The unmapped required fields of a partial run, from its compile problems (a missing line template has no field). */
export function missingView(missing: readonly CompileError[]): MissingFieldView[] {
  return missing.flatMap((e) => (e.code === 'unmapped_required' && e.params?.field ? [{ line: e.line ?? null, field: e.params.field }] : []));
}

/** The entry lines and totals of a draft; works on failed drafts too, so a preview shows what was assembled. */
export function voucherView(draft: { header: Record<string, Value>; lines: Record<string, Value>[]; origins: { template: string; row: number | null }[] }, ctx: ViewContext) {
  const scale = ctx.catalogue?.moneyScale ?? 2;
  const dims = (ctx.catalogue?.fields ?? []).filter((f) => f.group === 'line' && (DIMENSIONS as readonly string[]).includes(f.id));
  const templates = new Map(ctx.spec.lines.map((l) => [l.id, l.label ?? null]));
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  const lines: VoucherLineView[] = draft.lines.map((l, i) => {
    const d = money(l.debit);
    const c = money(l.credit);
    if (d) debit = debit.plus(d);
    if (c) credit = credit.plus(c);
    const account = plainText(l.account);
    const origin = draft.origins[i] ?? { template: '', row: null };
    return {
      lineNo: i + 1,
      template: origin.template,
      templateLabel: templates.get(origin.template) ?? null,
      row: origin.row,
      summary: plainText(l.summary),
      account,
      accountName: account ? (ctx.accountNames.get(account) ?? null) : null,
      debit: d && !d.isZero() ? exactAmountText(d, scale) : null,
      credit: c && !c.isZero() ? exactAmountText(c, scale) : null,
      currency: plainText(l.currency),
      dimensions: dims.flatMap((f) => {
        const value = plainText(l[f.id]);
        return value ? [{ id: f.id, label: f.label, value }] : [];
      }),
    };
  });
  const h = draft.header;
  const header: VoucherHeaderView = {
    book: plainText(h.book),
    date: plainText(h.date),
    fiscalYear: plainText(h.fiscalYear),
    period: plainText(h.period),
    // The word an accountant reads (记), its code beside it (the engine filled a word the mapping leaves empty).
    voucherWord: voucherWordText(ctx.catalogue?.format ?? '', plainText(h.voucherWord)),
    summary: plainText(h.summary),
    attachments: plainText(h.attachments),
    reference: plainText(h.reference),
    preparer: plainText(h.preparer),
  };
  const totals: VoucherTotals = {
    debit: exactAmountText(debit, scale),
    credit: exactAmountText(credit, scale),
    difference: exactAmountText(debit.minus(credit), scale),
  };
  return { header, lines, totals };
}

import type { Graph, NodeInfo } from './graph';
import { emptyEntryErrors, entryPoints, inputRef, readInput, reportFault, tableRows, type EntryPoint, type InputRef, type RunContext } from './runtime';
import { LINE_GATES, type MappingSpec } from './spec';
import type { CompileContext, CompileError, ExecutionResult, SourceTrace, TargetDocument, TraceEntry } from './types';
import { Fault, toText, type Value } from './values';
import { checkVoucher, toVoucher, type ChartIndex, type LineTraces } from './voucher-checks';
import type { TargetField } from './voucher';
import { convertForTarget } from './target-values';
import { planAmounts, settleLineCurrency, type LineCurrencyPlan } from './currency';
import { applyFallbacks, isBlank, planFallbacks } from './fallbacks';

interface BoundTarget {
  info: NodeInfo;
  field: TargetField | null;
  /** `header.<field>`, fixed at compile; line fields build theirs from the line index. */
  headerPath: string;
  gate: boolean;
  input: InputRef;
  /** The trace's source list when no source is a row of the line's table: the same for every value. */
  fixedSources: SourceTrace[] | null;
  /** The form fields an empty required value can come from, to report the empty field rather than the target. */
  entries: EntryPoint[];
}

interface LinePlan {
  id: string;
  table: string | null;
  gates: BoundTarget[];
  fields: BoundTarget[];
  groupBy: string[];
  /** Null when no money field of the line is fed by a money cell (nothing to settle). */
  currency: LineCurrencyPlan | null;
}

/** Resolves target nodes against the catalogue, checks required fields are mapped, returns the assembler. */
export function buildAssembler(spec: MappingSpec, graph: Graph, cctx: CompileContext, errors: CompileError[]) {
  const { catalogue } = cctx;
  const header: BoundTarget[] = [];
  const plans = new Map<string, LinePlan>(
    spec.lines.map((l) => [
      l.id,
      { id: l.id, table: l.repeat === 'once' ? null : l.repeat.table, gates: [], fields: [], groupBy: l.groupBy ?? [], currency: null },
    ]),
  );
  const seen = new Set<string>();
  for (const info of graph.infos) {
    const n = info.node;
    if (n.kind !== 'target') continue;
    const group = n.line === null ? 'header' : 'line';
    const gate = group === 'line' && (LINE_GATES as readonly string[]).includes(n.field);
    const field = catalogue.fields.find((f) => f.id === n.field && f.group === group) ?? null;
    const where = n.line === null ? `header.${n.field}` : `${n.line}.${n.field}`;
    if (!field && !gate) {
      errors.push({ code: 'unknown_target_field', node: n.id, message: `${catalogue.format} has no ${group} field "${n.field}"` });
      continue;
    }
    if (seen.has(where))
      errors.push({ code: 'duplicate_target', node: n.id, ...(n.line === null ? {} : { line: n.line }), message: `${where} is mapped twice`, params: { field: n.field } });
    seen.add(where);
    const lineTable = n.line === null ? null : plans.get(n.line)?.table ?? null;
    const fixedSources = info.sources.some((s) => s.table && s.table === lineTable)
      ? null
      : info.sources.map((s) => ({ field: s.field, table: s.table, row: null }));
    const bound: BoundTarget = { info, field, gate, headerPath: `header.${n.field}`, input: inputRef(graph.infos, info.inputs[0]?.from ?? null, 'any'), fixedSources, entries: entryPoints(info, graph.infos) };
    if (!info.inputs[0]?.from) continue; // an unconnected target is simply not mapped
    if (n.line === null) header.push(bound);
    else {
      const plan = plans.get(n.line);
      if (!plan) errors.push({ code: 'unknown_line', node: n.id, message: `line template "${n.line}" does not exist` });
      else (gate ? plan.gates : plan.fields).push(bound);
    }
  }
  const missingBefore = errors.length;
  // A field with a fallback (a ledger setting, the voucher date, the base rate) is never missing.
  for (const f of catalogue.fields.filter((x) => x.required && !x.fallback)) {
    const label = f.label.en ?? f.id;
    if (f.group === 'header' && !header.some((b) => b.field === f))
      errors.push({ code: 'unmapped_required', message: `required voucher field "${label}" (header.${f.id}) is not mapped`, params: { field: f.id } });
    if (f.group === 'line')
      for (const plan of plans.values())
        if (!plan.fields.some((b) => b.field === f))
          errors.push({ code: 'unmapped_required', line: plan.id, message: `line "${plan.id}": required field "${label}" (${f.id}) is not mapped`, params: { field: f.id } });
  }
  if (catalogue.kind === 'voucher' && spec.lines.length === 0)
    errors.push({ code: 'no_lines', message: 'the mapping has no entry-line template' });
  // A partial (preview) compile runs without what is still missing: the draft is shown, the voucher checks are not
  // run on it (they would only repeat, line by line, that the unmapped fields are empty).
  const incomplete = cctx.partial === true && errors.length > missingBefore;
  const fallbacks = planFallbacks(catalogue, cctx.settings);
  const fillCurrency = catalogue.kind === 'voucher' || catalogue.fields.some((f) => f.id === 'currency' && f.group === 'line');
  for (const plan of plans.values()) plan.currency = currencyPlan(plan, fillCurrency);
  const chart = chartIndex(spec, cctx, errors);
  const grouping = spec.lines.some((l) => (l.groupBy ?? []).length > 0);

  return (ctx: RunContext, withTrace: boolean): ExecutionResult => {
    const trace: TraceEntry[] = [];
    // Keys are catalogue field ids, never data, so plain objects (fast in V8) are safe here.
    const doc: TargetDocument = { header: {}, lines: [], origins: [] };
    const lineTraces: LineTraces[] = [];
    for (const b of header) emit(ctx, b, 0, null, b.headerPath, doc.header, withTrace ? trace : null, catalogue.moneyScale);
    applyFallbacks(fallbacks.header, doc.header, doc.header, fallbacks.localCurrency, 'header.', withTrace ? trace : null);
    for (const plan of plans.values()) {
      const count = plan.table ? tableRows(ctx, plan.table).length : 1;
      for (let r = 0; r < count; r++) {
        if (!passesGates(ctx, plan, r)) continue;
        const index = doc.lines.length;
        const values: Record<string, Value> = {};
        // Keyed by catalogue field ids, like `values`: a plain object is cheaper than a Map per line.
        const local: LineTraces = {};
        const prefix = `lines[${index}].`;
        for (const b of plan.fields)
          emit(ctx, b, r, plan.table, prefix + b.field!.id, values, withTrace ? trace : null, catalogue.moneyScale, local);
        if (plan.currency) settleLineCurrency(ctx, plan.currency, r, values, prefix);
        applyFallbacks(fallbacks.line, values, doc.header, fallbacks.localCurrency, prefix, withTrace ? trace : null);
        doc.lines.push(values);
        doc.origins.push({ template: plan.id, row: plan.table ? r + 1 : null });
        lineTraces.push(local);
      }
    }
    const traces = grouping ? renumberLines(mergeGroups(doc, plans, catalogue.fields), trace, lineTraces, ctx) : lineTraces;
    if (incomplete) return { status: 'error', output: null, draft: doc, trace, errors: ctx.errors, incomplete: true };
    const checked = catalogue.kind === 'voucher' ? checkVoucher(ctx, doc, chart, traces, catalogue.moneyScale, catalogue.localCurrency) : null;
    const errorsOut = ctx.errors;
    if (errorsOut.length) return { status: 'error', output: null, draft: doc, trace, errors: errorsOut };
    const output = catalogue.kind === 'voucher' ? toVoucher(doc, checked) : doc;
    return { status: 'ok', output, draft: doc, trace, errors: [] };
  };
}

/** The money fields of a line fed by money cells, and how each reads them; null when there are none. */
function currencyPlan(plan: LinePlan, fill: boolean): LineCurrencyPlan | null {
  const money = plan.fields
    .filter((b) => b.field?.type === 'money' && b.info.amounts.length > 0)
    .map((b) => ({ field: b.field!.id, node: b.info.node.id, amounts: planAmounts(b.info.amounts) }));
  if (money.length === 0) return null;
  const currencyNode = plan.fields.find((b) => b.field?.id === 'currency')?.info.node.id ?? null;
  return { money, currencyNode, fill };
}

function passesGates(ctx: RunContext, plan: LinePlan, r: number): boolean {
  for (const g of plan.gates) {
    const v = readInput(ctx, g.input, r);
    if (v instanceof Fault) {
      reportFault(ctx, v, `${plan.id}.${g.info.node.kind === 'target' ? g.info.node.field : ''}`);
      return false;
    }
    if (v !== true) return false;
  }
  return true;
}

function emit(
  ctx: RunContext,
  b: BoundTarget,
  r: number,
  table: string | null,
  path: string,
  into: Record<string, Value>,
  trace: TraceEntry[] | null,
  moneyScale: number,
  local?: LineTraces,
): void {
  const field = b.field!;
  const raw = readInput(ctx, b.input, r);
  const entry: TraceEntry = {
    target: path,
    sources: b.fixedSources ?? b.info.sources.map((s) => ({ field: s.field, table: s.table, row: s.table && s.table === table ? r + 1 : null })),
    nodes: b.info.upstream,
  };
  if (local) local[field.id] = entry;
  if (raw instanceof Fault) {
    reportFault(ctx, raw, path);
    into[field.id] = null;
    return;
  }
  // Mapped but empty, on a field with a fallback: the fallback fills it after the line's own values.
  if (field.fallback && isBlank(raw)) {
    into[field.id] = null;
    return;
  }
  const v = convertForTarget(raw, field, moneyScale);
  // A required field left empty because a form field was: the form field is what to fix.
  const empty = v instanceof Fault && v.code === 'required' && b.entries.length ? emptyEntryErrors(ctx, b.entries, r, path) : [];
  if (empty.length) {
    ctx.errors.push(...empty);
    into[field.id] = null;
    return;
  }
  if (v instanceof Fault) {
    const src = entry.sources[0];
    ctx.errors.push({ field: src?.field ?? null, row: src?.row ?? null, value: v.value, message: v.message, code: v.code, node: b.info.node.id, target: path });
    into[field.id] = null;
    return;
  }
  into[field.id] = v;
  if (trace && v !== null) trace.push(entry);
}

/**
 * Lines of a template whose group-by values match are merged; their money fields are summed. Returns, for each
 * line as emitted, the number of the line it became.
 */
function mergeGroups(doc: TargetDocument, plans: Map<string, LinePlan>, fields: TargetField[]): number[] {
  const money = fields.filter((f) => f.group === 'line' && f.type === 'money').map((f) => f.id);
  const keep: number[] = [];
  const into: number[] = [];
  const firstByKey = new Map<string, number>();
  doc.lines.forEach((line, i) => {
    const plan = plans.get(doc.origins[i].template)!;
    if (!plan.groupBy.length) {
      into[i] = keep.length;
      return void keep.push(i);
    }
    // Lines in different currencies are never merged: their amounts cannot be added.
    const key = plan.id + '\u0000' + toText(line.currency ?? null) + '\u0000' + plan.groupBy.map((g) => toText(line[g] ?? null)).join('\u0000');
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, i);
      into[i] = keep.length;
      keep.push(i);
      return;
    }
    into[i] = into[first];
    const target = doc.lines[first];
    for (const m of money) {
      const a = target[m], b = line[m];
      if (b && typeof b === 'object' && !Array.isArray(b)) target[m] = a && typeof a === 'object' && !Array.isArray(a) ? a.plus(b) : b;
    }
    doc.origins[first] = { template: plan.id, row: null };
  });
  doc.lines = keep.map((i) => doc.lines[i]);
  doc.origins = keep.map((i) => doc.origins[i]);
  return into;
}

const LINE_PATH = /^lines\[(\d+)\]/;

/**
 * After a merge, trace entries, line traces and errors still name lines as they were emitted. They are renamed to
 * the merged lines; the entries of lines merged into one become one entry with the sources and nodes of all.
 */
function renumberLines(into: number[], trace: TraceEntry[], lineTraces: LineTraces[], ctx: RunContext): LineTraces[] {
  const renamed = (target: string) => {
    const m = LINE_PATH.exec(target);
    return m ? `lines[${into[Number(m[1])] ?? m[1]}]${target.slice(m[0].length)}` : target;
  };
  const byTarget = new Map<string, TraceEntry>();
  let kept = 0;
  for (const entry of trace) {
    entry.target = renamed(entry.target);
    const first = byTarget.get(entry.target);
    if (!first) {
      byTarget.set(entry.target, entry);
      trace[kept++] = entry;
      continue;
    }
    // Sources and nodes are shared arrays of the compiled plan: the merged entry gets its own.
    first.sources = [...first.sources, ...entry.sources.filter((s) => !first.sources.some((f) => f.field === s.field && f.table === s.table && f.row === s.row))];
    first.nodes = [...new Set([...first.nodes, ...entry.nodes])];
  }
  trace.length = kept;
  const merged: LineTraces[] = [];
  lineTraces.forEach((t, i) => {
    merged[into[i]] ??= t;
  });
  for (const e of ctx.errors) if (e.target) e.target = renamed(e.target);
  return merged;
}

function chartIndex(spec: MappingSpec, cctx: CompileContext, errors: CompileError[]): ChartIndex | null {
  const c = spec.target.chartOfAccounts;
  if (!c) return null;
  const t = cctx.tables[c.table];
  const ci = t?.columns.indexOf(c.codeColumn) ?? -1;
  const pi = t?.columns.indexOf(c.postableColumn) ?? -1;
  if (!t || ci < 0 || pi < 0) {
    errors.push({ code: 'unknown_table', message: `chart of accounts ${c.table}(${c.codeColumn}, ${c.postableColumn}) does not exist`, params: { table: c.table } });
    return null;
  }
  const postable = new Map<string, boolean>();
  for (const row of t.rows) postable.set((row[ci] ?? '').trim(), /^(true|1|yes|y|是)$/i.test((row[pi] ?? '').trim()));
  return { table: c.table, postable };
}


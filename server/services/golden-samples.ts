import type { Db } from '../../db/client';
import type { EntryLine, MappingSpec, Voucher } from '../engine';
import type { RunOutcome } from '../pipeline/run';
import { canonicalJson } from './canonical-json';
import { ValidationError } from './errors';
import { runMapping } from './run-mapping';
import { getSample, listSamples } from './samples';
import { getVersion, versionInForce } from './version-store';

/**
 * Golden samples: before a version goes into force, every sample submission stored for its form (and any payload
 * the reviewer pastes) is run through it and through the version in force, so the reviewer sees what the change
 * does to real vouchers rather than reading rules.
 */
export type SampleOutcome = 'unchanged' | 'changed' | 'newly_failing' | 'newly_passing' | 'still_failing';

/** A voucher line as the review shows it: amounts as exact decimal strings. */
export interface ReviewLine {
  summary: string;
  account: string;
  debit: string;
  credit: string;
  currency: string | null;
  dimensions: Record<string, string>;
}

/** One run's result, reduced to what a comparison needs. */
export type RunView =
  | { kind: 'voucher'; header: Record<string, unknown>; lines: ReviewLine[]; document: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; problems: string[] };

export interface LineChange {
  line: number;
  field: string;
  before: string | null;
  after: string | null;
}

export interface VoucherChanges {
  header: { field: string; before: unknown; after: unknown }[];
  /** lines present only under the submitted version / only under the version in force */
  linesAdded: ReviewLine[];
  linesRemoved: ReviewLine[];
  /** same number of lines: field by field, line by line (accounts, amounts, dimensions…) */
  lineChanges: LineChange[];
  /** the vouchers are equal but the ledger document differs (e.g. a changed ledger setting) */
  documentChanged: boolean;
}

export interface SampleReview {
  id: number | null;
  name: string;
  outcome: SampleOutcome;
  inForce: RunView | null;
  submitted: RunView;
  changes: VoucherChanges | null;
}

export interface ReviewResult {
  mapping: string;
  version: number;
  /** the version compared against: the one in force now, or null before the first approval */
  baseline: number | null;
  samples: SampleReview[];
  summary: Record<SampleOutcome, number> & { total: number; newlyFailing: number };
}

export interface ReviewInput {
  mapping: string;
  version: number;
  /** payloads the reviewer pastes, run beside the stored samples */
  pasted?: { name: string; payloadText: string }[];
}

const money = (d: { toFixed(): string } | null | undefined) => (d == null ? '' : d.toFixed());

function viewLine(l: EntryLine): ReviewLine {
  return { summary: l.summary, account: l.account, debit: money(l.debit), credit: money(l.credit), currency: l.currency, dimensions: { ...l.dimensions } as Record<string, string> };
}

export function viewOutcome(o: RunOutcome): RunView {
  switch (o.kind) {
    case 'ok': {
      const v = o.result.output as Voucher;
      return { kind: 'voucher', header: { ...v.header }, lines: v.lines.map(viewLine), document: o.document };
    }
    case 'skipped':
      return { kind: 'skipped', reason: o.reason };
    case 'bad_json':
      return { kind: 'failed', problems: [o.message] };
    case 'shape':
      return { kind: 'failed', problems: [`${o.error.path}: ${o.error.message}`] };
    case 'compile':
      return { kind: 'failed', problems: o.errors.map((e) => e.message) };
    case 'partial': // a review compiles the whole version; only previews run partially
      return { kind: 'failed', problems: o.missing.map((e) => e.message) };
    case 'error':
      return { kind: 'failed', problems: o.result.errors.map((e) => (e.field ? `${e.field}${e.row !== null ? `[${e.row}]` : ''}: ${e.message}` : e.message)) };
  }
}

const LINE_FIELDS = ['summary', 'account', 'debit', 'credit', 'currency'] as const;

export function compareVouchers(before: Extract<RunView, { kind: 'voucher' }>, after: Extract<RunView, { kind: 'voucher' }>): VoucherChanges {
  const header: VoucherChanges['header'] = [];
  for (const field of new Set([...Object.keys(before.header), ...Object.keys(after.header)])) {
    if (canonicalJson(before.header[field] ?? null) !== canonicalJson(after.header[field] ?? null))
      header.push({ field, before: before.header[field] ?? null, after: after.header[field] ?? null });
  }
  const changes: VoucherChanges = { header, linesAdded: [], linesRemoved: [], lineChanges: [], documentChanged: false };
  if (before.lines.length === after.lines.length) {
    before.lines.forEach((b, i) => {
      const a = after.lines[i];
      for (const f of LINE_FIELDS) if (b[f] !== a[f]) changes.lineChanges.push({ line: i + 1, field: f, before: b[f], after: a[f] });
      for (const d of new Set([...Object.keys(b.dimensions), ...Object.keys(a.dimensions)]))
        if (b.dimensions[d] !== a.dimensions[d])
          changes.lineChanges.push({ line: i + 1, field: `dimensions.${d}`, before: b.dimensions[d] ?? null, after: a.dimensions[d] ?? null });
    });
  } else {
    // Different line counts: position means nothing any more, so compare the lines as a multiset of whole lines.
    const remaining = new Map<string, number>();
    for (const l of before.lines) remaining.set(canonicalJson(l), (remaining.get(canonicalJson(l)) ?? 0) + 1);
    for (const l of after.lines) {
      const key = canonicalJson(l);
      const n = remaining.get(key) ?? 0;
      if (n > 0) remaining.set(key, n - 1);
      else changes.linesAdded.push(l);
    }
    for (const l of before.lines) {
      const key = canonicalJson(l);
      const n = remaining.get(key) ?? 0;
      if (n > 0) {
        changes.linesRemoved.push(l);
        remaining.set(key, n - 1);
      }
    }
  }
  const voucherSame = header.length === 0 && changes.linesAdded.length === 0 && changes.linesRemoved.length === 0 && changes.lineChanges.length === 0;
  changes.documentChanged = voucherSame && before.document !== after.document;
  return changes;
}

export function classify(inForce: RunView | null, submitted: RunView): { outcome: SampleOutcome; changes: VoucherChanges | null } {
  const produced = (v: RunView | null) => v?.kind === 'voucher';
  if (produced(inForce) && submitted.kind === 'voucher') {
    const changes = compareVouchers(inForce as Extract<RunView, { kind: 'voucher' }>, submitted);
    const same = changes.header.length + changes.linesAdded.length + changes.linesRemoved.length + changes.lineChanges.length === 0 && !changes.documentChanged;
    return { outcome: same ? 'unchanged' : 'changed', changes: same ? null : changes };
  }
  if (produced(inForce)) return { outcome: 'newly_failing', changes: null };
  if (submitted.kind === 'voucher') return { outcome: 'newly_passing', changes: null };
  // Neither gives a voucher. The same skip or the same problems is no change; anything else still fails.
  if (inForce && canonicalJson(inForce) === canonicalJson(submitted)) return { outcome: 'unchanged', changes: null };
  return { outcome: 'still_failing', changes: null };
}

const MAX_PASTED = 20;

export async function reviewVersion(db: Db, input: ReviewInput): Promise<ReviewResult> {
  const submitted = getVersion(db, input.mapping, input.version);
  const inForce = versionInForce(db, input.mapping);
  const pasted = input.pasted ?? [];
  if (pasted.length > MAX_PASTED) throw new ValidationError(`at most ${MAX_PASTED} pasted payloads per review`);
  const samples: { id: number | null; name: string; payloadText: string }[] = [
    ...goldenSamples(db, submitted.spec),
    ...pasted.map((p) => ({ id: null, name: p.name, payloadText: p.payloadText })),
  ];
  const reviews: SampleReview[] = [];
  // One after another: each run may start an expression sandbox, and the machine is shared.
  for (const s of samples) reviews.push(await reviewOne(db, submitted.spec, inForce?.spec ?? null, s));
  const count = (o: SampleOutcome) => reviews.filter((r) => r.outcome === o).length;
  const summary = {
    total: reviews.length,
    unchanged: count('unchanged'),
    changed: count('changed'),
    newly_failing: count('newly_failing'),
    newly_passing: count('newly_passing'),
    still_failing: count('still_failing'),
    newlyFailing: count('newly_failing'),
  };
  return { mapping: input.mapping, version: input.version, baseline: inForce?.version ?? null, samples: reviews, summary };
}

export interface ReviewPayloadInput {
  mapping: string;
  version: number;
  payload: string;
  /** how the review screen lists it; "pasted" when not given */
  name?: string;
}

/**
 * One payload the reviewer pastes, run through the submitted version and the version in force: the same per-sample
 * result as the golden samples give, so the screen shows it the same way. Nothing is stored.
 */
export async function reviewPayload(db: Db, input: ReviewPayloadInput): Promise<SampleReview & { baseline: number | null }> {
  const submitted = getVersion(db, input.mapping, input.version);
  const inForce = versionInForce(db, input.mapping);
  const review = await reviewOne(db, submitted.spec, inForce?.spec ?? null, { id: null, name: input.name?.trim() || 'pasted', payloadText: input.payload });
  return { ...review, baseline: inForce?.version ?? null };
}

async function reviewOne(db: Db, submitted: MappingSpec, inForce: MappingSpec | null, s: { id: number | null; name: string; payloadText: string }): Promise<SampleReview> {
  const after = viewOutcome(await runMapping(db, submitted, s.payloadText));
  const before = inForce ? viewOutcome(await runMapping(db, inForce, s.payloadText)) : null;
  return { id: s.id, name: s.name, inForce: before, submitted: after, ...classify(before, after) };
}

/** The stored sample submissions of the version's own OA form. */
function goldenSamples(db: Db, spec: MappingSpec): { id: number; name: string; payloadText: string }[] {
  return listSamples(db, spec.source.connector)
    .filter((s) => s.templateCode === spec.source.templateCode)
    .map((s) => ({ id: s.id, name: s.name, payloadText: getSample(db, s.id).payloadText }));
}

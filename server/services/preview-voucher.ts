import type { Db } from '../../db/client';
import type { MappingSpec } from '../engine';
import { getCatalogue, TARGET_FORMATS } from '../ledgers';
import { NotFoundError, PreconditionError, ValidationError } from './errors';
import { getMapping } from './mappings';
import {
  errorView, fieldLabels, summariseRecord, traceView, voucherView, type PreviewResult, type ViewContext,
} from './preview-view';
import { runMapping } from './run-mapping';
import { getSample, listSamples } from './samples';
import { getTable } from './tables';

export type { PreviewResult } from './preview-view';

export interface PreviewVoucherInput {
  mappingName: string;
  sampleId?: number;
  payloadText?: string;
}

/**
 * Design-time preview: runs a mapping's draft on one sample submission or on pasted OA payload text and returns
 * everything the preview page shows. Bad payloads are results, not exceptions; only a missing mapping or sample
 * (or a sample from another OA system) is an error.
 */
export async function previewVoucher(db: Db, input: PreviewVoucherInput): Promise<PreviewResult> {
  const { spec } = getMapping(db, input.mappingName);
  return previewSpec(db, spec, input);
}

/** The same preview for a spec that need not be saved: the editor's live preview of an unsaved draft. */
export async function previewSpec(db: Db, spec: MappingSpec, input: { sampleId?: number; payloadText?: string }): Promise<PreviewResult> {
  const payloadText = input.payloadText ?? samplePayload(db, spec, input.sampleId);
  const outcome = await runMapping(db, spec, payloadText);
  const ctx: ViewContext = { spec, catalogue: getCatalogue(spec.target.format) ?? null, accountNames: accountNames(db, spec) };
  const nodeLabels = new Map(spec.nodes.flatMap((n) => (n.label ? [[n.id, n.label] as const] : [])));
  const record = 'record' in outcome ? outcome.record : null;
  const fields = fieldLabels(record);
  const result: PreviewResult = {
    kind: outcome.kind,
    mapping: {
      name: spec.name,
      connector: spec.source.connector,
      targetFormat: spec.target.format,
      targetLabel: TARGET_FORMATS.find((f) => f.format === spec.target.format)?.label ?? null,
    },
    record: record ? summariseRecord(record) : null,
    header: null,
    lines: [],
    totals: null,
    document: null,
    errors: [],
    compileErrors: [],
    skipReason: null,
    trace: [],
  };
  switch (outcome.kind) {
    case 'bad_json':
      result.errors = [{ ...EMPTY_ERROR, message: outcome.message, code: 'bad_json' }];
      break;
    case 'shape':
      // The JSON path is what an IT person needs to find the spot in the vendor's payload.
      result.errors = [{ ...EMPTY_ERROR, field: outcome.error.path, message: outcome.error.message, code: 'shape' }];
      break;
    case 'compile':
      result.compileErrors = outcome.errors;
      break;
    case 'skipped':
      result.skipReason = outcome.reason;
      break;
    case 'error':
    case 'ok': {
      const { result: run } = outcome;
      if (run.draft) Object.assign(result, voucherView(run.draft, ctx));
      result.errors = run.errors.map((e) => errorView(e, fields, nodeLabels));
      result.trace = run.trace.map((t) => traceView(t, ctx, fields, nodeLabels));
      if (outcome.kind === 'ok') result.document = { text: outcome.document, contentType: outcome.contentType };
      break;
    }
  }
  return result;
}

const EMPTY_ERROR = { field: null, fieldLabel: null, row: null, value: null, labels: null, node: null, nodeLabel: null, target: null };

function samplePayload(db: Db, spec: MappingSpec, sampleId: number | undefined): string {
  if (sampleId === undefined) {
    const samples = listSamples(db, spec.source.connector);
    const first = samples.find((s) => s.templateCode === spec.source.templateCode) ?? samples[0];
    if (!first) throw new PreconditionError(`there is no sample submission from ${spec.source.connector} yet; paste a payload instead`);
    sampleId = first.id;
  }
  const sample = getSample(db, sampleId);
  if (sample.connector !== spec.source.connector)
    throw new ValidationError(`sample ${sampleId} comes from ${sample.connector}, but mapping ${spec.name} reads ${spec.source.connector} forms`);
  return sample.payloadText;
}

/**
 * Account names for the voucher table: finance people read "6601.02 销售费用-差旅费", not a bare code. The chart
 * names only its code and postable columns, so the name column is found by convention (`…name…`).
 */
function accountNames(db: Db, spec: MappingSpec): Map<string, string> {
  const chart = spec.target.chartOfAccounts;
  const names = new Map<string, string>();
  if (!chart) return names;
  let table;
  try {
    table = getTable(db, chart.table);
  } catch (e) {
    if (e instanceof NotFoundError) return names; // compile reports the missing chart; the preview shows codes
    throw e;
  }
  const code = table.columns.indexOf(chart.codeColumn);
  const name = table.columns.findIndex((c) => c !== chart.codeColumn && /name|名称/i.test(c));
  if (code < 0 || name < 0) return names;
  for (const row of table.rows) if (row[code] && row[name]) names.set(row[code], row[name]);
  return names;
}

import type { LookupTableData, MappingSpec } from '../engine';
import { getCatalogue, TARGET_FORMATS } from '../ledgers';
import { errorView, fieldLabels, missingView, summariseRecord, traceView, voucherView, type PreviewResult, type ViewContext } from './preview-view';
import { applicantName } from './applicant-name';
import { tablesOf } from './tables-of';
import { runPipeline, type PipelineOptions, type RunOutcome, type TableSource } from './run';

export type { PreviewResult } from './preview-view';

/**
 * Everything a preview shows for one payload: the voucher, the ledger's document, the errors and the trace, each
 * with the labels people know. Pure: the server's preview and the editor's in-browser live preview share it.
 * A preview runs partially by default: a mapping still being built shows its voucher as far as it is mapped, with
 * the required fields it lacks listed (they block publishing, not previewing).
 */
export async function previewPayload(spec: MappingSpec, payloadText: string, tables: TableSource, options?: PipelineOptions): Promise<PreviewResult> {
  const outcome = await runPipeline(spec, payloadText, tables, { partial: true, ...options });
  const chart = spec.target.chartOfAccounts;
  const chartTable = chart ? tables([chart.table])[chart.table] : undefined;
  const result = previewView(spec, payloadText, outcome, accountNames(spec, chartTable));
  if (result.record && 'record' in outcome) result.record.applicantName = applicantName(outcome.record, spec, tables(tablesOf(spec)));
  return result;
}

/** Where a JSON parse error is, as a person finds it in an editor: 1-based line and column of the character. */
export function jsonErrorPlace(text: string, position: number | undefined): Record<string, string> {
  if (position === undefined) return {};
  // The parser counts from after a byte-order mark, which no editor shows either.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = Math.min(position, body.length);
  const before = body.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return { position: String(at), line: String(line), column: String(column) };
}

function previewView(spec: MappingSpec, payloadText: string, outcome: RunOutcome, accountNames: Map<string, string>): PreviewResult {
  const ctx: ViewContext = { spec, catalogue: getCatalogue(spec.target.format) ?? null, accountNames };
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
    postOn: null,
    trace: [],
    missing: [],
  };
  switch (outcome.kind) {
    case 'bad_json':
      result.errors = [{ ...EMPTY_ERROR, message: outcome.message, code: 'bad_json', params: jsonErrorPlace(payloadText, outcome.position) }];
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
      result.postOn = [...spec.source.postOn];
      break;
    case 'partial':
    case 'error':
    case 'ok': {
      const { result: run } = outcome;
      if (outcome.kind === 'partial') {
        result.compileErrors = outcome.missing;
        result.missing = missingView(outcome.missing);
      }
      if (run.draft) Object.assign(result, voucherView(run.draft, ctx));
      result.errors = run.errors.map((e) => errorView(e, fields, nodeLabels, ctx));
      result.trace = run.trace.map((t) => traceView(t, ctx, fields, nodeLabels));
      if (outcome.kind === 'ok') result.document = { text: outcome.document, contentType: outcome.contentType };
      break;
    }
  }
  return result;
}

const EMPTY_ERROR = { field: null, fieldLabel: null, row: null, value: null, labels: null, node: null, nodeLabel: null, target: null, targetLabel: null, params: {} };

/**
 * Account names for the voucher table: finance people read "6601.02 销售费用-差旅费", not a bare code. The chart
 * names only its code and postable columns, so the name column is found by convention (`…name…`).
 */
function accountNames(spec: MappingSpec, table: LookupTableData | undefined): Map<string, string> {
  const chart = spec.target.chartOfAccounts;
  const names = new Map<string, string>();
  // A missing chart is reported by compile; the preview then shows bare codes.
  if (!chart || !table) return names;
  const code = table.columns.indexOf(chart.codeColumn);
  const name = table.columns.findIndex((c) => c !== chart.codeColumn && /name|名称/i.test(c));
  if (code < 0 || name < 0) return names;
  for (const row of table.rows) if (row[code] && row[name]) names.set(row[code], row[name]);
  return names;
}

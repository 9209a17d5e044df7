import { getConnector, parseJsonPayload } from '../connectors';
import type { ConnectorOptions, ShapeError } from '../connectors/types';
import {
  compile, skipReason, type CompileError, type ExecutionResult, type FormRecord, type LookupTableData, type MappingSpec, type Voucher,
} from '../engine';
import type { ExpressionEvaluator } from '../engine/expression/evaluator';
import {
  getCatalogue, LedgerFormatError, mappedHeaderFields, OUTPUT_TYPES, parseTargetOptions, serialiseVoucher, settingValues, type TargetFormat,
} from '../ledgers';
import { tablesOf } from './tables-of';

export { tablesOf };

/**
 * A mapping's spec run on one raw OA payload: parse, normalise, compile, execute, serialise. Pure, so the server
 * (preview page, CLI, runs) and the editor's live preview in the browser run the very same steps; the caller
 * supplies the lookup tables. Every outcome is a value; nothing here throws for bad data.
 */
export type RunOutcome =
  | { kind: 'bad_json'; message: string; position?: number }
  | { kind: 'shape'; error: ShapeError }
  | { kind: 'compile'; errors: CompileError[] }
  | { kind: 'skipped'; record: FormRecord; reason: string }
  | { kind: 'error'; record: FormRecord; result: ExecutionResult }
  /** A preview of a mapping still being built: the draft as far as it is mapped, and what is not mapped yet. */
  | { kind: 'partial'; record: FormRecord; result: ExecutionResult; missing: CompileError[] }
  | { kind: 'ok'; record: FormRecord; result: ExecutionResult; document: string; contentType: string };

export type TableSource = (names: string[]) => Record<string, LookupTableData>;

/** How a caller runs the pipeline: the server passes its expression sandbox; the browser keeps the default. */
export interface PipelineOptions {
  expressions?: ExpressionEvaluator;
  /** What the caller knows of the instance beyond its body (a vendor callback names the instance id). */
  instance?: Pick<ConnectorOptions, 'instanceId' | 'templateCode'>;
  /**
   * Preview a mapping still being built: unmapped required fields do not stop the run (outcome `partial`). Only
   * previews set it; publishing and live runs compile the whole mapping and refuse what is missing.
   */
  partial?: boolean;
}

export function compileWith(spec: MappingSpec, tables: TableSource, options: PipelineOptions = {}) {
  const catalogue = getCatalogue(spec.target.format);
  if (!catalogue)
    return { ok: false as const, errors: [{ code: 'unknown_target', message: `unknown target format "${spec.target.format}"` }] };
  // The ledger settings belong to the spec: a problem with them is a compile error the problems panel lists beside
  // the mapping's own, and the serialiser later receives them parsed, defaults filled in.
  const format = catalogue.format as TargetFormat;
  const settings = parseTargetOptions(format, spec.target.options, { mappedHeaderFields: mappedHeaderFields(spec) });
  const configured = settings.ok ? { ...catalogue, localCurrency: settings.options.localCurrency } : catalogue;
  // The settings the catalogue's fallbacks read (account book, voucher word, currency…), defaults filled in.
  const values = settingValues(format, settings.ok ? settings.options : spec.target.options);
  const compiled = compile(spec, {
    catalogue: configured,
    tables: tables(tablesOf(spec)),
    expressions: options.expressions,
    settings: values,
    ...(options.partial ? { partial: true } : {}),
  });
  if (!settings.ok) return { ok: false as const, errors: [...settings.problems, ...(compiled.ok ? [] : compiled.errors)] };
  return compiled.ok ? { ...compiled, targetOptions: settings.options } : compiled;
}

export async function runPipeline(spec: MappingSpec, payloadText: string, tables: TableSource, options: PipelineOptions = {}): Promise<RunOutcome> {
  const parsed = parseJsonPayload(payloadText);
  if (!parsed.ok) return { kind: 'bad_json', message: parsed.error.message, position: parsed.error.position };
  const connector = getConnector(spec.source.connector);
  const normalized = connector.normalize(parsed.value, {
    templateCode: options.instance?.templateCode || spec.source.templateCode || undefined,
    ...(options.instance?.instanceId ? { instanceId: options.instance.instanceId } : {}),
  });
  if (!normalized.ok) return { kind: 'shape', error: normalized.error };
  const record = normalized.record;
  // The status decides before the mapping is even compiled: a running or rejected instance is never posted.
  const skipped = skipReason(record, spec.source.postOn);
  if (skipped) return { kind: 'skipped', record, reason: skipped };
  const compiled = compileWith(spec, tables, options);
  if (!compiled.ok) return { kind: 'compile', errors: compiled.errors };
  const result = await compiled.executor.execute(record);
  if (result.status === 'skipped') return { kind: 'skipped', record, reason: result.reason ?? record.status };
  if (compiled.missing.length) return { kind: 'partial', record, result, missing: compiled.missing };
  if (result.status === 'error' || !result.output) return { kind: 'error', record, result };
  const format = spec.target.format as TargetFormat;
  try {
    const document = serialiseVoucher(format, result.output as Voucher, compiled.targetOptions);
    return { kind: 'ok', record, result, document, contentType: OUTPUT_TYPES[format].contentType };
  } catch (e) {
    if (!(e instanceof LedgerFormatError)) throw e;
    const failed: ExecutionResult = {
      ...result,
      status: 'error',
      output: null,
      errors: [{ field: null, row: null, value: null, message: e.message, code: e.code }],
    };
    return { kind: 'error', record, result: failed };
  }
}

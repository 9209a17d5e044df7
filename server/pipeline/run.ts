import { getConnector, parseJsonPayload } from '../connectors';
import type { ShapeError } from '../connectors/types';
import {
  compile, skipReason, type CompileError, type ExecutionResult, type FormRecord, type LookupTableData, type MappingSpec, type Voucher,
} from '../engine';
import { getCatalogue, LedgerFormatError, OUTPUT_TYPES, serialiseVoucher, type TargetFormat } from '../ledgers';
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
  | { kind: 'ok'; record: FormRecord; result: ExecutionResult; document: string; contentType: string };

export type TableSource = (names: string[]) => Record<string, LookupTableData>;

export function compileWith(spec: MappingSpec, tables: TableSource) {
  const catalogue = getCatalogue(spec.target.format);
  if (!catalogue)
    return { ok: false as const, errors: [{ code: 'unknown_target', message: `unknown target format "${spec.target.format}"` }] };
  return compile(spec, { catalogue, tables: tables(tablesOf(spec)) });
}

export async function runPipeline(spec: MappingSpec, payloadText: string, tables: TableSource): Promise<RunOutcome> {
  const parsed = parseJsonPayload(payloadText);
  if (!parsed.ok) return { kind: 'bad_json', message: parsed.error.message, position: parsed.error.position };
  const connector = getConnector(spec.source.connector);
  const normalized = connector.normalize(parsed.value, { templateCode: spec.source.templateCode || undefined });
  if (!normalized.ok) return { kind: 'shape', error: normalized.error };
  const record = normalized.record;
  // The status decides before the mapping is even compiled: a running or rejected instance is never posted.
  const skipped = skipReason(record, spec.source.postOn);
  if (skipped) return { kind: 'skipped', record, reason: skipped };
  const compiled = compileWith(spec, tables);
  if (!compiled.ok) return { kind: 'compile', errors: compiled.errors };
  const result = await compiled.executor.execute(record);
  if (result.status === 'skipped') return { kind: 'skipped', record, reason: result.reason ?? record.status };
  if (result.status === 'error' || !result.output) return { kind: 'error', record, result };
  const format = spec.target.format as TargetFormat;
  try {
    const document = serialiseVoucher(format, result.output as Voucher, spec.target.options as never);
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

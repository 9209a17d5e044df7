import type { ExpressionEvaluator } from './expression/evaluator';
import type { Labels } from './form-record';
import type { Fault, Value, ValueType } from './values';
import type { MappingSpec } from './spec';
import type { TargetCatalogue, Voucher } from './voucher';
import type { FormRecord } from './form-record';

/** A lookup table as the engine sees it: header row plus text cells (CSV semantics). */
export interface LookupTableData {
  columns: string[];
  rows: string[][];
}

export interface CompileContext {
  catalogue: TargetCatalogue;
  /** Lookup tables by name; only those the spec names are read. */
  tables: Record<string, LookupTableData>;
  /**
   * Evaluates expression nodes, one budgeted session per run. Default: JSONata in-process (the browser); the
   * server passes its sandbox (server/sandbox: separate processes), which can stop an expression that never returns.
   */
  expressions?: ExpressionEvaluator;
  /**
   * The ledger settings catalogue fallbacks read (`{ setting }`), as text by setting key, defaults filled in: the
   * pipeline resolves them from the spec's typed `target.options`. A setting absent here gives no value.
   */
  settings?: Readonly<Record<string, string>>;
  /**
   * A draft run for the studio's preview: required fields nobody mapped yet (and a voucher with no line template)
   * do not stop compile; the executor returns what is mapped as a draft, and the compile result lists them as
   * `missing`. Every other problem still blocks. Never set for publishing or live runs.
   */
  partial?: boolean;
}

/** A problem with the spec itself, found once at compile time; names the node, edge or line to jump to. */
export interface CompileError {
  code: string;
  /** English, for logs and the CLI; the studio words the common codes itself from `params`, in its language. */
  message: string;
  node?: string;
  edge?: string;
  line?: string;
  /** The names the message is built from (a port, a field id, a table, two types), for wording it elsewhere. */
  params?: Record<string, string>;
}

/** A problem with one submission's data: names the OA field, the 1-based detail row and the offending value. */
export interface RunError {
  field: string | null;
  row: number | null;
  value: unknown;
  message: string;
  code: string;
  /** The node that raised it, and the output it was on its way to, when known. */
  node?: string | null;
  target?: string;
  /** The analyst's own wording for a failed check, in both languages. */
  labels?: Labels;
}

export interface SourceTrace {
  field: string;
  table?: string;
  row: number | null;
}

/** A value no link produced: a ledger setting, the voucher date (fiscal year, period) or rate 1 on a base-currency line. */
export type TraceOrigin = { origin: 'settings'; setting: string } | { origin: 'voucherDate' } | { origin: 'baseRate' };

/** For one output value: where it lands, which source fields and which nodes produced it. */
export interface TraceEntry {
  target: string;
  sources: SourceTrace[];
  nodes: string[];
  /** Set when the value came from a catalogue fallback rather than a link (sources and nodes are then empty). */
  from?: TraceOrigin;
}

/** The raw target document: header and lines keyed by catalogue field id, values still typed. */
export interface TargetDocument {
  header: Record<string, Value>;
  lines: Record<string, Value>[];
  /** Which line template and source row each line came from. */
  origins: { template: string; row: number | null }[];
}

export interface ExecutionResult {
  status: 'ok' | 'skipped' | 'error';
  /** The finished voucher (or document, for non-voucher targets); null unless status is ok. */
  output: Voucher | TargetDocument | null;
  /** What was assembled, even when errors stop the voucher: for previews only, never for delivery. */
  draft: TargetDocument | null;
  trace: TraceEntry[];
  errors: RunError[];
  /** Why a run was skipped (the instance's status). */
  reason?: string;
  /** A partial compile's run: required fields are not mapped yet, so `draft` is all there is (never a voucher). */
  incomplete?: boolean;
}

export interface ExecuteOptions {
  /** Build the per-value trace (default true). */
  trace?: boolean;
}

export interface Executor {
  readonly spec: MappingSpec;
  readonly catalogue: TargetCatalogue;
  execute(record: FormRecord, options?: ExecuteOptions): Promise<ExecutionResult>;
}

export type CompileResult =
  | {
      ok: true;
      executor: Executor;
      warnings: CompileError[];
      /** Partial compile only: the required fields (and line templates) not mapped yet; empty when complete. */
      missing: CompileError[];
    }
  | { ok: false; errors: CompileError[] };

export type { Fault, Value, ValueType };

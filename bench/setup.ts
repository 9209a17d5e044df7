/**
 * Shared setup for the bench, its test and the profiling helper: the demo mapping compiled once, the lookup tables
 * loaded once, and the four contestants (raw DingTalk payload text → Kingdee GL_VOUCHER Save object text).
 * `makeContestants` builds the three judged ones for other ledger settings (the test varies them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsonata from 'jsonata';
import { getConnector, parseJsonPayload } from '../server/connectors';
import { skipReason, type ExecutionResult, type Executor, type FormRecord, type LookupTableData, type MappingSpec, type Voucher } from '../server/engine';
import { serialiseKingdee } from '../server/ledgers';
import { compileWith } from '../server/pipeline/run';
import { tablesOf } from '../server/pipeline/tables-of';
import { parseCsv } from '../server/services/tables';
import { EXACT_REPARSE, parseNumbersAsText } from './exact-json';
import { makeHandwritten } from './handwritten';

/** BENCH_ROOT lets a bundled copy of the bench (for profiling) find the repository. */
export const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

export const spec = JSON.parse(read('db/seed/mappings/travel-reimbursement.dingtalk-kingdee.json')) as MappingSpec;
export const payloadText = read('db/seed/payloads/dingtalk-instance.json');
export const tables: Record<string, LookupTableData> = {};
for (const name of new Set(tablesOf(spec))) tables[name] = parseCsv(read(`db/seed/tables/${name}.csv`));

const dingtalk = getConnector(spec.source.connector);
if (!dingtalk) throw new Error(`no connector ${spec.source.connector}`);
export const connector = dingtalk;
export const normalizeOptions = { templateCode: spec.source.templateCode || undefined };

export function parseAndNormalize(text: string): FormRecord {
  const parsed = parseJsonPayload(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const normalized = connector.normalize(parsed.value, normalizeOptions);
  if (!normalized.ok) throw new Error(`shape error: ${JSON.stringify(normalized.error)}`);
  return normalized.record;
}

export function voucherOf(result: ExecutionResult): Voucher {
  if (result.status !== 'ok' || !result.output) throw new Error(`execution ${result.status}: ${JSON.stringify(result.errors ?? result.reason)}`);
  return result.output as Voucher;
}

type KingdeeSettings = Parameters<typeof serialiseKingdee>[1];

/** 2. JSONata's lookup tables: key → row objects, indexed by their key column once (setup). */
function keyed(table: LookupTableData, keyColumn: string): Record<string, Record<string, string>> {
  const k = table.columns.indexOf(keyColumn);
  const out: Record<string, Record<string, string>> = {};
  for (const cells of table.rows) {
    const key = cells[k].trim();
    if (key === '' || Object.prototype.hasOwnProperty.call(out, key)) continue;
    out[key] = Object.fromEntries(table.columns.map((c, i) => [c, cells[i]]));
  }
  return out;
}
const jsonataTables: Record<string, unknown> = {
  departments: keyed(tables.departments, 'dept_name'),
  employees: keyed(tables.employees, 'dingtalk_user_id'),
  expenseTypes: keyed(tables['expense-types'], 'expense_type'),
  accounts: Object.fromEntries(
    Object.entries(keyed(tables.accounts, 'account_code')).map(([code, row]) => [code, /^(true|1|yes|y|是)$/i.test(row.postable.trim())]),
  ),
};
export const jsonataSource = read('bench/travel-reimbursement.dingtalk-kingdee.jsonata');
const jsonataExpr = jsonata(jsonataSource);

export interface Contestants {
  /** What the pipeline's compile made of the settings (defaults filled in): the engine's serialiser gets these. */
  targetOptions: KingdeeSettings;
  executor: Executor;
  ledgerlink: (text: string) => Promise<string>;
  viaJsonata: (text: string) => Promise<string>;
  handwritten: (text: string) => string;
}

/**
 * The three judged contestants for the demo mapping with `options` as its ledger settings (`target.options`).
 * Each reads the settings with its own code: the engine through the pipeline's compile, JSONata from a binding,
 * the hand-written function once at setup.
 */
export function makeContestants(options: unknown): Contestants {
  const withOptions = { ...spec, target: { ...spec.target, options: options as Record<string, unknown> } } as MappingSpec;
  // Compiled as the server compiles it (server/pipeline/run.ts): the ledger settings parsed, defaults filled in, the
  // local currency handed to the engine. The demo mapping has no expression node, so no sandbox is involved.
  const compiled = compileWith(withOptions, () => tables);
  if (!compiled.ok) throw new Error(`the demo mapping does not compile:\n${JSON.stringify(compiled.errors, null, 2)}`);
  const executor = compiled.executor;
  const targetOptions = compiled.targetOptions as KingdeeSettings;

  /**
   * 1. Ledgerlink: the steps of runPipeline (server/pipeline/run.ts, what server/services/run-mapping.ts calls)
   * minus the per-call compile: parse, normalise, the status check, execute (trace on, the default), serialise
   * with the mapping's ledger settings.
   */
  const ledgerlink = async (text: string): Promise<string> => {
    const record = parseAndNormalize(text);
    const skipped = skipReason(record, spec.source.postOn);
    if (skipped) throw new Error(`skipped: ${skipped}`);
    return serialiseKingdee(voucherOf(await executor.execute(record)), targetOptions);
  };

  /**
   * 2. JSONata: compiled once; tables and settings enter as bindings. JSON.parse first; when the expression meets a
   * JSON number where it reads an amount or an id (a float may have lost digits), it raises EXACT_REPARSE and the
   * payload is evaluated again with every number read as its text (bench/exact-json.ts).
   */
  const bindings: Record<string, unknown> = {
    ...jsonataTables,
    settings: options ?? {},
    jsonParse: (text: string) => JSON.parse(text),
    reparse: EXACT_REPARSE,
  };
  const exactBindings: Record<string, unknown> = { ...bindings, jsonParse: parseNumbersAsText };
  const viaJsonata = async (text: string): Promise<string> => {
    let out: unknown;
    try {
      out = await jsonataExpr.evaluate(JSON.parse(text), bindings);
    } catch (e) {
      if ((e as { message?: unknown }).message !== EXACT_REPARSE) throw e;
      out = await jsonataExpr.evaluate(parseNumbersAsText(text), exactBindings);
    }
    if (typeof out !== 'string') throw new Error(`the JSONata expression returned ${typeof out}`);
    return out;
  };

  /** 3. Hand-written JS (bench/handwritten.ts); its tables are indexed and its settings read once here. */
  const handwrittenFn = makeHandwritten(tables, options ?? {});
  const handwritten = (text: string): string => {
    const out = handwrittenFn(text);
    if (out === null) throw new Error('the hand-written transform skipped the instance');
    return out;
  };

  return { targetOptions, executor, ledgerlink, viaJsonata, handwritten };
}

/** The demo mapping's own settings: what the bench times. */
export const demo = makeContestants(spec.target.options);
export const { executor, targetOptions, ledgerlink, viaJsonata, handwritten } = demo;

/** 4. The floor: read and write the payload as JSON, nothing else. Not the same output. */
export function floor(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

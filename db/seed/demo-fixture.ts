/**
 * Loads the demo company exactly as shipped (mapping specs, lookup tables, sample payloads) and runs a payload
 * through the real pipeline (server/pipeline: parse, normalise, status check, compile, execute, serialise with the
 * spec's target options) without a database, so the demo tests exercise what the server and the CLI run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExecutionResult, LookupTableData, MappingSpec } from '../../server/engine';
import { runPipeline, type RunOutcome } from '../../server/pipeline/run';
import { parseCsv } from '../../server/services/tables';

const SEED = path.join(__dirname);

export const DEMO = {
  dingtalk: { mapping: 'travel-reimbursement.dingtalk-kingdee', payload: 'dingtalk-instance.json' },
  feishu: { mapping: 'travel-reimbursement.feishu-kingdee', payload: 'feishu-instance.json' },
  wecom: { mapping: 'travel-reimbursement.wecom-u8', payload: 'wecom-approval-detail.json' },
} as const;
export type DemoSystem = keyof typeof DEMO;

export function demoSpec(system: DemoSystem): MappingSpec {
  return JSON.parse(fs.readFileSync(path.join(SEED, 'mappings', `${DEMO[system].mapping}.json`), 'utf8'));
}

export function demoPayload(system: DemoSystem): any {
  return JSON.parse(fs.readFileSync(path.join(SEED, 'payloads', DEMO[system].payload), 'utf8'));
}

export function demoTables(): Record<string, LookupTableData> {
  const out: Record<string, LookupTableData> = {};
  for (const name of ['departments', 'employees', 'expense-types', 'accounts'])
    out[name] = parseCsv(fs.readFileSync(path.join(SEED, 'tables', `${name}.csv`), 'utf8'));
  return out;
}

export interface DemoRun {
  /** What the pipeline returned, unchanged. */
  outcome: RunOutcome;
  /** The engine's result when the run got as far as executing (a voucher or a refusal), else null. */
  result: ExecutionResult | null;
  /** The connector's refusal of the payload's shape (or its JSON), as `path: message`. */
  shapeError: string | null;
  /** The ledger's document, only when the voucher passed every check. */
  document: string | null;
}

/**
 * Runs one payload (an object, written as the OA system would send it, or raw JSON text) through the demo mapping
 * of the system, or through `opts.spec`. The demo's own mappings must compile: a compile error throws, since
 * it is a broken fixture rather than a result under test.
 */
export async function runDemo(
  system: DemoSystem,
  payload: unknown,
  opts: { spec?: MappingSpec; tables?: Record<string, LookupTableData> } = {},
): Promise<DemoRun> {
  const spec = opts.spec ?? demoSpec(system);
  const tables = opts.tables ?? demoTables();
  const payloadText = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const outcome = await runPipeline(spec, payloadText, (names) => Object.fromEntries(names.filter((n) => tables[n]).map((n) => [n, tables[n]])));
  switch (outcome.kind) {
    case 'compile':
      throw new Error(`demo mapping ${spec.name} does not compile: ${JSON.stringify(outcome.errors)}`);
    case 'partial': // only a preview asks for a partial run
      throw new Error(`demo mapping ${spec.name} is incomplete: ${JSON.stringify(outcome.missing)}`);
    case 'bad_json':
      return { outcome, result: null, shapeError: `(json): ${outcome.message}`, document: null };
    case 'shape':
      return { outcome, result: null, shapeError: `${outcome.error.path}: ${outcome.error.message}`, document: null };
    case 'skipped':
      return { outcome, result: null, shapeError: null, document: null };
    case 'error':
      return { outcome, result: outcome.result, shapeError: null, document: null };
    case 'ok':
      return { outcome, result: outcome.result, shapeError: null, document: outcome.document };
  }
}

/**
 * Loads the demo company exactly as shipped (mapping specs, lookup tables, sample payloads) and runs a payload
 * through connector → engine → ledger serialiser without a database. Shared by the demo tests and the bench.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getConnector } from '../../server/connectors';
import { compile, type ExecutionResult, type LookupTableData, type MappingSpec, type Voucher } from '../../server/engine';
import { getCatalogue, serialiseVoucher, type TargetFormat } from '../../server/ledgers';
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
  result: ExecutionResult | null;
  shapeError: string | null;
  document: string | null;
}

export async function runDemo(
  system: DemoSystem,
  payload: unknown,
  opts: { spec?: MappingSpec; tables?: Record<string, LookupTableData> } = {},
): Promise<DemoRun> {
  const spec = opts.spec ?? demoSpec(system);
  const compiled = compile(spec, { catalogue: getCatalogue(spec.target.format)!, tables: opts.tables ?? demoTables() });
  if (!compiled.ok) throw new Error(`demo mapping does not compile: ${JSON.stringify(compiled.errors)}`);
  const n = getConnector(spec.source.connector).normalize(payload, { templateCode: spec.source.templateCode });
  if (!n.ok) return { result: null, shapeError: `${n.error.path}: ${n.error.message}`, document: null };
  const result = await compiled.executor.execute(n.record);
  const document = result.status === 'ok' ? serialiseVoucher(spec.target.format as TargetFormat, result.output as Voucher) : null;
  return { result, shapeError: null, document };
}

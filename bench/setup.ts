/**
 * Shared setup for the bench and the profiling helper: the demo mapping compiled once, the lookup tables loaded
 * once, and the four contestants (raw DingTalk payload text → Kingdee GL_VOUCHER Save object text).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsonata from 'jsonata';
import { getConnector, parseJsonPayload } from '../server/connectors';
import { compile, type ExecutionResult, type FormRecord, type LookupTableData, type MappingSpec, type Voucher } from '../server/engine';
import { getCatalogue, serialiseKingdee } from '../server/ledgers';
import { tablesOf } from '../server/services/run-mapping';
import { parseCsv } from '../server/services/tables';
import { makeHandwritten } from './handwritten';

/** BENCH_ROOT lets a bundled copy of the bench (for profiling) find the repository. */
export const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

export const spec = JSON.parse(read('db/seed/mappings/travel-reimbursement.dingtalk-kingdee.json')) as MappingSpec;
export const payloadText = read('db/seed/payloads/dingtalk-instance.json');
export const tables: Record<string, LookupTableData> = {};
for (const name of new Set(tablesOf(spec))) tables[name] = parseCsv(read(`db/seed/tables/${name}.csv`));

const catalogue = getCatalogue(spec.target.format);
if (!catalogue) throw new Error(`no catalogue for ${spec.target.format}`);
const compiled = compile(spec, { catalogue, tables });
if (!compiled.ok) throw new Error(`the demo mapping does not compile:\n${JSON.stringify(compiled.errors, null, 2)}`);
export const executor = compiled.executor;
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

/** 1. Ledgerlink: the glue of server/services/run-mapping.ts minus the per-call compile. Trace on (the default). */
export async function ledgerlink(text: string): Promise<string> {
  const record = parseAndNormalize(text);
  return serialiseKingdee(voucherOf(await executor.execute(record)));
}

/** 2. JSONata: compiled once; the tables enter as bindings, indexed by their key column once (setup). */
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
export const jsonataBindings: Record<string, unknown> = {
  departments: keyed(tables.departments, 'dept_name'),
  employees: keyed(tables.employees, 'dingtalk_user_id'),
  expenseTypes: keyed(tables['expense-types'], 'expense_type'),
  accounts: Object.fromEntries(
    Object.entries(keyed(tables.accounts, 'account_code')).map(([code, row]) => [code, /^(true|1|yes|y|是)$/i.test(row.postable.trim())]),
  ),
  jsonParse: (text: string) => JSON.parse(text),
};
export const jsonataSource = read('bench/travel-reimbursement.dingtalk-kingdee.jsonata');
const jsonataExpr = jsonata(jsonataSource);
export async function viaJsonata(text: string): Promise<string> {
  const out: unknown = await jsonataExpr.evaluate(JSON.parse(text), jsonataBindings);
  if (typeof out !== 'string') throw new Error(`the JSONata expression returned ${typeof out}`);
  return out;
}

/** 3. Hand-written JS (bench/handwritten.ts); its tables are indexed once here. */
const handwrittenFn = makeHandwritten(tables);
export function handwritten(text: string): string {
  const out = handwrittenFn(text);
  if (out === null) throw new Error('the hand-written transform skipped the instance');
  return out;
}

/** 4. The floor: read and write the payload as JSON, nothing else. Not the same output. */
export function floor(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

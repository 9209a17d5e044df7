import { test, type APIRequestContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A mapping on the large DingTalk form (`e2e/fixtures/dingtalk-large-instance.json`: 300 fields and 20 detail
 * tables of 10 columns), made the way an analyst makes one: the connector infers the form from the sample
 * payload, the wizard's create call makes an empty mapping, and the draft is saved like the editor saves it.
 *
 * The target side is the real Kingdee GL voucher: the 300-field catalogue in `e2e/fixtures` names no ledger the
 * server can serialise, so instead the voucher tree grows large the way a real one does — a debit and a credit
 * line template per detail table (40 templates of 14 rows each).
 */

export const LARGE_MAPPING = 'large-form.dingtalk-kingdee';
export const LARGE_TEMPLATE = 'PROC-LARGE-FORM';
export const LARGE_PAYLOAD = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'dingtalk-large-instance.json'), 'utf8');

interface Column {
  id: string;
  type: string;
}
interface Field extends Column {
  columns?: Column[];
}
interface Template {
  fields: Field[];
}

type Node = Record<string, unknown> & { id: string };
type Edge = { id: string; from: { node: string }; to: { node: string; port: string } };

/** Every detail row is booked twice, expense against payable, so the voucher balances whatever the amounts. */
export function largeMappingSpec(template: Template) {
  const nodes: Node[] = [
    { id: 'src.finishedAt', kind: 'source', meta: 'finishedAt' },
    { id: 'fn.voucherDate', kind: 'function', fn: 'date.toDate', params: { timeZone: 'Asia/Shanghai' } },
    { id: 'fn.fiscalYear', kind: 'function', fn: 'date.year', params: {} },
    { id: 'fn.period', kind: 'function', fn: 'date.period', params: {} },
    { id: 'c.book', kind: 'constant', valueType: 'text', value: '001' },
    { id: 'c.voucherGroup', kind: 'constant', valueType: 'text', value: 'PRE001' },
    { id: 'c.expenseAccount', kind: 'constant', valueType: 'text', value: '6601.02' },
    { id: 'c.payableAccount', kind: 'constant', valueType: 'text', value: '2241' },
    { id: 'c.currency', kind: 'constant', valueType: 'text', value: 'CNY' },
    { id: 'c.rateType', kind: 'constant', valueType: 'text', value: 'HLTX01_SYS' },
  ];
  const edges: Edge[] = [];
  const link = (from: string, to: string, port = 'value') => edges.push({ id: `e${edges.length + 1}`, from: { node: from }, to: { node: to, port } });
  const target = (line: string | null, field: string, from: string) => {
    const id = `t.${line ?? 'header'}.${field}`;
    nodes.push({ id, kind: 'target', line, field });
    link(from, id);
  };
  link('src.finishedAt', 'fn.voucherDate');
  link('fn.voucherDate', 'fn.fiscalYear', 'date');
  link('fn.voucherDate', 'fn.period', 'date');
  target(null, 'date', 'fn.voucherDate');
  target(null, 'fiscalYear', 'fn.fiscalYear');
  target(null, 'period', 'fn.period');
  target(null, 'book', 'c.book');
  target(null, 'voucherWord', 'c.voucherGroup');

  const lines: Record<string, unknown>[] = [];
  const tables = template.fields.filter((f) => f.type === 'table' && f.columns?.length);
  tables.forEach((table, i) => {
    const money = table.columns!.find((c) => c.type === 'money');
    const text = table.columns!.find((c) => c.type === 'text');
    if (!money || !text) return;
    const n = i + 1;
    nodes.push(
      { id: `src.t${n}.amount`, kind: 'source', table: table.id, column: money.id, fieldType: 'money' },
      { id: `src.t${n}.text`, kind: 'source', table: table.id, column: text.id, fieldType: 'text' },
    );
    for (const [side, account] of [['debit', 'c.expenseAccount'], ['credit', 'c.payableAccount']] as const) {
      const line = `${side}${n}`;
      lines.push({ id: line, label: { zh: `明细表${n} ${side === 'debit' ? '借方' : '贷方'}`, en: `Table ${n} ${side}` }, repeat: { table: table.id } });
      target(line, 'summary', `src.t${n}.text`);
      target(line, 'account', account);
      target(line, side, `src.t${n}.amount`);
      target(line, 'currency', 'c.currency');
      target(line, 'exchangeRateType', 'c.rateType');
    }
  });
  return {
    specVersion: 1,
    name: LARGE_MAPPING,
    label: { zh: '大型表单：钉钉 → 金蝶总账凭证', en: 'Large form: DingTalk → Kingdee GL voucher' },
    source: { connector: 'dingtalk', templateCode: LARGE_TEMPLATE, postOn: ['approved'] },
    target: { format: 'kingdee-gl-voucher' },
    nodes,
    edges,
    lines,
  };
}

/**
 * One tRPC call as the browser's client makes it (superjson on the wire; a query without input is a GET; a
 * mutation carries the page's Origin, as a browser adds it, or the server's request guard refuses it).
 */
async function call<T>(request: APIRequestContext, proc: string, input?: unknown): Promise<T> {
  const origin = new URL(test.info().project.use.baseURL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 3107}`).origin;
  const res =
    input === undefined
      ? await request.get(`/api/trpc/${proc}`)
      : await request.post(`/api/trpc/${proc}`, { data: { json: input }, headers: { origin } });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${proc} failed: ${JSON.stringify(body).slice(0, 500)}`);
  return body.result.data.json as T;
}

/** Creates the large mapping once per database; later calls find it and return its name. */
export async function ensureLargeMapping(request: APIRequestContext): Promise<string> {
  const list = await call<{ name: string }[]>(request, 'mappings.list');
  if (list.some((m) => m.name === LARGE_MAPPING)) return LARGE_MAPPING;
  const template = await call<Template>(request, 'templates.inferFromPayload', {
    connector: 'dingtalk',
    payloadText: LARGE_PAYLOAD,
    name: '大型表单测试',
    templateCode: LARGE_TEMPLATE,
  });
  const created = await call<{ revision: number }>(request, 'mappings.create', {
    name: LARGE_MAPPING,
    connector: 'dingtalk',
    templateCode: LARGE_TEMPLATE,
    targetFormat: 'kingdee-gl-voucher',
  });
  await call(request, 'mappings.saveDraft', { name: LARGE_MAPPING, spec: largeMappingSpec(template), layout: {}, expectedRevision: created.revision });
  return LARGE_MAPPING;
}

import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { signStandardWebhook } from '../../server/inbound/standard-webhook';

/**
 * Live claims for the browser suite: a webhook connector of the test's own (its secret comes back once from
 * `connectors.create`, as in the UI), and demo DingTalk claims signed with it and POSTed to /api/hooks/NAME the
 * way middleware sends them. Every claim gets a fresh instance id and OA reference, so a rerun never meets the
 * one-voucher-per-instance rule of an earlier run.
 */
const SAMPLE = path.join(__dirname, '..', '..', 'db', 'seed', 'payloads', 'dingtalk-instance.json');
/** The demo DingTalk form: the demo mapping reads it and posts its vouchers to the demo ledger. */
export const DEMO_TEMPLATE = 'PROC-TRAVEL-EXPENSE';
export const AMOUNT_FIELD = 'MoneyField_17K3F0ZP9QDC0';

/** A tRPC mutation from the page's own session, as the UI's client sends it. */
export async function trpcMutation<T>(page: Page, baseURL: string, procedure: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${procedure}`, { headers: { origin: new URL(baseURL).origin }, data: { json: input } });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${procedure} answered ${res.status()}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.result.data.json as T;
}

export async function createWebhookConnector(page: Page, baseURL: string, name: string): Promise<string> {
  const created = await trpcMutation<{ secret?: string }>(page, baseURL, 'connectors.create', { name, kind: 'webhook', format: 'dingtalk', templateCode: DEMO_TEMPLATE });
  if (!created.secret) throw new Error('connectors.create returned no secret for a webhook connector');
  return created.secret;
}

/** A unique 21-digit DingTalk business id (the OA reference): the time in ms plus a counter. */
let counter = 0;
export function uniqueReference(): string {
  counter += 1;
  return `2099${String(Date.now()).padStart(14, '0')}${String(counter).padStart(3, '0')}`.slice(0, 21);
}

/** The demo claim with its own identity; `faultyAmount` puts that text in the first expense row's amount. */
export function demoClaim(reference: string, opts: { faultyAmount?: string } = {}): string {
  const claim = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'));
  claim.result.businessId = reference;
  claim.result.processInstanceId = `e2e-${reference}`;
  if (opts.faultyAmount !== undefined) {
    const table = claim.result.formComponentValues.find((c: { componentType: string }) => c.componentType === 'TableField');
    const rows = JSON.parse(table.value);
    rows[0].rowValue.find((c: { key: string }) => c.key === AMOUNT_FIELD).value = opts.faultyAmount;
    table.value = JSON.stringify(rows);
  }
  return JSON.stringify(claim);
}

/** POSTs a body signed with the connector's secret; answers the HTTP status. */
export async function sendSigned(request: APIRequestContext, connector: string, secret: string, body: string): Promise<number> {
  const id = `msg_e2e_${Date.now()}_${Math.random().toString(36).slice(2, 10)}`;
  const res = await request.post(`/api/hooks/${connector}`, {
    headers: { ...signStandardWebhook(secret, { id, timestamp: new Date(), body }), 'content-type': 'application/json' },
    data: body,
  });
  return res.status();
}

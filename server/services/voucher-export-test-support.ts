/**
 * For the voucher export's tests (service, CLI, HTTP): real `ok` runs, made the way production makes them. Demo
 * claims are signed as Standard Webhooks, ingested through `ingestHook`, and the worker drains the queue: it runs
 * the mapping version in force and delivers to a finance simulator that answers with voucher numbers. Only the
 * approval time, instance id and OA reference differ between claims, plus the amounts where a test asks.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mappings } from '../../db/schema';
import { payloadFor, type ClaimRow } from '../../db/seed/demo-claims';
import { DEMO, demoPayload, demoTables, type DemoSystem } from '../../db/seed/demo-fixture';
import { startWebhookFinanceSimulator, type WebhookFinanceSimulator } from '../clients/simulators/finance-webhook';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { startWorker } from '../worker/runner';
import { createConnector } from './connectors';
import { assignTarget, createTarget } from './finance-targets';
import { ingestHook } from './ingest';
import { liveHandlers } from './live-handlers';
import { liveQueue } from './live-queue';

export interface ExportClaim {
  system: DemoSystem;
  /** OA instance id; also the OA reference unless `reference` says otherwise (WeCom has one number for both). */
  instance: string;
  reference?: string;
  /** The approval instant, ISO with offset: the mappings turn it into the voucher date in China time. */
  approvedAt: string;
  /** Expense rows with their amounts, instead of the sample's own three. */
  rows?: ClaimRow[];
}

const ACTOR = { username: 'export-test', role: 'integrator' };

/** The claim written into the OA system's own sample payload. */
function payloadOf(claim: ExportClaim): string {
  const p = claim.rows
    ? (payloadFor(claim.system, { rows: claim.rows, total: sumOf(claim.rows), dept: 0, claimant: 0 }, demoTables()) as any)
    : demoPayload(claim.system);
  const at = new Date(claim.approvedAt);
  const reference = claim.reference ?? claim.instance;
  if (claim.system === 'dingtalk') {
    p.result.processInstanceId = claim.instance;
    p.result.businessId = reference;
    // DingTalk v1.0 sends UTC to the minute.
    p.result.finishTime = at.toISOString().slice(0, 16) + 'Z';
  } else if (claim.system === 'feishu') {
    p.data.instance_code = claim.instance;
    p.data.serial_number = reference;
    p.data.end_time = String(at.getTime());
  } else {
    p.info.sp_no = claim.instance;
    // The latest approver's time is the approval time: every step is moved to the claim's instant.
    const seconds = Math.floor(at.getTime() / 1000);
    for (const step of p.info.sp_record) for (const d of step.details) d.sptime = seconds;
    for (const node of p.info.process_list.node_list) for (const sub of node.sub_node_list) if (sub.sptime) sub.sptime = seconds;
  }
  return typeof p === 'string' ? p : JSON.stringify(p);
}

function sumOf(rows: ClaimRow[]): string {
  // Claim totals are whole cents: add them as integers of cents, never as floats.
  const cents = rows.reduce((s, r) => s + BigInt(r.amount.replace('.', '')), 0n);
  const t = cents.toString().padStart(3, '0');
  return `${t.slice(0, -2)}.${t.slice(-2)}`;
}

export interface ExportWorld {
  sim: WebhookFinanceSimulator;
  /** Ingests the claims and runs the worker until every job is done. */
  book(claims: ExportClaim[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connectors for the three demo OA systems and a webhook finance system (the simulator) for the two Kingdee demo
 * mappings; the U8 demo mapping is left without a finance system, so its vouchers have no number.
 */
export async function exportWorld(db: Db): Promise<ExportWorld> {
  process.env.LEDGERLINK_RETRY_BASE_MS = '1';
  const financeSecret = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
  const sim = await startWebhookFinanceSimulator({ secret: financeSecret });
  process.env.LEDGERLINK_OUTBOUND_ALLOW = new URL(sim.url).host;
  const secrets = {} as Record<DemoSystem, string>;
  for (const system of Object.keys(DEMO) as DemoSystem[]) {
    const templateCode = db.select({ t: mappings.templateCode }).from(mappings).where(eq(mappings.name, DEMO[system].mapping)).get()?.t;
    secrets[system] = createConnector(db, ACTOR, { name: `export-${system}`, kind: 'webhook', format: system, templateCode: templateCode || undefined }).secret!;
  }
  createTarget(db, ACTOR, { name: 'export-ledger', kind: 'webhook', url: sim.url, secrets: { secret: financeSecret }, mappings: [DEMO.dingtalk.mapping, DEMO.feishu.mapping] });
  assignTarget(db, ACTOR, { mapping: DEMO.wecom.mapping, target: null });
  let sent = 0;
  return {
    sim,
    async book(claims) {
      for (const claim of claims) {
        const body = payloadOf(claim);
        const headers = { ...signStandardWebhook(secrets[claim.system], { id: `export-msg-${++sent}`, timestamp: new Date(), body }), 'content-type': 'application/json' };
        const answer = ingestHook(db, `export-${claim.system}`, { method: 'POST', headers, query: new URLSearchParams(), body, clientAddress: '10.0.0.7' });
        if (answer.status !== 202) throw new Error(`claim ${claim.instance} was not accepted: ${answer.status} ${answer.body}`);
      }
      const worker = startWorker({ queue: liveQueue(db), handlers: liveHandlers(db), pollMs: 10, concurrency: 2, log: () => {} });
      const deadline = Date.now() + 30_000;
      while (liveQueue(db).stats().queueDepth > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await worker.stop();
    },
    async close() {
      await sim.close();
      delete process.env.LEDGERLINK_OUTBOUND_ALLOW;
    },
  };
}

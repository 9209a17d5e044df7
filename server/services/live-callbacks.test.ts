import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOaSimulator, type OaSimulator, type OaSimulatorOptions } from '../clients/simulators/oa-server';
import { startWorker } from '../worker/runner';
import { createConnector } from './connectors';
import { ingestHook } from './ingest';
import { liveHandlers } from './live-handlers';
import { liveQueue } from './live-queue';
import { listRuns } from './runs';
import { ROOT, seededDatabase } from './test-support';

const db = seededDatabase('live-callbacks');
const actor = { username: 'it', role: 'integrator' };
const read = (name: string) => fs.readFileSync(path.join(ROOT, 'db/seed/payloads', name), 'utf8');
const aesKey = () => randomBytes(32).toString('base64').replace(/[+/]/g, 'x').slice(0, 43);
const cleanups: (() => Promise<void>)[] = [];

/** The hooks route's job, served over HTTP so the vendor simulator can call it: ingestHook on the raw request. */
let hookBase = '';
beforeAll(async () => {
  process.env.LEDGERLINK_RETRY_BASE_MS = '1';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://hooks.invalid');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
      const name = url.pathname.split('/').pop() ?? '';
      const answer = ingestHook(db, name, { method: req.method ?? 'POST', headers, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8'), clientAddress: null });
      res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/hooks`;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
});
afterAll(async () => {
  await Promise.all(cleanups.map((f) => f()));
  delete process.env.LEDGERLINK_OUTBOUND_ALLOW;
});

async function drain(): Promise<void> {
  const worker = startWorker({ queue: liveQueue(db), handlers: liveHandlers(db), pollMs: 20, concurrency: 2 });
  const deadline = Date.now() + 20_000;
  while (liveQueue(db).stats().queueDepth > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await worker.stop();
}

async function simulator(options: OaSimulatorOptions): Promise<OaSimulator> {
  const sim = await startOaSimulator(options);
  cleanups.push(() => sim.close());
  // The OA API lives on loopback here: the outbound guard must be told, as an operator would.
  const allowed = new Set((process.env.LEDGERLINK_OUTBOUND_ALLOW ?? '').split(',').filter(Boolean));
  allowed.add(new URL(sim.url).host);
  process.env.LEDGERLINK_OUTBOUND_ALLOW = [...allowed].join(',');
  return sim;
}

describe('vendor callbacks: the event names the instance, the worker fetches it and runs the version in force', () => {
  it('DingTalk: encrypted bpms_instance_change → instance fetched with a cached token → voucher', async () => {
    const key = aesKey();
    const appKey = 'dingdemoappkey0001';
    const sim = await simulator({
      vendor: 'dingtalk',
      credentials: { appKey, appSecret: 'dt-secret' },
      callback: { url: `${hookBase}/dt`, token: 'dt-token', aesKey: key, receiverId: appKey },
    } as OaSimulatorOptions);
    createConnector(db, actor, {
      name: 'dt',
      kind: 'dingtalk',
      format: 'dingtalk',
      templateCode: 'PROC-TRAVEL-EXPENSE',
      settings: { apiBaseUrl: sim.url, appKey, ownerKey: appKey },
      secrets: { token: 'dt-token', aesKey: key, appSecret: 'dt-secret' },
    });
    const id = 'Xk3p9R2aTQmB7uVw1cYdGg04891741914753';
    sim.addInstance(id, read('dingtalk-instance.json'));
    const sent = await sim.sendApprovalCallback(id, { processCode: 'PROC-TRAVEL-EXPENSE' });
    expect(sent.status).toBe(200);
    // The vendor re-sends the same callback: same event identity, no second piece of work.
    expect((await sim.sendApprovalCallback(id, { processCode: 'PROC-TRAVEL-EXPENSE', eventId: sent.eventId })).status).toBe(200);
    await drain();
    const runs = listRuns(db, { connector: 'dt' });
    expect(runs.map((r) => [r.status, r.instanceId, r.mapping])).toEqual([['ok', id, 'travel-reimbursement.dingtalk-kingdee']]);
    expect(sim.instanceRequests).toBe(1);
  });

  it('a callback for another form template is refused with 400; a forged one with 401', async () => {
    const key = aesKey();
    const appKey = 'dingdemoappkey0002';
    const sim = await simulator({
      vendor: 'dingtalk',
      credentials: { appKey, appSecret: 's' },
      callback: { url: `${hookBase}/dt2`, token: 'right-token', aesKey: key, receiverId: appKey },
    } as OaSimulatorOptions);
    createConnector(db, actor, {
      name: 'dt2',
      kind: 'dingtalk',
      format: 'dingtalk',
      templateCode: 'PROC-TRAVEL-EXPENSE',
      settings: { apiBaseUrl: sim.url, appKey, ownerKey: appKey },
      secrets: { token: 'right-token', aesKey: key, appSecret: 's' },
    });
    sim.addInstance('i-1', read('dingtalk-instance.json'));
    expect((await sim.sendApprovalCallback('i-1', { processCode: 'PROC-OTHER' })).status).toBe(400);
    createConnector(db, actor, {
      name: 'dt3',
      kind: 'dingtalk',
      format: 'dingtalk',
      settings: { apiBaseUrl: sim.url, appKey, ownerKey: appKey },
      secrets: { token: 'another-token', aesKey: key, appSecret: 's' },
    });
    const forged = await simulator({
      vendor: 'dingtalk',
      credentials: { appKey, appSecret: 's' },
      callback: { url: `${hookBase}/dt3`, token: 'right-token', aesKey: key, receiverId: appKey },
    } as OaSimulatorOptions);
    forged.addInstance('i-2', read('dingtalk-instance.json'));
    expect((await forged.sendApprovalCallback('i-2')).status).toBe(401);
  });

  it('WeCom and Feishu callbacks become vouchers of their demo mappings', async () => {
    const wKey = aesKey();
    const corpId = 'ww1cSD21f1e9c0caaa';
    const wecom = await simulator({
      vendor: 'wecom',
      credentials: { corpId, corpSecret: 'wc-secret' },
      callback: { url: `${hookBase}/wc`, token: 'wc-token', aesKey: wKey, receiverId: corpId },
    } as OaSimulatorOptions);
    createConnector(db, actor, {
      name: 'wc',
      kind: 'wecom',
      format: 'wecom',
      settings: { apiBaseUrl: wecom.url, corpId },
      secrets: { token: 'wc-token', aesKey: wKey, corpSecret: 'wc-secret' },
    });
    const wecomBody = read('wecom-approval-detail.json');
    const spNo = (JSON.parse(wecomBody) as { info: { sp_no: string } }).info.sp_no;
    wecom.addInstance(spNo, wecomBody);
    expect((await wecom.sendApprovalCallback(spNo)).status).toBe(200);

    const feishu = await simulator({
      vendor: 'feishu',
      credentials: { appId: 'cli_demo0001', appSecret: 'fs-secret' },
      callback: { url: `${hookBase}/fs`, verificationToken: 'fs-token', encryptKey: 'fs-encrypt-key' },
    } as OaSimulatorOptions);
    createConnector(db, actor, {
      name: 'fs',
      kind: 'feishu',
      format: 'feishu',
      settings: { apiBaseUrl: feishu.url, appId: 'cli_demo0001' },
      secrets: { verificationToken: 'fs-token', encryptKey: 'fs-encrypt-key', appSecret: 'fs-secret' },
    });
    const feishuBody = read('feishu-instance.json');
    const code = (JSON.parse(feishuBody) as { data: { instance_code: string } }).data.instance_code;
    feishu.addInstance(code, feishuBody);
    expect((await feishu.sendApprovalCallback(code)).status).toBe(200);

    await drain();
    expect(listRuns(db, { connector: 'wc' }).map((r) => [r.status, r.mapping])).toEqual([['ok', 'travel-reimbursement.wecom-u8']]);
    expect(listRuns(db, { connector: 'fs' }).map((r) => [r.status, r.mapping])).toEqual([['ok', 'travel-reimbursement.feishu-kingdee']]);
  });
});

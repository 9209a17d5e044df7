import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { handleVendorCallback, type CallbackOutcome, type CallbackVendor, type VendorCallbackConfigs } from '../../inbound/callbacks';
import { createOaClient } from '../oa';
import { startOaSimulator, type OaSimulator, type OaSimulatorOptions } from './oa-server';

const payloads = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/seed/payloads');
const read = (name: string) => readFileSync(path.join(payloads, name), 'utf8');

/** A receiver that runs our inbound callback handler, as the hooks route does, and remembers each outcome. */
async function startReceiver<V extends CallbackVendor>(vendor: V, config: VendorCallbackConfigs[V]) {
  const outcomes: CallbackOutcome[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver.invalid');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
      const outcome = handleVendorCallback(vendor, { method: req.method ?? 'POST', query: url.searchParams, headers, body: Buffer.concat(chunks).toString('utf8') }, config);
      outcomes.push(outcome);
      if (outcome.kind === 'refused') res.writeHead(outcome.status).end(outcome.reason);
      else res.writeHead(outcome.reply.status, { 'content-type': outcome.reply.contentType }).end(outcome.reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/hooks/sim`,
    outcomes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const aesKey = () => randomBytes(32).toString('base64').slice(0, 43);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

async function pair(vendor: CallbackVendor, receiverConfig: Record<string, string>, simCallback: Record<string, string>, credentials: Record<string, string>) {
  const receiver = await startReceiver(vendor, receiverConfig as never);
  cleanups.push(receiver.close);
  const sim: OaSimulator = await startOaSimulator({ vendor, credentials, callback: { url: receiver.url, ...simCallback } } as OaSimulatorOptions);
  cleanups.push(() => sim.close());
  return { receiver, sim };
}

describe('OA simulator approval callbacks, checked by our inbound handlers', () => {
  it('DingTalk: an encrypted, signed bpms_instance_change naming the instance', async () => {
    const key = aesKey();
    const { receiver, sim } = await pair(
      'dingtalk',
      { token: 'dt-token', aesKey: key, ownerKey: 'dingsimappkey0001' },
      { token: 'dt-token', aesKey: key, receiverId: 'dingsimappkey0001' },
      { appKey: 'dingsimappkey0001', appSecret: 'dt-secret' },
    );
    const id = 'Xk3p9R2aTQmB7uVw1cYdGg04891741914753';
    sim.addInstance(id, read('dingtalk-instance.json'));
    const d = await sim.sendApprovalCallback(id, { processCode: 'PROC-3F7A1C2E' });
    expect(d.status).toBe(200);
    const o = receiver.outcomes[0];
    expect(o).toMatchObject({ kind: 'event', eventType: 'bpms_instance_change', instanceId: id, processCode: 'PROC-3F7A1C2E' });
    expect(JSON.parse(d.event)).toMatchObject({ type: 'finish', result: 'agree', title: '张伟提交的差旅费报销' });
  });

  it('WeCom: an encrypted XML sys_approval_change with SpNoStr', async () => {
    const key = aesKey();
    const corpId = 'ww1cSD21f1e9c0caaa';
    const { receiver, sim } = await pair(
      'wecom',
      { token: 'wc-token', aesKey: key, corpId },
      { token: 'wc-token', aesKey: key, receiverId: corpId },
      { corpId, corpSecret: 'wc-secret' },
    );
    sim.addInstance('202503140012', read('wecom-approval-detail.json'));
    const d = await sim.sendApprovalCallback('202503140012');
    expect(d.status).toBe(200);
    expect(receiver.outcomes[0]).toMatchObject({ kind: 'event', eventType: 'sys_approval_change', instanceId: '202503140012' });
    expect(d.event).toContain('<StatuChangeEvent>2</StatuChangeEvent>');
  });

  it('Feishu: an encrypted, signed approval_instance event, then the instance it names is fetched', async () => {
    const credentials = { appId: 'cli_a7b1c2d3e4f5a6b7', appSecret: 'fs-secret' };
    const { receiver, sim } = await pair(
      'feishu',
      { verificationToken: 'fs-verify', encryptKey: 'fs-encrypt-key', appId: credentials.appId },
      { verificationToken: 'fs-verify', encryptKey: 'fs-encrypt-key' },
      credentials,
    );
    const id = 'C34A7ECB-E60A-457A-AA1F-36890ABB9B68';
    const fixture = read('feishu-instance.json');
    sim.addInstance(id, fixture);
    const d = await sim.sendApprovalCallback(id);
    expect(d.status).toBe(200);
    const o = receiver.outcomes[0];
    expect(o).toMatchObject({ kind: 'event', instanceId: id, processCode: 'BCD664E5-456F-4FEE-BA6E-EE349972F6A1' });
    if (o.kind !== 'event' || !o.instanceId) throw new Error('no event');
    const client = createOaClient('feishu', { baseUrl: sim.url, credentials, policy: { allow: [new URL(sim.url).host] } });
    expect(await client.fetchInstance(o.instanceId)).toEqual({ ok: true, bodyText: fixture });
  });

  it('is refused (401) by a receiver configured with another token: the signature is real', async () => {
    const key = aesKey();
    const { receiver, sim } = await pair(
      'wecom',
      { token: 'receiver-token', aesKey: key, corpId: 'wwcorp' },
      { token: 'simulator-token', aesKey: key, receiverId: 'wwcorp' },
      { corpId: 'wwcorp', corpSecret: 's' },
    );
    sim.addInstance('1', '{"sp_no":"1","sp_status":2}');
    expect((await sim.sendApprovalCallback('1')).status).toBe(401);
    expect(receiver.outcomes[0]).toMatchObject({ kind: 'refused', status: 401 });
  });

  it('refuses to send for an instance it does not hold', async () => {
    const { sim } = await pair(
      'feishu',
      { verificationToken: 'v', encryptKey: 'k' },
      { verificationToken: 'v', encryptKey: 'k' },
      { appId: 'cli_x', appSecret: 's' },
    );
    await expect(sim.sendApprovalCallback('missing')).rejects.toThrow(/no instance "missing"/);
  });
});

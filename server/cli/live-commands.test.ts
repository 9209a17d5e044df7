import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { connectors, inboundEvents } from '../../db/schema';
import { signStandardWebhook } from '../inbound/standard-webhook';
import { ingestHook } from '../services/ingest';
import { processEvent } from '../services/live-run';
import { liveInstanceSource } from '../services/live-instances';
import { ROOT, cli, useCliFolder } from './test-support';

const folder = useCliFolder('cli-live');

describe('ledgerlink connectors', () => {
  it('creates a webhook connector and prints {name,kind,format,path,secret} with a usable whsec_ secret', async () => {
    const r = await cli('connectors', 'create', '--kind', 'webhook', '--format', 'dingtalk', '--name', 'oa-prod', '--template', 'PROC-TRAVEL-EXPENSE');
    expect(r.code).toBe(0);
    const created = JSON.parse(r.out);
    expect(Object.keys(created)).toEqual(['name', 'kind', 'format', 'path', 'secret']);
    expect(created).toMatchObject({ name: 'oa-prod', kind: 'webhook', format: 'dingtalk', path: '/api/hooks/oa-prod' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    // The printed secret is the one the server checks: a body signed with it is accepted.
    const db = openDatabase(process.env.LEDGERLINK_DB);
    try {
      const body = fs.readFileSync(path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json'), 'utf8');
      const headers = signStandardWebhook(created.secret, { id: 'cli-msg-1', timestamp: new Date(), body });
      expect(ingestHook(db, 'oa-prod', { method: 'POST', headers, query: new URLSearchParams(), body, clientAddress: null }).status).toBe(202);
      // …and the secret is stored sealed, not as text.
      const row = db.select().from(connectors).all().find((c) => c.name === 'oa-prod')!;
      expect(row.secretsSealed).not.toContain(created.secret.slice(6, 20));
      const event = db.select().from(inboundEvents).all().find((e) => e.messageId === 'cli-msg-1')!;
      await processEvent(db, event.id, liveInstanceSource(db));
    } finally {
      db.$client.close();
    }
  });

  it('takes a given secret, refuses a malformed one, a duplicate name and a bad format', async () => {
    const secret = 'whsec_' + Buffer.alloc(24, 3).toString('base64');
    const r = await cli('connectors', 'create', '--kind', 'webhook', '--format', 'generic', '--name', 'middleware', '--secret', secret);
    expect(JSON.parse(r.out).secret).toBe(secret);
    expect(await cli('connectors', 'create', '--kind', 'webhook', '--format', 'generic', '--name', 'bad', '--secret', 'hunter2')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/whsec_/),
    });
    expect(await cli('connectors', 'create', '--kind', 'webhook', '--format', 'generic', '--name', 'middleware')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/exists already/),
    });
    expect((await cli('connectors', 'create', '--kind', 'webhook', '--format', 'sap', '--name', 'x')).code).toBe(2);
    expect((await cli('connectors', 'create', '--kind', 'webhook', '--format', 'dingtalk', '--name', 'Has Spaces')).code).toBe(2);
  });

  it('lists connectors, as JSON without any secret', async () => {
    const r = await cli('connectors', 'list', '--json');
    const list = JSON.parse(r.out) as Record<string, unknown>[];
    expect(list.map((c) => c.name)).toEqual(expect.arrayContaining(['demo-dingtalk', 'demo-feishu', 'demo-wecom', 'middleware', 'oa-prod']));
    expect(r.out).not.toMatch(/whsec_/);
    expect((await cli('connectors', 'list')).out).toMatch(/^oa-prod\twebhook\tdingtalk\tPROC-TRAVEL-EXPENSE\t\/api\/hooks\/oa-prod\tenabled$/m);
  });
});

describe('ledgerlink targets and runs', () => {
  it('creates a webhook finance system for a mapping and lists it', async () => {
    const r = await cli('targets', 'create', '--kind', 'webhook', '--name', 'erp', '--url', 'https://erp.example.com/vouchers', '--mapping', 'travel-reimbursement.dingtalk-kingdee');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ name: 'erp', kind: 'webhook', mappings: ['travel-reimbursement.dingtalk-kingdee'], secret: expect.stringMatching(/^whsec_/) });
    expect((await cli('targets', 'list')).out).toMatch(/^erp\twebhook\thttps:\/\/erp\.example\.com\/vouchers\ttravel-reimbursement\.dingtalk-kingdee$/m);
    // A U8 system cannot take a Kingdee mapping's documents.
    expect(await cli('targets', 'create', '--kind', 'u8', '--name', 'u8', '--url', 'https://u8.example.com/eai', '--mapping', 'travel-reimbursement.dingtalk-kingdee')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/kingdee-gl-voucher/),
    });
  });

  it('lists runs as JSON in the documented shape, and replays by id', async () => {
    const r = await cli('runs', 'list', '--json');
    const runs = JSON.parse(r.out) as Record<string, unknown>[];
    expect(runs).toHaveLength(1);
    expect(Object.keys(runs[0]).sort()).toEqual(['connector', 'deliveries', 'errors', 'id', 'instanceId', 'mapping', 'messageId', 'oaReference', 'status', 'version'].sort());
    expect(runs[0]).toMatchObject({ mapping: 'travel-reimbursement.dingtalk-kingdee', version: 1, connector: 'oa-prod', messageId: 'cli-msg-1', status: 'ok', errors: [] });
    expect((runs[0].deliveries as unknown[])[0]).toMatchObject({ target: 'demo-ledger', status: 'pending', attempts: 0, voucherNumber: null });
    expect(JSON.parse((await cli('runs', 'list', '--status', 'error', '--json')).out)).toEqual([]);
    const replay = await cli('runs', 'replay', String(runs[0].id));
    expect(replay.code).toBe(1);
    expect(replay.err).toMatch(/not replayed: it produced its voucher/);
    expect((await cli('runs', 'replay', 'abc')).code).toBe(2);
    expect((await cli('runs', 'replay', '99999')).err).toMatch(/there is no run 99999/);
    expect(folder.dir()).not.toBe('');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startKingdeeFinanceSimulator, type KingdeeFinanceSimulator } from '../simulators/finance-kingdee';
import { createKingdeeClient, type KingdeeTargetConfig } from './kingdee';
import type { FinanceDelivery } from './types';

// What `ledgerlink map` prints for the DingTalk demo claim under the dingtalk-kingdee demo mapping: the Save
// object (flags + Model), not the HTTP envelope. The payable line's summary ends with the OA reference.
const document = fs.readFileSync(path.join(__dirname, 'fixtures', 'dingtalk-demo-kingdee-save.json'), 'utf8');
const REFERENCE = '202503140912000286417';
const account = { acctId: '62f0a1b2c3d4e5', username: 'ledgerlink-api', password: 'S3cret-pass!' };

const delivery = (over: Partial<FinanceDelivery> = {}): FinanceDelivery => ({
  documentText: document,
  contentType: 'application/json',
  idempotencyKey: 'run-7-target-1',
  oaReference: REFERENCE,
  outcomeUnknown: false,
  ...over,
});

let sim: KingdeeFinanceSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(over: Partial<KingdeeTargetConfig> = {}) {
  sim = await startKingdeeFinanceSimulator({ port: 0, account });
  const config: KingdeeTargetConfig = { url: `${sim.url}/k3cloud/`, ...account, policy: { allow: [new URL(sim.url).host] }, timeoutMs: 1000, ...over };
  return { sim, client: createKingdeeClient(config) };
}

describe('Kingdee K/3 Cloud client', () => {
  it('logs in, saves GL_VOUCHER in the {"formid","data"} envelope and keeps the number', async () => {
    const { sim, client } = await setup();
    const result = await client.deliver(delivery());
    expect(result).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0001', httpStatus: 200 });
    expect(sim.received.map((r) => r.service)).toEqual(['login', 'save']);
    const envelope = JSON.parse(sim.received[1].body);
    expect(envelope.formid).toBe('GL_VOUCHER');
    // data is the Save object as a JSON string, encoded exactly once.
    expect(envelope.data).toBe(document);
    expect(sim.received[1].session).toBeTruthy();

    // The session is kept: the next voucher costs no login.
    expect(await client.deliver(delivery({ idempotencyKey: 'run-8-target-1' }))).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0002' });
    expect(sim.received.filter((r) => r.service === 'login')).toHaveLength(1);
  });

  it('logs in again once when Kingdee says the session is lost, and saves', async () => {
    const { sim, client } = await setup();
    await client.deliver(delivery());
    sim.expireSessions();
    const result = await client.deliver(delivery({ idempotencyKey: 'run-8-target-1' }));
    expect(result).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0002' });
    expect(sim.received.map((r) => r.service)).toEqual(['login', 'save', 'save', 'login', 'save']);
    expect(sim.saved).toHaveLength(2);
  });

  it('is dead with a clear message, and no password, when the login is refused', async () => {
    const { sim, client } = await setup({ password: 'wrong-password-123' });
    const result = await client.deliver(delivery());
    expect(result.outcome).toBe('dead');
    expect(result.error).toContain('用户名或密码错误');
    expect(result.error).not.toContain('wrong-password-123');
    expect(result.responseText).toBeUndefined();
    expect(sim.saveCount).toBe(0);
  });

  it('retries on 503 honouring Retry-After', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'status', status: 503, retryAfter: '12' });
    expect(await client.deliver(delivery())).toMatchObject({ outcome: 'retry', httpStatus: 503, retryAfterMs: 12_000 });
    expect(sim.saved).toHaveLength(0);
    expect(await client.deliver(delivery())).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0001' });
  });

  it('is dead on 400 with the reply kept', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'status', status: 400, body: 'Bad Request: malformed envelope' });
    expect(await client.deliver(delivery())).toMatchObject({ outcome: 'dead', httpStatus: 400, responseText: 'Bad Request: malformed envelope' });
  });

  it("keeps Kingdee's own messages when it refuses the voucher (IsSuccess false)", async () => {
    const { sim, client } = await setup();
    const unbalanced = document.replace('"FDEBIT": 1174.31', '"FDEBIT": 1174.30');
    expect(unbalanced).not.toBe(document);
    const result = await client.deliver(delivery({ documentText: unbalanced }));
    expect(result.outcome).toBe('dead');
    expect(result.error).toContain('借贷不平衡');
    expect(result.responseText).toContain('"IsSuccess":false');
    expect(sim.saved).toHaveLength(0);
  });

  it('after commit-then-drop: unknown; the next attempt finds the voucher by its OA reference and does not Save again', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'commit-then-drop' });
    const first = await client.deliver(delivery());
    expect(first.outcome).toBe('unknown');
    expect(sim.saveCount).toBe(1);
    expect(sim.saved).toHaveLength(1);

    const second = await client.deliver(delivery({ outcomeUnknown: true }));
    expect(second).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0001' });
    expect(sim.saveCount).toBe(1);
    expect(sim.received.at(-1)!.service).toBe('query');
    const query = JSON.parse(JSON.parse(sim.received.at(-1)!.body).data);
    expect(query).toMatchObject({ FormId: 'GL_VOUCHER', FilterString: `FEXPLANATION like '%${REFERENCE}%'` });
  });

  it('after a timeout that booked nothing, the lookup finds nothing and the voucher is saved once', async () => {
    const { sim, client } = await setup({ timeoutMs: 300 });
    sim.failNext(1, { kind: 'hang' });
    expect((await client.deliver(delivery())).outcome).toBe('unknown');
    expect(sim.saved).toHaveLength(0);
    const second = await client.deliver(delivery({ outcomeUnknown: true }));
    expect(second).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0001' });
    expect(sim.received.map((r) => r.service)).toEqual(['login', 'save', 'query', 'save']);
  });

  it("does not take another claim's voucher whose reference merely contains this one", async () => {
    const { sim, client } = await setup();
    const other = document.replace(REFERENCE, `${REFERENCE}9`);
    await client.deliver(delivery({ documentText: other, oaReference: `${REFERENCE}9` }));
    const result = await client.deliver(delivery({ outcomeUnknown: true }));
    expect(result).toMatchObject({ outcome: 'delivered', voucherNumber: '记-0002' });
    expect(sim.saved).toHaveLength(2);
  });

  it('refuses to guess when the document carries the OA reference in no summary', async () => {
    const { sim, client } = await setup();
    const result = await client.deliver(delivery({ outcomeUnknown: true, oaReference: 'NOT-IN-DOC-1' }));
    expect(result.outcome).toBe('dead');
    expect(result.error).toContain('FEXPLANATION');
    expect(sim.saveCount).toBe(0);
  });

  it('keeps an unknown outcome unknown when the lookup itself cannot reach Kingdee', async () => {
    const { sim, client } = await setup();
    await sim.close();
    const result = await client.deliver(delivery({ outcomeUnknown: true }));
    expect(result.outcome).toBe('unknown');
    expect(result.error).toContain('login');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startU8FinanceSimulator, type U8FinanceSimulator } from '../simulators/finance-u8';
import type { FinanceDelivery } from './types';
import { createU8Client } from './u8';
import { parseU8Reply } from './u8-reply';

// What `ledgerlink map` prints for the WeCom demo claim under the wecom-u8 demo mapping.
const document = fs.readFileSync(path.join(__dirname, 'fixtures', 'wecom-demo-u8.xml'), 'utf8');
const REFERENCE = '202503140012';

const delivery = (over: Partial<FinanceDelivery> = {}): FinanceDelivery => ({
  documentText: document,
  contentType: 'application/xml',
  idempotencyKey: 'run-3-target-4',
  oaReference: REFERENCE,
  outcomeUnknown: false,
  ...over,
});

let sim: U8FinanceSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup() {
  sim = await startU8FinanceSimulator({ port: 0 });
  return { sim, client: createU8Client({ url: `${sim.url}/u8eai/import.asp`, policy: { allow: [new URL(sim.url).host] }, timeoutMs: 1000 }) };
}

describe('U8 EAI client', () => {
  it('the document already carries the OA reference as reserve2', () => {
    expect(document).toContain(`<reserve2>${REFERENCE}</reserve2>`);
  });

  it('posts the XML as printed and reads the voucher number from the reply', async () => {
    const { sim, client } = await setup();
    const result = await client.deliver(delivery());
    expect(result).toMatchObject({ outcome: 'delivered', voucherNumber: '2025-03 记-0001', httpStatus: 200 });
    expect(result.responseText).toContain('凭证已成功保存');
    expect(sim.received[0].body).toBe(document);
    expect(sim.received[0].contentType).toBe('application/xml; charset=utf-8');
    expect(sim.booked).toEqual([{ voucherType: '记', period: '3', u8VoucherId: 1, sourceKey: REFERENCE }]);
  });

  it('retries on 503 honouring Retry-After', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'status', status: 503, retryAfter: '45' });
    expect(await client.deliver(delivery())).toMatchObject({ outcome: 'retry', httpStatus: 503, retryAfterMs: 45_000 });
    expect(sim.booked).toHaveLength(0);
  });

  it('is dead on 400 with the reply kept', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'status', status: 400, body: 'bad request' });
    expect(await client.deliver(delivery())).toMatchObject({ outcome: 'dead', httpStatus: 400, responseText: 'bad request' });
  });

  it("is dead with U8's own words when EAI refuses the voucher (succeed ≠ 0)", async () => {
    const { sim, client } = await setup();
    const unbalanced = document.replace('<natural_debit_currency>1174.31</natural_debit_currency>', '<natural_debit_currency>1174.30</natural_debit_currency>');
    expect(unbalanced).not.toBe(document);
    const result = await client.deliver(delivery({ documentText: unbalanced }));
    expect(result.outcome).toBe('dead');
    expect(result.error).toContain('借贷不平衡');
    expect(sim.booked).toHaveLength(0);
  });

  it('commit-then-drop is unknown, and the next attempt sends nothing (U8 cannot be asked) and names reserve2', async () => {
    const { sim, client } = await setup();
    sim.failNext(1, { kind: 'commit-then-drop' });
    expect((await client.deliver(delivery())).outcome).toBe('unknown');
    expect(sim.booked).toHaveLength(1);
    const next = await client.deliver(delivery({ outcomeUnknown: true }));
    expect(next.outcome).toBe('dead');
    expect(next.error).toContain(REFERENCE);
    expect(sim.received).toHaveLength(1);
    expect(sim.booked).toHaveLength(1);
  });

  it('refuses a document without reserve2', async () => {
    const { sim, client } = await setup();
    const result = await client.deliver(delivery({ documentText: document.replace(`<reserve2>${REFERENCE}</reserve2>`, '<reserve2></reserve2>') }));
    expect(result.outcome).toBe('dead');
    expect(sim.received).toHaveLength(0);
  });

  it('reads refusals listing several items, as integrators quote them', () => {
    const items = parseU8Reply(
      '<ufinterface roottag="voucheraddreturn" proc="add"><item entry_id="2" succeed="1" dsc="项目非法" u8voucher_id=""/>' +
        '<item succeed="1" dsc="凭证分录数据有错" u8voucher_id=""/></ufinterface>',
    );
    expect(items?.map((i) => [i.entryId, i.succeed, i.dsc])).toEqual([
      ['2', '1', '项目非法'],
      ['', '1', '凭证分录数据有错'],
    ]);
    expect(parseU8Reply('<html>Server Error</html>')).toBeNull();
  });
});

import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../connectors';
import { PAYLOAD_LIMIT_BYTES } from '../inputs';
import { appRouter } from '../root';
import { callerAs, useTempDatabase } from '../test-support';

const env = useTempDatabase();
afterAll(env.cleanup);
const api = callerAs(env.context('analyst'));

const DEMOS = [
  { mapping: 'travel-reimbursement.dingtalk-kingdee', connector: 'dingtalk', contentType: /json/, document: /"FEntity"/ },
  { mapping: 'travel-reimbursement.feishu-kingdee', connector: 'feishu', contentType: /json/, document: /"FEntity"/ },
  { mapping: 'travel-reimbursement.wecom-u8', connector: 'wecom', contentType: /xml/, document: /<voucher/ },
] as const;

describe('preview.run on the seeded demo company', () => {
  for (const demo of DEMOS)
    it(`turns the ${demo.connector} sample into a balanced voucher`, async () => {
      const [sample] = await api.samples.list({ connector: demo.connector });
      const r = await api.preview.run({ mappingName: demo.mapping, sampleId: sample.id });
      expect(r.kind).toBe('ok');
      expect(r.errors).toEqual([]);
      expect(r.totals).toEqual({ debit: '2496.00', credit: '2496.00', difference: '0.00' });
      expect(r.lines.length).toBeGreaterThanOrEqual(3);
      for (const l of r.lines) expect((l.debit === null) !== (l.credit === null)).toBe(true);
      expect(r.document?.contentType).toMatch(demo.contentType);
      expect(r.document?.text).toMatch(demo.document);
      expect(r.record?.status).toBe('approved');
      expect(r.trace.length).toBeGreaterThan(0);
    });

  it('shows the DingTalk claim as five lines: expenses on 6601.02, the payable on 2241, with names', async () => {
    const r = await api.preview.run({ mappingName: 'travel-reimbursement.dingtalk-kingdee' });
    expect(r.lines).toHaveLength(5);
    const travel = r.lines.find((l) => l.account === '6601.02');
    expect(travel?.accountName).toBe('销售费用-差旅费');
    const payable = r.lines.find((l) => l.account === '2241');
    expect(payable?.credit).toBe('2496.00');
    expect(payable?.templateLabel?.en).toBeTruthy();
    expect(r.header?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const traced = r.trace.find((t) => t.targetField === 'debit' && t.line === 1);
    expect(traced?.sources.some((s) => s.row === 1 && s.fieldLabel)).toBe(true);
  });
});

describe('preview.run on pasted payloads', () => {
  const mappingName = 'travel-reimbursement.dingtalk-kingdee';

  it('reports text that is not JSON as a specific error, not a 500', async () => {
    const r = await api.preview.run({ mappingName, payloadText: '{"result": {"title": ' });
    expect(r.kind).toBe('bad_json');
    expect(r.errors[0].message).toMatch(/not JSON: .* at position \d+/);
    expect(r.lines).toEqual([]);
    expect(r.document).toBeNull();
  });

  it('names the JSON path when the payload is not a DingTalk instance', async () => {
    const r = await api.preview.run({ mappingName, payloadText: '{"hello": "world"}' });
    expect(r.kind).toBe('shape');
    expect(r.errors[0].field).toMatch(/^\$/);
  });

  it('names field, row and value when a detail row carries a bad amount', async () => {
    const sample = (await api.samples.list({ connector: 'dingtalk' }))[0];
    const { payloadText } = await api.samples.get({ id: sample.id });
    expect(payloadText).toContain('1060.00'); // the hotel line, row 2 of the expense table
    const r = await api.preview.run({ mappingName, payloadText: payloadText.replace('1060.00', '1O60.00') });
    expect(r.kind).toBe('error');
    expect(r.document).toBeNull();
    expect(r.errors).toContainEqual(
      expect.objectContaining({ field: 'MoneyField_17K3F0ZP9QDC0', fieldLabel: { zh: '金额（元）' }, row: 2, value: '1O60.00', code: 'not_a_number' }),
    );
  });

  it('refuses an empty or oversized payload as bad input', async () => {
    await expect(api.preview.run({ mappingName, payloadText: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const huge = 'x'.repeat(PAYLOAD_LIMIT_BYTES + 1);
    await expect(api.preview.run({ mappingName, payloadText: huge })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(PAYLOAD_LIMIT_BYTES).toBe(MAX_PAYLOAD_BYTES);
  });

  it('refuses a sample from another OA system, and unknown mappings and samples', async () => {
    const [feishu] = await api.samples.list({ connector: 'feishu' });
    await expect(api.preview.run({ mappingName, sampleId: feishu.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.preview.run({ mappingName: 'no-such-mapping' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.preview.run({ mappingName, sampleId: 99999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('preview.run over HTTP', () => {
  it('answers bad input with 400 and a readable sentence, not a 500 or a JSON dump', async () => {
    const res = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request('http://local/api/trpc/preview.run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { mappingName: 'travel-reimbursement.dingtalk-kingdee', payloadText: '' } }),
      }),
      router: appRouter,
      createContext: () => env.context('analyst'),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.json.message).toBe('payloadText: the payload is empty: paste or upload an OA approval instance as JSON');
    expect(body.error.json.data.issues).toEqual([{ path: 'payloadText', message: expect.stringContaining('empty') }]);
    expect(JSON.stringify(body)).not.toContain('stack');
  });
});

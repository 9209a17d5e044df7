import { afterAll, describe, expect, it } from 'vitest';
import { callerAs, useTempDatabase } from '../test-support';

const env = useTempDatabase();
afterAll(env.cleanup);
const api = callerAs(env.context('viewer'));

describe('read-only routers on the seeded demo company', () => {
  it('lists the three demo mappings with source and target', async () => {
    const list = await api.mappings.list();
    expect(list.map((m) => [m.sourceConnector, m.targetFormat])).toEqual([
      ['dingtalk', 'kingdee-gl-voucher'],
      ['feishu', 'kingdee-gl-voucher'],
      ['wecom', 'u8-voucher-xml'],
    ]);
    expect(list[0]).toMatchObject({ revision: 1, label: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('gets one mapping with its spec, and NOT_FOUND for an unknown name', async () => {
    const m = await api.mappings.get({ name: 'travel-reimbursement.wecom-u8' });
    expect(m.spec.source.connector).toBe('wecom');
    await expect(api.mappings.get({ name: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.mappings.get({ name: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lists samples by OA system and returns one with its raw payload', async () => {
    const dingtalk = await api.samples.list({ connector: 'dingtalk' });
    expect(dingtalk).toHaveLength(1);
    expect((await api.samples.list({})).length).toBe(3);
    const sample = await api.samples.get({ id: dingtalk[0].id });
    expect(JSON.parse(sample.payloadText)).toHaveProperty('result');
    await expect(api.samples.get({ id: 424242 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists lookup tables and target formats', async () => {
    const tables = await api.tables.list();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['accounts', 'departments', 'employees', 'expense-types']));
    const formats = await api.catalogues.targetFormats();
    expect(formats.find((f) => f.format === 'u8-voucher-xml')?.label.en).toMatch(/U8/);
  });
});

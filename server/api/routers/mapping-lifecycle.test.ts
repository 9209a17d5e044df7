import { afterAll, describe, expect, it } from 'vitest';
import { callerAs, useTempDatabase } from '../test-support';

const env = useTempDatabase();
afterAll(env.cleanup);
const analyst = callerAs(env.context('analyst'));
const viewer = callerAs(env.context('viewer'));

describe('creating, copying and deleting mappings over the API', () => {
  it('creates an empty mapping from a template and a target, as an analyst only', async () => {
    const [template] = await viewer.templates.list();
    const input = { name: 'claims.copy-test', connector: template.oaSystem as 'dingtalk', templateCode: template.templateCode, targetFormat: 'csv' };
    await expect(viewer.mappings.create(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await analyst.mappings.create({ ...input, label: { zh: '测试', en: 'Test' } })).toEqual({ name: 'claims.copy-test', revision: 1 });
    expect((await viewer.mappings.get({ name: 'claims.copy-test' })).spec.lines).toEqual([]);
    await expect(analyst.mappings.create(input)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already exists/) });
    await expect(analyst.mappings.create({ ...input, name: 'has spaces' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/letters, digits/),
    });
  });

  it('duplicates and deletes a draft', async () => {
    await analyst.mappings.duplicate({ from: 'travel-reimbursement.wecom-u8', to: 'travel-reimbursement.wecom-u8.v2' });
    expect((await viewer.mappings.list()).map((m) => m.name)).toContain('travel-reimbursement.wecom-u8.v2');
    await analyst.mappings.delete({ name: 'travel-reimbursement.wecom-u8.v2' });
    expect((await viewer.mappings.list()).map((m) => m.name)).not.toContain('travel-reimbursement.wecom-u8.v2');
    await expect(analyst.mappings.delete({ name: 'travel-reimbursement.wecom-u8.v2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { callerAs, useTempDatabase } from '../test-support';

const env = useTempDatabase();
afterAll(env.cleanup);
const analyst = callerAs(env.context('analyst'));
const viewer = callerAs(env.context('viewer'));
const DINGTALK = 'travel-reimbursement.dingtalk-kingdee';

describe('the editor’s catalogues', () => {
  it('lists every engine function as plain data with labels, explanations, params and ports', async () => {
    const palette = await viewer.catalogues.functions();
    expect(palette.categories.map((c) => c.id)).toContain('aggregate');
    const round = palette.functions.find((f) => f.id === 'math.round')!;
    expect(round.label).toEqual({ zh: '四舍五入', en: 'Round' });
    expect(round.description.en).toMatch(/decimals/);
    expect(round.params.map((p) => p.name)).toEqual(['places', 'mode']);
    expect(round.defaults).toEqual({ places: 2, mode: 'half-up' });
    expect(round.outputs[0]).toMatchObject({ name: 'result', type: 'number' });
    expect(JSON.parse(JSON.stringify(palette))).toEqual(palette);
  });

  it('gives the voucher fields of a ledger format, required ones marked', async () => {
    const c = await viewer.catalogues.target({ format: 'kingdee-gl-voucher' });
    const debit = c.fields.find((f) => f.group === 'line' && f.id === 'debit');
    expect(debit).toMatchObject({ type: 'money', label: { zh: '借方金额', en: 'Debit' } });
    expect(c.fields.some((f) => f.required)).toBe(true);
    await expect(viewer.catalogues.target({ format: 'sap' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('mappings.saveDraft', () => {
  it('saves with the loaded revision and refuses a stale one with CONFLICT and a clear message', async () => {
    const m = await analyst.mappings.get({ name: DINGTALK });
    const spec = { ...m.spec, description: 'edited in the studio' };
    const saved = await analyst.mappings.saveDraft({ name: DINGTALK, spec, layout: { positions: { 'fn.net': { x: 1, y: 2 } } }, expectedRevision: m.revision });
    expect(saved.revision).toBe(m.revision + 1);
    const again = await analyst.mappings.get({ name: DINGTALK });
    expect(again.spec.description).toBe('edited in the studio');
    expect(again.layout).toEqual({ positions: { 'fn.net': { x: 1, y: 2 } } });
    await expect(analyst.mappings.saveDraft({ name: DINGTALK, spec, expectedRevision: m.revision })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/saved elsewhere.*reload/),
    });
  });

  it('is for analysts only and validates the spec', async () => {
    const m = await analyst.mappings.get({ name: DINGTALK });
    await expect(viewer.mappings.saveDraft({ name: DINGTALK, spec: m.spec, expectedRevision: m.revision })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      analyst.mappings.saveDraft({ name: DINGTALK, spec: { ...m.spec, nodes: 'nope' } as never, expectedRevision: m.revision }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

import { describe, expect, it } from 'vitest';
import { handwritten, ledgerlink, makeContestants, payloadText, spec, viaJsonata, type Contestants } from './setup';
import { CHECKED } from './variants';

const refusal = async (run: () => Promise<string> | string): Promise<string | null> => {
  try {
    await run();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

/** The bench only means something while its three contestants produce the same voucher. */
describe('benchmark contestants', () => {
  it('turn the DingTalk demo claim into byte-identical Kingdee JSON, with the settings\' Save flag', async () => {
    const engine = await ledgerlink(payloadText);
    const save = JSON.parse(engine);
    expect(save.Model.FEntity).toHaveLength(5);
    // The demo's settings ask Kingdee to verify base data (issue 8): a contestant still writing "false" fails here.
    expect(save.IsVerifyBaseDataField).toBe('true');
    expect(await viaJsonata(payloadText)).toBe(engine);
    expect(handwritten(payloadText)).toBe(engine);
  });

  it('agree on a claim approved late at night (the voucher date moves to the next day in Beijing)', async () => {
    const late = payloadText.replace('"finishTime": "2025-03-15T08:40Z"', '"finishTime": "2025-03-31T17:30Z"');
    const engine = await ledgerlink(late);
    expect(JSON.parse(engine).Model).toMatchObject({ FDate: '2025-04-01', FPERIOD: 4 });
    expect(await viaJsonata(late)).toBe(engine);
    expect(handwritten(late)).toBe(engine);
  });

  for (const p of CHECKED.filter((c) => c.name !== 'sample')) {
    it(`${p.valid ? 'agree on' : 'all refuse'}: ${p.name}`, async () => {
      if (p.valid) {
        const engine = await ledgerlink(p.text);
        expect(await viaJsonata(p.text)).toBe(engine);
        expect(handwritten(p.text)).toBe(engine);
      } else {
        // Each refuses it, naming the field at fault.
        expect(await refusal(() => ledgerlink(p.text))).toContain(p.field);
        expect(await refusal(() => viaJsonata(p.text))).toContain(p.field);
        expect(await refusal(() => handwritten(p.text))).toContain(p.field);
      }
    });
  }

  it('book an amount sent as a JSON number with every digit', async () => {
    const p = CHECKED.find((c) => c.name.startsWith('amounts sent as JSON numbers'))!;
    expect(p.text).toMatch(/"value": 72057594039143\.93/);
    const amounts = (await ledgerlink(p.text)).match(/"FAMOUNTFOR": [0-9.]+/g);
    expect(amounts).toContain('"FAMOUNTFOR": 72057594037822.24'); // 72057594037927.93 − tax 105.69
    expect(handwritten(p.text).match(/"FAMOUNTFOR": [0-9.]+/g)).toEqual(amounts);
  });

  it('follow the ledger settings: the Save flag, the currency number and the dimension flex fields', async () => {
    const settings = {
      ...spec.target.options,
      isVerifyBaseDataField: false,
      currencyMap: { CNY: 'BB01' },
      dimensionMap: { department: { field: 'FFLEX9', formId: 'BD_Department' }, employee: { field: 'FF100003', formId: 'BD_Empinfo' } },
    };
    const c: Contestants = makeContestants(settings);
    const engine = await c.ledgerlink(payloadText);
    const save = JSON.parse(engine);
    expect(save.IsVerifyBaseDataField).toBe('false');
    expect(save.Model.FEntity[0]).toMatchObject({ FDetailID: { FDETAILID__FFLEX9: { FNumber: expect.any(String) } }, FCURRENCYID: { FNumber: 'BB01' } });
    expect(save.Model.FEntity[4].FDetailID).toHaveProperty('FDETAILID__FF100003');
    expect(await c.viaJsonata(payloadText)).toBe(engine);
    expect(c.handwritten(payloadText)).toBe(engine);
  });
});

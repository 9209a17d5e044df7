import { describe, expect, it } from 'vitest';
import { handwritten, ledgerlink, payloadText, viaJsonata } from './setup';

/** The bench only means something while its three contestants produce the same voucher. */
describe('benchmark contestants', () => {
  it('turn the DingTalk demo claim into byte-identical Kingdee JSON', async () => {
    const engine = await ledgerlink(payloadText);
    expect(JSON.parse(engine).Model.FEntity).toHaveLength(5);
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
});

import { describe, expect, it } from 'vitest';
import { demoPayload, demoSpec, demoTables, type DemoSystem } from '../../../../../db/seed/demo-fixture';
import { previewPayload } from '../../../../../server/pipeline/preview';
import { runPipeline } from '../../../../../server/pipeline/run';
import { runTraceView, runVoucherView } from './run-voucher-view';

const tables = () => {
  const all = demoTables();
  return (names: string[]) => Object.fromEntries(names.filter((n) => all[n]).map((n) => [n, all[n]]));
};

/** What a live run stores: the engine's voucher and trace through JSON, exactly as storeRun writes them. */
async function storedRun(system: DemoSystem, payloadText: string) {
  const outcome = await runPipeline(demoSpec(system), payloadText, tables());
  if (outcome.kind !== 'ok' && outcome.kind !== 'error') throw new Error(`unexpected ${outcome.kind}`);
  return {
    voucher: JSON.parse(JSON.stringify(outcome.result.output)) as unknown,
    trace: JSON.parse(JSON.stringify(outcome.result.trace)) as unknown,
    record: JSON.parse(JSON.stringify(outcome.record)),
  };
}

describe('a run voucher shown like its preview', () => {
  for (const system of ['dingtalk', 'feishu', 'wecom'] as const)
    it(`gives the preview's header, lines and totals for the ${system} demo claim`, async () => {
      const payloadText = JSON.stringify(demoPayload(system));
      const spec = demoSpec(system);
      const preview = await previewPayload(spec, payloadText, tables());
      const stored = await storedRun(system, payloadText);
      const view = runVoucherView(stored.voucher, spec)!;
      expect(view.header).toEqual(preview.header);
      expect(view.totals).toEqual(preview.totals);
      // A stored voucher has no line-template origins and the run view reads no chart of accounts: the rest matches.
      const strip = (l: (typeof view.lines)[number]) => ({ ...l, template: '', templateLabel: null, row: null, accountName: null });
      expect(view.lines).toEqual(preview.lines.map(strip));
      expect(runTraceView(stored.trace, spec, stored.record)).toEqual(preview.trace);
    });

  it('has no voucher for a refused claim and tolerates a missing one', async () => {
    const payload = demoPayload('dingtalk');
    const table = payload.result.formComponentValues.find((c: { componentType: string }) => c.componentType === 'TableField');
    const rows = JSON.parse(table.value);
    rows[0].rowValue.find((c: { componentType: string }) => c.componentType === 'MoneyField').value = 'abc';
    table.value = JSON.stringify(rows);
    const stored = await storedRun('dingtalk', JSON.stringify(payload));
    expect(runVoucherView(stored.voucher, demoSpec('dingtalk'))).toBeNull();
    expect(runVoucherView(null, demoSpec('dingtalk'))).toBeNull();
    expect(runTraceView(null, demoSpec('dingtalk'), null)).toEqual([]);
  });
});

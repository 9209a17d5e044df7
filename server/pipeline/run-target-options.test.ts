import { describe, expect, it } from 'vitest';
import { demoPayload, demoSpec, demoTables } from '../../db/seed/demo-fixture';
import type { MappingSpec } from '../engine';
import { compileWith, runPipeline } from './run';

/** The ledger settings through the real pipeline: checked as compile errors, handed parsed to the serialiser. */

const tables = (names: string[]) => {
  const all = demoTables();
  return Object.fromEntries(names.filter((n) => all[n]).map((n) => [n, all[n]]));
};
const run = (spec: MappingSpec, system: 'dingtalk' | 'wecom') => runPipeline(spec, JSON.stringify(demoPayload(system)), tables);

describe('target options in the pipeline', () => {
  it('lists a U8 mapping without a sender as a compile problem naming the setting', () => {
    const spec = demoSpec('wecom');
    spec.target.options = { receiver: '996', preparer: '王芳' };
    const compiled = compileWith(spec, tables);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.errors).toEqual([
      { code: 'target_option_required', message: 'the U8 setting "sender" is required', params: { format: 'u8-voucher-xml', setting: 'sender' } },
    ]);
  });

  it('refuses an unknown key and a boolean written as text', async () => {
    const spec = demoSpec('dingtalk');
    spec.target.options = { ...spec.target.options, isVerifyBaseDataField: 'true', flexMap: {} };
    const outcome = await run(spec, 'dingtalk');
    expect(outcome.kind).toBe('compile');
    if (outcome.kind !== 'compile') return;
    expect(outcome.errors.map((e) => [e.code, e.params?.setting])).toEqual([
      ['target_option_type', 'isVerifyBaseDataField'],
      ['target_option_unknown', 'flexMap'],
    ]);
  });

  it('serialises with the parsed settings: U8 sender/receiver and preparer default, Kingdee verification flag', async () => {
    const u8 = demoSpec('wecom');
    u8.target.options = { sender: 'A001', preparer: '李会计' };
    const out = await run(u8, 'wecom');
    expect(out.kind).toBe('ok');
    if (out.kind === 'ok') {
      expect(out.document).toContain('receiver="u8" sender="A001"');
      expect(out.document).toContain('<enter>李会计</enter>');
    }
    const kingdee = demoSpec('dingtalk');
    kingdee.target.options = { ...kingdee.target.options, isVerifyBaseDataField: false };
    const k = await run(kingdee, 'dingtalk');
    expect(k.kind === 'ok' && JSON.parse(k.document).IsVerifyBaseDataField).toBe('false');
  });
});

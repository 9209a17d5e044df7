import { describe, expect, it } from 'vitest';
import type { MappingSpec } from '../engine';
import { compareVouchers, classify, type RunView } from './golden-samples';
import { diffSpecs } from './version-diff';

const base: MappingSpec = {
  specVersion: 1,
  name: 'm',
  source: { connector: 'dingtalk', templateCode: 'T', postOn: ['approved'] },
  target: { format: 'kingdee-gl-voucher', options: { voucherWord: '记' } },
  nodes: [
    { id: 'amt', kind: 'source', field: 'amount', fieldType: 'money' },
    { id: 'round', kind: 'function', fn: 'round', params: { places: 2 } },
    { id: 'debit', kind: 'target', line: 'expense', field: 'debit' },
    { id: 'gate', kind: 'target', line: 'expense', field: '$condition' },
    { id: 'ok', kind: 'check', message: { zh: '金额必须为正', en: 'amount must be positive' } },
  ],
  edges: [{ id: 'e1', from: { node: 'amt' }, to: { node: 'round', port: 'value' } }],
  lines: [{ id: 'expense', label: { zh: '费用', en: 'expense' }, repeat: 'once' }],
};

describe('diffSpecs', () => {
  it('finds nothing between a spec and itself', () => {
    expect(diffSpecs(base, structuredClone(base))).toEqual([]);
  });

  it('words links, parameters, lines, conditions, checks and ledger settings', () => {
    const next = structuredClone(base);
    next.edges = [
      { id: 'other-id', from: { node: 'round' }, to: { node: 'debit' } },
      { id: 'e9', from: { node: 'amt' }, to: { node: 'gate' } },
    ];
    (next.nodes[1] as { params: Record<string, unknown> }).params.places = 0;
    (next.nodes[4] as { message: { zh: string; en: string } }).message.en = 'amount must be above zero';
    next.lines[0].repeat = { table: 'details' };
    next.lines.push({ id: 'tax', repeat: 'once' });
    next.target.options = { voucherWord: '转' };
    const d = diffSpecs(base, next);
    const find = (kind: string, change: string) => d.filter((e) => e.kind === kind && e.change === change);
    expect(find('link', 'added')[0].text.en).toBe('Added link: function round → debit of line expense');
    expect(find('link', 'removed')[0].text.zh).toBe('删除连线：表单字段 amount → 函数 round [value]');
    expect(find('condition', 'added')[0]).toMatchObject({ node: 'gate', line: 'expense' });
    expect(find('parameter', 'changed')[0]).toMatchObject({ node: 'round', field: 'params.places', before: 2, after: 0 });
    expect(find('parameter', 'changed')[0].text.en).toBe('Changed params.places of function round: 2 → 0');
    expect(find('check', 'changed')[0]).toMatchObject({ field: 'message' });
    expect(find('line', 'changed')[0].text.en).toBe('Changed repeat of line template "expense": once → once per row of details');
    expect(find('line', 'added')[0]).toMatchObject({ line: 'tax' });
    // voucherWord is no Kingdee setting (the typed settings would refuse it): worded by its key alone.
    expect(find('target_option', 'changed')[0].text.zh).toBe('修改账套设置 voucherWord："记" → "转"');
  });

  it('reads a map setting entry by entry, under the name of the setting', () => {
    const dims = { department: { field: 'FFLEX5', formId: 'BD_Department' }, employee: { field: 'FFLEX7', formId: 'BD_Empinfo' } };
    const before = { ...structuredClone(base), target: { format: 'kingdee-gl-voucher', options: { dimensionMap: dims } } };
    const after = structuredClone(before);
    (after.target.options!.dimensionMap as typeof dims).employee = { field: 'FF100003', formId: 'BD_Empinfo' };
    const d = diffSpecs(before, after);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ kind: 'target_option', change: 'changed', field: 'dimensionMap.employee' });
    expect(d[0].text.en).toMatch(/^Changed ledger setting “.+” dimensionMap\.employee: FFLEX7 · BD_Empinfo → FF100003 · BD_Empinfo$/);
  });

  it('reports removed nodes and a removed line template', () => {
    const next = structuredClone(base);
    next.nodes = next.nodes.filter((n) => n.id !== 'ok');
    next.lines = [];
    const d = diffSpecs(base, next);
    expect(d.map((e) => `${e.kind}:${e.change}`)).toEqual(['check:removed', 'line:removed']);
  });
});

describe('voucher comparison', () => {
  const voucher = (lines: [string, string, string][]): RunView => ({
    kind: 'voucher',
    header: { date: '2026-01-05' },
    document: 'doc',
    lines: lines.map(([account, debit, credit]) => ({ summary: 's', account, debit, credit, currency: null, dimensions: {} })),
  });

  it('same line count: account and amount changes line by line', () => {
    const c = compareVouchers(voucher([['6602', '100', '0'], ['2241', '0', '100']]) as never, voucher([['6601', '100', '0'], ['2241', '0', '100']]) as never);
    expect(c.lineChanges).toEqual([{ line: 1, field: 'account', before: '6602', after: '6601' }]);
  });

  it('a line more: the added line, nothing removed', () => {
    const c = compareVouchers(voucher([['6602', '100', '0'], ['2241', '0', '100']]) as never, voucher([['6602', '90', '0'], ['2221', '10', '0'], ['2241', '0', '100']]) as never);
    expect(c.linesAdded.map((l) => l.account)).toEqual(['6602', '2221']);
    expect(c.linesRemoved.map((l) => l.account)).toEqual(['6602']);
  });

  it('classifies newly failing, newly passing and still failing', () => {
    const ok = voucher([['6602', '1', '0']]);
    const failed: RunView = { kind: 'failed', problems: ['x'] };
    expect(classify(ok, failed).outcome).toBe('newly_failing');
    expect(classify(failed, ok).outcome).toBe('newly_passing');
    expect(classify(null, ok).outcome).toBe('newly_passing');
    expect(classify(failed, { kind: 'failed', problems: ['y'] }).outcome).toBe('still_failing');
    expect(classify(ok, voucher([['6602', '1', '0']])).outcome).toBe('unchanged');
  });
});

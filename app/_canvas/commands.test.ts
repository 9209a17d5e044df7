import { describe, expect, it } from 'vitest';
import { getCatalogue } from '#server/ledgers/catalogues';
import {
  addFunctionNode, addLineTemplate, commentNode, connect, deleteNode, disconnect, ensureSourceNode, ensureTargetNode,
  removeLineTemplate, renameLine, renameNode, setChartOfAccounts, setExpressionInputs, setTargetOption, setLineRepeat, setLookupColumns, setLookupTable, setParams,
  addNode, insertOnEdge,
} from './commands';
import { specToFlow } from './spec-to-flow';
import { DEMOS, loadDemo } from './test-support';

const spec = loadDemo(DEMOS[0]);
const ctx = { targetFields: getCatalogue(spec.target.format)!.fields };

describe('editing commands', () => {
  it('adds a function from the palette with its default parameters and a readable id', () => {
    const { spec: next, id } = addFunctionNode(spec, 'math.round');
    expect(id).toMatch(/^fn\.round/);
    const node = next.nodes.find((n) => n.id === id);
    expect(node).toMatchObject({ kind: 'function', fn: 'math.round' });
    expect(spec.nodes.find((n) => n.id === id)).toBeUndefined(); // the old spec is untouched
  });

  it('connects compatible ports and refuses a mismatched link with the reason', () => {
    const { spec: s1, id } = addFunctionNode(spec, 'math.add');
    const ok = connect(s1, { node: 'src.amount', port: 'value' }, { node: id, port: 'values.0' }, ctx);
    expect(ok.ok).toBe(true);
    const bad = connect(s1, { node: 'src.description', port: 'value' }, { node: id, port: 'values.0' }, ctx);
    expect(bad).toEqual({ ok: false, reason: { code: 'type_mismatch', fromType: 'text', toType: 'number' } });
  });

  it('refuses a second edge into a taken input, a link to itself and a cycle', () => {
    const taken = connect(spec, { node: 'src.total', port: 'value' }, { node: 't.expense.debit', port: 'value' }, ctx);
    expect(taken).toMatchObject({ ok: false, reason: { code: 'input_taken' } });
    const { spec: s1, id } = addFunctionNode(spec, 'text.upper');
    expect(connect(s1, { node: id, port: 'result' }, { node: id, port: 'text' }, ctx)).toMatchObject({ ok: false, reason: { code: 'self_link' } });
    const { spec: s2, id: id2 } = addFunctionNode(s1, 'text.upper');
    const a = connect(s2, { node: id, port: 'result' }, { node: id2, port: 'text' }, ctx);
    if (!a.ok) throw new Error(JSON.stringify(a.reason));
    expect(connect(a.spec, { node: id2, port: 'result' }, { node: id, port: 'text' }, ctx)).toMatchObject({ ok: false, reason: { code: 'cycle' } });
  });

  it('a new variadic slot appears once the free one is used', () => {
    const { spec: s1, id } = addFunctionNode(spec, 'math.add');
    const r = connect(s1, { node: 'src.amount', port: 'value' }, { node: id, port: 'values.0' }, ctx);
    if (!r.ok) throw new Error('not connected');
    const node = specToFlow(r.spec, {}, ctx).nodes.find((n) => n.id === id)!;
    expect(node.data.ports.inputs.map((p) => p.name)).toEqual(['values.0', 'values.1']);
  });

  it('links a form field to a voucher field, adding both nodes once', () => {
    const s = loadDemo(DEMOS[0]);
    const src = ensureSourceNode(s, { field: 'TextField_X', type: 'text', label: '备注' });
    const again = ensureSourceNode(src.spec, { field: 'TextField_X', type: 'text' });
    expect(again.id).toBe(src.id);
    const tgt = ensureTargetNode(again.spec, null, 'summary');
    const r = connect(tgt.spec, { node: src.id, port: 'value' }, { node: tgt.id, port: 'value' }, ctx);
    expect(r.ok).toBe(true);
    expect(ensureTargetNode(s, 'expense', 'debit').id).toBe('t.expense.debit');
    expect(ensureSourceNode(s, { meta: 'oaReference', type: 'text' }).id).toBe('src.oaReference');
    expect(ensureSourceNode(s, { meta: 'title', type: 'text' }).spec.nodes.at(-1)).toEqual({ id: 'src.title', kind: 'source', meta: 'title' });
  });

  it('deletes a node with its edges and disconnects single edges', () => {
    const next = deleteNode(spec, 'fn.net');
    expect(next.nodes.some((n) => n.id === 'fn.net')).toBe(false);
    expect(next.edges.some((e) => e.from.node === 'fn.net' || e.to.node === 'fn.net')).toBe(false);
    expect(disconnect(spec, spec.edges[0].id).edges).toHaveLength(spec.edges.length - 1);
  });

  it('renames, comments and sets params; a blank name is removed', () => {
    let s = renameNode(spec, 'fn.net', '净额');
    s = commentNode(s, 'fn.net', '金额减税额');
    s = setParams(s, 'fn.account', { template: '{prefix}-{suffix}' });
    expect(s.nodes.find((n) => n.id === 'fn.net')).toMatchObject({ label: '净额', comment: '金额减税额' });
    expect(s.nodes.find((n) => n.id === 'fn.account')).toMatchObject({ params: { template: '{prefix}-{suffix}' } });
    expect('label' in renameNode(s, 'fn.net', ' ').nodes.find((n) => n.id === 'fn.net')!).toBe(false);
  });

  it('adds, repeats and removes a line template with its fields', () => {
    let s = addLineTemplate(spec, { id: 'bank', label: { zh: '银行', en: 'Bank' }, repeat: 'once' });
    s = setLineRepeat(s, 'bank', { table: 'TableField_1T9QY2M6XKJ40' });
    expect(s.lines.find((l) => l.id === 'bank')?.repeat).toEqual({ table: 'TableField_1T9QY2M6XKJ40' });
    const removed = removeLineTemplate(spec, 'payable');
    expect(removed.lines.some((l) => l.id === 'payable')).toBe(false);
    expect(removed.nodes.some((n) => n.kind === 'target' && n.line === 'payable')).toBe(false);
    expect(removed.edges.some((e) => e.to.node.startsWith('t.payable.'))).toBe(false);
  });

  it('drops the links of an expression input that is renamed or removed, and refuses names that are not identifiers', () => {
    const s1 = addNode(spec, { id: 'x.rule', kind: 'expression', expression: '$a & $b', inputs: ['a', 'b'], outputType: 'text' });
    const a = connect(s1, { node: 'src.description', port: 'value' }, { node: 'x.rule', port: 'a' }, ctx);
    if (!a.ok) throw new Error(JSON.stringify(a.reason));
    const b = connect(a.spec, { node: 'src.description', port: 'value' }, { node: 'x.rule', port: 'b' }, ctx);
    if (!b.ok) throw new Error(JSON.stringify(b.reason));
    const next = setExpressionInputs(b.spec, 'x.rule', ['a', 'renamed', '1bad', 'a', 'has space']);
    expect(next.nodes.find((n) => n.id === 'x.rule')).toMatchObject({ inputs: ['a', 'renamed'] });
    expect(next.edges.filter((e) => e.to.node === 'x.rule').map((e) => e.to.port)).toEqual(['a']);
  });

  it('drops the links of a lookup column no longer returned, and never leaves a lookup without columns', () => {
    const lookup = spec.nodes.find((n) => n.kind === 'lookup' && spec.edges.some((e) => e.from.node === n.id))!;
    if (lookup.kind !== 'lookup') throw new Error('no lookup');
    const used = spec.edges.filter((e) => e.from.node === lookup.id);
    const keep = used[0].from.port!;
    const next = setLookupColumns(spec, lookup.id, [keep]);
    expect(next.edges.filter((e) => e.from.node === lookup.id).every((e) => e.from.port === keep)).toBe(true);
    expect(next.edges.length).toBe(spec.edges.length - used.filter((e) => e.from.port !== keep).length);
    expect(setLookupColumns(spec, lookup.id, [])).toBe(spec);
  });

  it('names a line template in each language on its own, and drops a blank name', () => {
    const line = spec.lines[0];
    const zh = renameLine(spec, line.id, 'zh', '费用分录');
    const both = renameLine(zh, line.id, 'en', 'Expense lines');
    expect(both.lines[0].label).toEqual({ zh: '费用分录', en: 'Expense lines' });
    expect(renameLine(both, line.id, 'en', '  ').lines[0].label).toEqual({ zh: '费用分录' });
    expect(renameLine(renameLine(both, line.id, 'en', ''), line.id, 'zh', '').lines[0]).not.toHaveProperty('label');
    expect(both.lines.slice(1)).toEqual(spec.lines.slice(1));
  });

  it('sets and removes the chart of accounts, leaving no key behind when it is off', () => {
    const off = setChartOfAccounts(spec, null);
    expect('chartOfAccounts' in off.target).toBe(false);
    expect(off.target.format).toBe(spec.target.format);
    const on = setChartOfAccounts(off, { table: 'accounts', codeColumn: 'account_code', postableColumn: 'postable' });
    expect(on.target.chartOfAccounts).toEqual(spec.target.chartOfAccounts);
  });

  it('sets a ledger setting with its own type, and removing the last one leaves no options behind', () => {
    const base = { ...spec, target: { format: spec.target.format } } as typeof spec;
    const on = setTargetOption(base, 'isVerifyBaseDataField', false);
    expect(on.target.options).toEqual({ isVerifyBaseDataField: false });
    const two = setTargetOption(on, 'currencyMap', { CNY: 'PRE001', USD: 'PRE007' });
    expect(two.target.options).toEqual({ isVerifyBaseDataField: false, currencyMap: { CNY: 'PRE001', USD: 'PRE007' } });
    const back = setTargetOption(setTargetOption(two, 'currencyMap', undefined), 'isVerifyBaseDataField', undefined);
    expect('options' in back.target).toBe(false);
    expect(base.target).toEqual({ format: spec.target.format });
  });

  it('points a lookup at another table with that table\'s key and a column of it, keeping columns both tables have', () => {
    const lookup = spec.nodes.find((n) => n.id === 'lk.department')!;
    if (lookup.kind !== 'lookup') throw new Error('no lookup');
    const next = setLookupTable(spec, lookup.id, 'expense-types', ['expense_type', 'account_suffix', 'dept_code']);
    expect(next.nodes.find((n) => n.id === lookup.id)).toMatchObject({ table: 'expense-types', keyColumn: 'expense_type', columns: ['dept_code'] });
    expect(next.edges.filter((e) => e.from.node === lookup.id).every((e) => e.from.port === 'dept_code')).toBe(true);
    const fresh = setLookupTable(spec, lookup.id, 'other', ['code', 'name']);
    expect(fresh.nodes.find((n) => n.id === lookup.id)).toMatchObject({ keyColumn: 'code', columns: ['name'] });
    expect(fresh.edges.some((e) => e.from.node === lookup.id)).toBe(false);
    expect(setLookupTable(spec, lookup.id, 'empty', [])).toBe(spec);
  });

  describe('a function dropped onto a link', () => {
    // A form's money field feeding a line's debit directly: the link a rounding step is put into.
    const base = (() => {
      const src = ensureSourceNode(spec, { field: 'MoneyField_T', type: 'money', label: '金额' });
      const tgt = ensureTargetNode(src.spec, 'expense', 'debit');
      const cleared = { ...tgt.spec, edges: tgt.spec.edges.filter((e) => e.to.node !== tgt.id) };
      const linked = connect(cleared, { node: src.id, port: 'value' }, { node: tgt.id, port: 'value' }, ctx);
      if (!linked.ok) throw new Error(JSON.stringify(linked.reason));
      return { spec: linked.spec, src: src.id, tgt: tgt.id, edge: linked.spec.edges.at(-1)!.id };
    })();

    it('goes in between: the old link is gone, the producer feeds the function, the function feeds the old port', () => {
      const r = insertOnEdge(base.spec, base.edge, 'math.round', ctx);
      if (!r.ok) throw new Error(JSON.stringify(r.reason));
      expect(r.spec.edges.some((e) => e.id === base.edge)).toBe(false);
      expect(r.spec.nodes.find((n) => n.id === r.id)).toMatchObject({ kind: 'function', fn: 'math.round' });
      const into = r.spec.edges.filter((e) => e.to.node === r.id);
      const out = r.spec.edges.filter((e) => e.from.node === r.id);
      expect(into).toEqual([expect.objectContaining({ from: { node: base.src, port: 'value' } })]);
      expect(out).toEqual([expect.objectContaining({ to: { node: base.tgt, port: 'value' } })]);
      expect(r.spec.edges).toHaveLength(base.spec.edges.length + 1);
    });

    it('feeds the first input that takes the value, also a variadic one', () => {
      const r = insertOnEdge(base.spec, base.edge, 'math.add', ctx);
      if (!r.ok) throw new Error(JSON.stringify(r.reason));
      expect(r.spec.edges.find((e) => e.to.node === r.id)?.to.port).toBe('values.0');
    });

    it('is refused, the spec untouched, when the function cannot take the value or give what the port needs', () => {
      const r = insertOnEdge(base.spec, base.edge, 'text.upper', ctx);
      // Upper-casing takes the amount as text, but text cannot be posted as a debit.
      expect(r).toEqual({ ok: false, reason: { code: 'type_mismatch', fromType: 'text', toType: 'money' } });
      const dated = insertOnEdge(base.spec, base.edge, 'date.addDays', ctx);
      expect(dated).toMatchObject({ ok: false, reason: { code: 'type_mismatch', fromType: 'money' } });
      const unknown = insertOnEdge(base.spec, 'no-such-link', 'math.round', ctx);
      expect(unknown.ok).toBe(false);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { isParsedSpec, parseSpec, type MappingSpecInput } from './spec';
import { TABLES, TEST_CATALOGUE, claimSpec } from './test-support';

const ctx = { catalogue: TEST_CATALOGUE, tables: TABLES };
const errorsOf = (spec: unknown) => {
  const r = compile(spec, ctx);
  return r.ok ? [] : r.errors;
};
const edit = (f: (s: MappingSpecInput) => void) => {
  const s = claimSpec();
  f(s);
  return s;
};

describe('compile', () => {
  it('accepts the valid claim spec', () => {
    const r = compile(claimSpec(), ctx);
    expect(r.ok).toBe(true);
  });

  it('takes a spec parseSpec made as it is, and checks an equal copy (or a raw spec) itself', () => {
    const parsed = parseSpec(claimSpec());
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(isParsedSpec(parsed.data)).toBe(true);
    expect(isParsedSpec(structuredClone(parsed.data))).toBe(false);
    expect(isParsedSpec(claimSpec())).toBe(false);
    // Same verdicts either way: the parsed spec compiles, and a broken copy of it is still caught by compile's parse.
    expect(compile(parsed.data, ctx).ok).toBe(true);
    const broken = { ...structuredClone(parsed.data), specVersion: 2 };
    expect(errorsOf(broken)[0]?.code).toBe('invalid_spec');
  });

  it('rejects something that is not a spec, naming the path', () => {
    const errs = errorsOf({ specVersion: 2 });
    expect(errs[0].code).toBe('invalid_spec');
    expect(errs.map((e) => e.message).join(' ')).toMatch(/specVersion/);
  });

  it('names the edge and node of a dangling edge', () => {
    const errs = errorsOf(edit((s) => s.edges.push({ id: 'bad', from: { node: 'ghost' }, to: { node: 't.date', port: 'value' } })));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'dangling_edge', edge: 'bad', node: 'ghost' }));
  });

  it('finds cycles and names the nodes in them', () => {
    const errs = errorsOf(
      edit((s) => {
        s.nodes.push({ id: 'a', kind: 'function', fn: 'text.trim', params: {} }, { id: 'b', kind: 'function', fn: 'text.trim', params: {} });
        s.edges.push({ id: 'c1', from: { node: 'a' }, to: { node: 'b', port: 'text' } }, { id: 'c2', from: { node: 'b' }, to: { node: 'a', port: 'text' } });
      }),
    );
    const cycle = errs.find((e) => e.code === 'cycle');
    expect(cycle?.message).toMatch(/a, b/);
  });

  it('reports a type mismatch on the receiving node', () => {
    // A date cannot feed a money field without an explicit conversion.
    const errs = errorsOf(edit((s) => (s.edges.find((e) => e.id === 'e14')!.from = { node: 'date' })));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'type_mismatch', node: 't.p.credit', edge: 'e14' }));
    // The names the message is made of travel beside it, so the studio can word it in its own language.
    expect(errs.find((e) => e.code === 'type_mismatch')!.params).toEqual({ port: 'value', fromType: 'date', toType: 'money', from: 'date' });
  });

  it('lists required target fields left unmapped per line template', () => {
    const errs = errorsOf(edit((s) => (s.edges = s.edges.filter((e) => e.id !== 'e13'))));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'unmapped_required', line: 'pay' }));
    const header = errorsOf(edit((s) => (s.edges = s.edges.filter((e) => e.id !== 'e6'))));
    expect(header.some((e) => e.code === 'unmapped_required' && /header\.date/.test(e.message))).toBe(true);
    expect(header).toContainEqual(expect.objectContaining({ code: 'unmapped_required', params: { field: 'date' } }));
  });

  it('names an unconnected function input', () => {
    const errs = errorsOf(edit((s) => (s.edges = s.edges.filter((e) => e.id !== 'e5'))));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'unconnected_input', node: 'positive', params: { port: expect.any(String) } }));
  });

  it('refuses a row value in a line that is not repeated for its table', () => {
    const errs = errorsOf(edit((s) => (s.edges.find((e) => e.id === 'e14')!.from = { node: 'amount' })));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'row_value_outside_rows', node: 't.p.credit' }));
  });

  it('reports unknown functions, bad parameters, tables and columns on their node', () => {
    const errs = errorsOf(
      edit((s) => {
        (s.nodes.find((n) => n.id === 'positive') as { params: unknown }).params = { op: 'bigger' };
        (s.nodes.find((n) => n.id === 'lkDept') as { columns: string[] }).columns = ['code', 'nope'];
        s.nodes.push({ id: 'mystery', kind: 'function', fn: 'text.reverse', params: {} });
      }),
    );
    expect(errs).toContainEqual(expect.objectContaining({ code: 'bad_params', node: 'positive' }));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'unknown_column', node: 'lkDept' }));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'unknown_function', node: 'mystery' }));
  });

  it('reports two edges into one input and edges into ports that do not exist', () => {
    const errs = errorsOf(
      edit((s) => {
        s.edges.push({ id: 'dup', from: { node: 'total' }, to: { node: 't.p.credit', port: 'value' } });
        s.edges.push({ id: 'nope', from: { node: 'total' }, to: { node: 'positive', port: 'c' } });
      }),
    );
    expect(errs).toContainEqual(expect.objectContaining({ code: 'double_input', edge: 'dup' }));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'unknown_port', edge: 'nope' }));
  });

  it('catches target fields the catalogue does not have and bad constants', () => {
    const errs = errorsOf(
      edit((s) => {
        s.nodes.push({ id: 't.x', kind: 'target', line: 'pay', field: 'colour' }, { id: 'k', kind: 'constant', valueType: 'money', value: '12,3x' });
      }),
    );
    expect(errs).toContainEqual(expect.objectContaining({ code: 'unknown_target_field', node: 't.x' }));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'bad_constant', node: 'k' }));
  });

  it('warns about nodes connected to nothing without refusing the spec', () => {
    const r = compile(edit((s) => s.nodes.push({ id: 'lonely', kind: 'constant', valueType: 'text', value: 'x' })), ctx);
    expect(r.ok && r.warnings.map((w) => w.node)).toEqual(['lonely']);
  });

  it('rejects a JSONata expression with a syntax error', () => {
    const errs = errorsOf(edit((s) => s.nodes.push({ id: 'x', kind: 'expression', expression: '$a +', inputs: ['a'] })));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'bad_expression', node: 'x' }));
  });
});

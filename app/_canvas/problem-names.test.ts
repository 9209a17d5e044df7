import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type CompileError } from '#server/engine';
import { getCatalogue } from '#server/ledgers/catalogues';
import { createTranslator, MESSAGES, pickLabel } from '../_i18n/messages';
import { problemText, type ProblemContext } from './problem-text';
import { loadDemo } from './test-support';

const spec = loadDemo('travel-reimbursement.dingtalk-kingdee');
const catalogue = getCatalogue(spec.target.format)!;
const context = (locale: 'zh-CN' | 'en', s = spec): ProblemContext => ({
  t: createTranslator(MESSAGES[locale]),
  label: (l) => pickLabel(l, locale),
  spec: s,
  targetFields: catalogue.fields,
});

const fnNode = spec.nodes.find((n) => n.kind === 'function' && n.fn === 'logic.equals')!; // fn.totalMatches
const sourceNode = spec.nodes.find((n) => n.kind === 'source' && n.field === 'MoneyField_18PDM5K773FK0')!;
const line = spec.lines[0].id;

/**
 * One problem per compile error code, with the ids and params the engine gives (node, line, voucher field, port,
 * param keys): each id below must never show through in either language.
 */
const PROBLEMS: CompileError[] = [
  { code: 'unmapped_required', line, message: 'x', params: { field: 'exchangeRateType' } },
  { code: 'unmapped_required', message: 'x', params: { field: 'fiscalYear' } },
  { code: 'no_lines', message: 'the mapping has no entry-line template' },
  { code: 'unconnected_input', node: fnNode.id, message: 'x', params: { port: 'a' } },
  { code: 'type_mismatch', node: fnNode.id, message: 'x', params: { from: sourceNode.id, port: 'b', fromType: 'money', toType: 'date' } },
  { code: 'unknown_table', node: 'lk.x', message: 'x', params: { table: 'rates' } },
  { code: 'unknown_column', node: 'lk.x', message: 'x', params: { table: 'rates', column: 'rate' } },
  { code: 'bad_table_date', message: 'x', params: { table: 'rates', row: '2', column: 'from', value: 'soon' } },
  { code: 'dangling_edge', edge: 'e99', node: 'fn.gone', message: 'x', params: { missing: 'fn.gone' } },
  { code: 'bad_params', node: 'fn.voucherDate', message: 'x', params: { param: 'timeZone' } },
  { code: 'bad_constant', node: 'c.rate', message: 'x', params: { value: 'one', type: 'number' } },
  { code: 'double_input', edge: 'e1', node: fnNode.id, message: 'x', params: { port: 'a' } },
  { code: 'unknown_port', edge: 'e1', node: fnNode.id, message: 'x', params: { port: 'zz' } },
  { code: 'duplicate_target', node: 't.expense.account', line, message: 'x', params: { field: 'account' } },
  { code: 'duplicate_edge', edge: 'e1', message: 'x' },
  { code: 'unknown_function', node: 'fn.mystery', message: 'x' },
  { code: 'bad_expression', node: 'x.rule', message: 'x' },
  { code: 'cycle', node: fnNode.id, message: 'x' },
  { code: 'duplicate_node', node: sourceNode.id, message: 'x' },
  { code: 'unknown_target_field', node: 't.expense.bogus', message: 'x' },
  { code: 'unknown_line', node: 't.ghostLine.account', message: 'x' },
  { code: 'mixed_tables', node: fnNode.id, message: 'x' },
  { code: 'row_value_outside_rows', node: fnNode.id, message: 'x' },
  { code: 'unused_node', node: sourceNode.id, message: 'x' },
  { code: 'invalid_spec', message: 'x' },
  { code: 'wrong_catalogue', message: 'x' },
  { code: 'unknown_target', message: 'x' },
  { code: 'not_yet_invented', node: fnNode.id, message: 'x' },
];

/** What must not appear in the interface: every id the problem carries, and the raw forms of OA field ids. */
function rawIds(p: CompileError): string[] {
  const params = p.params ?? {};
  const ids = [p.node, p.edge, p.line, params.field, params.from, params.missing, params.param].filter((x): x is string => !!x);
  // A port is named by its label; its key may be a plain word ("a", "b") that shows up inside other words.
  if (params.port && params.port.length > 2) ids.push(params.port);
  return ids;
}

/** The compile error codes the engine can raise, read from its source so a new code cannot go unworded. */
function engineCodes(): string[] {
  const dir = path.join(process.cwd(), 'server/engine');
  const files = ['graph.ts', 'graph-scopes.ts', 'assemble.ts', 'compile.ts', 'steps.ts', 'lookup-step.ts', 'expression/step.ts'];
  const codes = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    // Compile errors are pushed onto `errors`; run errors onto `ctx.errors`, which the studio words elsewhere.
    for (const m of text.matchAll(/(?<!ctx\.)errors\.push\(\{\s*code: '(\w+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/(?<!ctx\.)errors\.push\(\{\s*\n\s*code: '(\w+)'/g)) codes.add(m[1]);
  }
  return [...codes];
}

describe('problems name lines, fields, nodes and ports, never their ids', () => {
  it('covers every compile error code the engine raises', () => {
    const worded = new Set(PROBLEMS.map((p) => p.code));
    const codes = engineCodes();
    expect(codes.length).toBeGreaterThan(15);
    expect(codes.filter((c) => !worded.has(c))).toEqual([]);
  });

  it.each(['zh-CN', 'en'] as const)('in %s, no problem text shows a raw id or the engine’s English', (locale) => {
    for (const p of PROBLEMS) {
      const text = problemText(p, context(locale));
      expect(text, p.code).not.toMatch(/MoneyField_|exchangeRateType|\.json|undefined|\{\w+\}/);
      for (const id of rawIds(p)) expect(text, `${p.code} shows ${id}`).not.toContain(id);
      expect(text, p.code).not.toBe(p.message);
    }
  });

  it('words the problems of a real empty mapping and of a new line template in the UI’s language', () => {
    const empty = { ...spec, nodes: [], edges: [], lines: [] };
    const r = compile(empty, { catalogue, tables: {} });
    expect(r.ok).toBe(false);
    const withLine = { ...empty, lines: [{ id: 'line-2', label: { zh: '新分录', en: 'New line' }, repeat: 'once' as const }] };
    const r2 = compile(withLine, { catalogue, tables: {} });
    const all = [...(r.ok ? [] : r.errors.map((e) => [e, empty] as const)), ...(r2.ok ? [] : r2.errors.map((e) => [e, withLine] as const))];
    expect(all.map(([e]) => e.code)).toEqual(expect.arrayContaining(['no_lines', 'unmapped_required']));
    for (const [e, s] of all) {
      const zh = problemText(e, context('zh-CN', s));
      expect(zh).not.toMatch(/line-2|the mapping|[a-z]+[A-Z][a-z]+/);
      expect(problemText(e, context('en', s))).not.toMatch(/line-2|[a-z]+[A-Z][a-z]+/);
    }
    const lineProblem = all.find(([e]) => e.line === 'line-2')!;
    expect(problemText(lineProblem[0], context('zh-CN', lineProblem[1]))).toMatch(/^分录「新分录」的必填字段「.+」未映射$/);
    expect(problemText({ code: 'no_lines', message: 'the mapping has no entry-line template' }, context('zh-CN', empty))).toBe('映射还没有分录：请添加一个分录模板');
  });

  it('calls an unnamed line template by its position, and a port by its label', () => {
    const s = { ...spec, lines: [...spec.lines, { id: 'line-4', repeat: 'once' as const }] };
    expect(problemText({ code: 'unmapped_required', line: 'line-4', message: 'x', params: { field: 'account' } }, context('en', s))).toBe('Line “entry line 4”: required field “Account” is not mapped');
    expect(problemText({ code: 'unconnected_input', node: fnNode.id, message: 'x', params: { port: 'a' } }, context('zh-CN'))).toBe(`「${fnNode.label ?? '是否相等'}」的输入「值 A」未连接`);
  });
});

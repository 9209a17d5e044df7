import { getFunction } from '#server/engine/functions';
import { RECORD_META, type Labels } from '#server/engine/form-record';
import type { MappingNode, MappingSpec } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import type { MessageKey, Translate } from '../_i18n/messages';
import { lineName as lineNameOf } from '../_lib/line-name';
import { metaLabel } from '../_lib/meta-label';
import { gateLabel, isGate, portsOf } from './ports';
import type { CompileProblem } from './store';

export interface ProblemContext {
  t: Translate;
  label: (l: Labels | null | undefined) => string | null;
  spec: MappingSpec | null;
  targetFields: readonly TargetField[];
  /** The catalogue's name of a node (its function, source field…), for nodes the analyst has not named. */
  catalogueLabel?: (nodeId: string) => Labels | undefined;
}

/** The context the editor words problems in: its spec, its voucher fields, and the canvas nodes' catalogue names. */
export function editorProblemContext(
  editor: { spec: MappingSpec | null; catalogues: { targetFields: readonly TargetField[] }; nodes: readonly { id: string; data: { catalogueLabel?: Labels } }[] },
  t: Translate,
  label: ProblemContext['label'],
): ProblemContext {
  const { spec, catalogues, nodes } = editor;
  return { t, label, spec, targetFields: catalogues.targetFields, catalogueLabel: (id) => nodes.find((n) => n.id === id)?.data.catalogueLabel };
}

/** How the wording calls nodes, lines, voucher fields, ports and types: by the names people see, never by ids. */
export interface ProblemNames {
  node(id: string | undefined): string;
  line(id: string | undefined): string;
  field(id: string | undefined, group: 'header' | 'line'): string;
  port(nodeId: string | undefined, port: string | undefined): string;
  type(type: string | undefined): string;
}

/**
 * The names of one mapping in the UI's language. A node is called by the analyst's name for it, else by what it is
 * (its function, voucher field, form field, table or value); a line template by its label, else "entry line N".
 */
export function problemNames({ t, label, spec, targetFields, catalogueLabel }: ProblemContext): ProblemNames {
  const nodeOf = (id: string | undefined) => (id ? spec?.nodes.find((x) => x.id === id) : undefined);
  const lineName = (id: string | undefined) => lineNameOf(spec?.lines, id, t, label);
  const fieldName = (id: string | undefined, group: 'header' | 'line') =>
    label(targetFields.find((f) => f.id === id && f.group === group)?.label) ?? (id && isGate(id) ? label(gateLabel(id)) : null) ?? t('editor.problems.name.someField');
  const nodeName = (id: string | undefined): string => {
    const n = nodeOf(id);
    if (n?.label) return n.label;
    const known = id ? label(catalogueLabel?.(id)) : null;
    if (known) return known;
    if (n) return label(ownName(n, targetFields)) ?? kindName(n, t);
    // Without the spec (a page that only has the problem) nothing says the node is gone.
    return t(spec ? 'editor.problems.name.missingNode' : 'editor.problems.name.someNode');
  };
  const portName = (nodeId: string | undefined, port: string | undefined) => {
    const n = nodeOf(nodeId);
    const view = n ? [...portsOf(n, { targetFields }).inputs, ...portsOf(n, { targetFields }).outputs].find((p) => p.name === port) : undefined;
    // A variadic slot ("values.1") is the port's own name with its position.
    const base = !view && port?.includes('.') && n ? portsOf(n, { targetFields }).inputs.find((p) => p.name === port.slice(0, port.indexOf('.'))) : undefined;
    const named = label(view?.label) ?? (base ? `${label(base.label) ?? ''} ${Number(port!.slice(port!.indexOf('.') + 1)) + 1}`.trim() : null);
    return named || t('editor.problems.name.input');
  };
  const typeName = (type: string | undefined) =>
    type && TYPES.includes(type as (typeof TYPES)[number]) ? t(`editor.problems.type.${type as (typeof TYPES)[number]}`) : t('editor.problems.type.any');
  return { node: nodeName, line: lineName, field: fieldName, port: portName, type: typeName };
}

const TYPES = ['text', 'number', 'money', 'boolean', 'date', 'datetime', 'any', 'list'] as const;

/** What a node is called when nobody named it and the canvas gave no name: its function, field, table or value. */
function ownName(n: MappingNode, targetFields: readonly TargetField[]): Labels | null {
  switch (n.kind) {
    case 'function':
      return getFunction(n.fn)?.label ?? null;
    case 'target':
      return isGate(n.field) ? gateLabel(n.field) : (targetFields.find((f) => f.id === n.field && f.group === (n.line === null ? 'header' : 'line'))?.label ?? null);
    case 'source':
      return n.meta && n.meta in RECORD_META ? metaLabel(n.meta) : null;
    case 'lookup':
      return { zh: n.table, en: n.table };
    case 'check':
      return n.message.zh || n.message.en ? n.message : null;
    default:
      return null;
  }
}

function kindName(n: MappingNode, t: Translate): string {
  return t(`editor.problems.name.${n.kind}`);
}

/** Codes worded from the problem's node alone ("“Round”: …"): structural ones, where the node is what to fix. */
const NODE_ONLY: Record<string, MessageKey> = {
  unknown_function: 'editor.problems.message.unknownFunction',
  bad_expression: 'editor.problems.message.badExpression',
  cycle: 'editor.problems.message.cycle',
  duplicate_node: 'editor.problems.message.duplicateNode',
  unknown_target_field: 'editor.problems.message.unknownTargetField',
  unknown_line: 'editor.problems.message.unknownLine',
  mixed_tables: 'editor.problems.message.mixedTables',
  row_value_outside_rows: 'editor.problems.message.rowValueOutsideRows',
  unused_node: 'editor.problems.message.unused',
};

/** Codes about the whole mapping, worded without any name. */
const WHOLE: Record<string, MessageKey> = {
  no_lines: 'editor.problems.message.noLines',
  duplicate_edge: 'editor.problems.message.duplicateEdge',
  invalid_spec: 'editor.problems.message.invalidSpec',
  wrong_catalogue: 'editor.problems.message.wrongCatalogue',
  unknown_target: 'editor.problems.message.wrongCatalogue',
};

/**
 * A compile problem worded in the UI's language from the names the engine gives beside its English message, with
 * nodes, lines, voucher fields and ports called by their names rather than their ids. The engine's message (ids
 * and English) is for logs and the CLI; it never reaches the studio's reader, not even for a code met here first.
 */
export function problemText(p: CompileProblem, context: ProblemContext): string {
  const { t } = context;
  const names = problemNames(context);
  const params = p.params ?? {};
  const node = () => names.node(p.node);
  const say = (key: MessageKey, values: Record<string, string> = {}) => t(key, values);
  switch (p.code) {
    case 'unmapped_required':
      if (!params.field) break;
      return p.line
        ? say('editor.problems.message.unmappedLine', { line: names.line(p.line), field: names.field(params.field, 'line') })
        : say('editor.problems.message.unmappedHeader', { field: names.field(params.field, 'header') });
    case 'unconnected_input':
      return say('editor.problems.message.unconnected', { node: node(), port: names.port(p.node, params.port) });
    case 'type_mismatch':
      return say('editor.problems.message.typeMismatch', {
        from: names.node(params.from), fromType: names.type(params.fromType), node: node(), port: names.port(p.node, params.port), toType: names.type(params.toType),
      });
    case 'unknown_table':
      if (!params.table) break;
      return say('editor.problems.message.unknownTable', { table: params.table });
    case 'unknown_column':
      if (!params.table || !params.column) break;
      return say('editor.problems.message.unknownColumn', { table: params.table, column: params.column });
    case 'bad_table_date':
      if (!params.table || !params.column || !params.row) break;
      return say('editor.problems.message.badTableDate', { table: params.table, row: params.row, column: params.column, value: params.value ?? '' });
    case 'dangling_edge':
      return say('editor.problems.message.dangling');
    case 'bad_params':
      return say('editor.problems.message.badParams', { node: node(), param: paramName(p, context) });
    case 'bad_constant':
      return say('editor.problems.message.badConstant', { node: node(), value: params.value ?? '', type: names.type(params.type) });
    case 'double_input':
      return say('editor.problems.message.doubleInput', { node: node(), port: names.port(p.node, params.port) });
    case 'unknown_port':
      return say('editor.problems.message.unknownPort', { node: node() });
    case 'duplicate_target':
      return p.line
        ? say('editor.problems.message.duplicateTargetLine', { line: names.line(p.line), field: names.field(params.field, 'line') })
        : say('editor.problems.message.duplicateTargetHeader', { field: names.field(params.field, 'header') });
  }
  if (NODE_ONLY[p.code] && p.node) return say(NODE_ONLY[p.code], { node: node() });
  if (WHOLE[p.code]) return say(WHOLE[p.code]);
  // A code this studio has no wording for yet: where it is, never the engine's ids.
  if (p.node) return say('editor.problems.message.otherNode', { node: node() });
  if (p.line) return say('editor.problems.message.otherLine', { line: names.line(p.line) });
  return say('editor.problems.message.other');
}

/** A function's setting by its label in the inspector; the engine names it by its key. */
function paramName(p: CompileProblem, { spec, label, t }: ProblemContext): string {
  const n = spec?.nodes.find((x) => x.id === p.node);
  const key = p.params?.param?.split('.')[0];
  const def = n?.kind === 'function' ? getFunction(n.fn)?.params.find((x) => x.name === key) : undefined;
  return label(def?.label) ?? t('editor.problems.name.setting');
}

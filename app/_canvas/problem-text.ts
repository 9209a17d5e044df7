import type { Labels } from '#server/engine/form-record';
import type { MappingSpec } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import type { MessageKey, Translate } from '../_i18n/messages';
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

/**
 * A compile problem worded in the UI's language from the names the engine gives beside its English message, with
 * nodes, lines and voucher fields called by their names rather than their ids. Codes without a wording here (rare
 * structural ones) keep the engine's message.
 */
export function problemText(p: CompileProblem, { t, label, spec, targetFields, catalogueLabel }: ProblemContext): string {
  const params = p.params ?? {};
  const nodeName = (id: string | undefined) => {
    const n = id ? spec?.nodes.find((x) => x.id === id) : undefined;
    return n?.label ?? (id ? label(catalogueLabel?.(id)) : null) ?? id ?? '';
  };
  const lineName = (id: string | undefined) => label(spec?.lines.find((l) => l.id === id)?.label) ?? id ?? '';
  const fieldName = (id: string | undefined, group: 'header' | 'line') =>
    label(targetFields.find((f) => f.id === id && f.group === group)?.label) ?? id ?? '';
  const say = (key: MessageKey, values: Record<string, string>) => t(key, values);
  switch (p.code) {
    case 'unmapped_required':
      if (!params.field) break;
      return p.line
        ? say('editor.problems.message.unmappedLine', { line: lineName(p.line), field: fieldName(params.field, 'line') })
        : say('editor.problems.message.unmappedHeader', { field: fieldName(params.field, 'header') });
    case 'unconnected_input':
      if (!params.port) break;
      return say('editor.problems.message.unconnected', { node: nodeName(p.node), port: params.port });
    case 'type_mismatch':
      if (!params.port || !params.fromType || !params.toType) break;
      return say('editor.problems.message.typeMismatch', { from: nodeName(params.from), fromType: params.fromType, node: nodeName(p.node), port: params.port, toType: params.toType });
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
      if (!params.missing) break;
      return say('editor.problems.message.dangling', { missing: params.missing });
    case 'bad_params':
      if (params.param === undefined) break;
      return say('editor.problems.message.badParams', { node: nodeName(p.node), param: params.param });
  }
  return p.message;
}

import type { MappingSpec } from '#server/engine/spec';
import type { TraceView, VoucherLineView } from '#server/pipeline/preview-view';

/**
 * What lights up when the analyst clicks a value of the preview: the nodes the engine's trace names, the canvas's
 * source nodes reading the traced OA fields, those fields' rows in the form tree, and the voucher field in the
 * voucher tree. Keys are the trees' own row keys (source-tree.tsx, target-tree.tsx), so both can scroll to them.
 */
export interface TraceFocus {
  nodes: string[];
  sources: string[];
  target: string | null;
}

export const NO_FOCUS: TraceFocus = { nodes: [], sources: [], target: null };

/** The form tree's key of a traced field: record values are traced as `$finishedAt`, columns with their table. */
export function sourceTreeKey(s: { field: string; table: string | null }): string {
  if (s.field.startsWith('$')) return `meta:${s.field.slice(1)}`;
  return s.table ? `${s.table}/${s.field}` : s.field;
}

/** The form-tree key a source node reads (the same shape as `sourceTreeKey`); null for other nodes. */
export function nodeTreeKey(n: MappingSpec['nodes'][number]): string | null {
  if (n.kind !== 'source') return null;
  if (n.meta) return `meta:${n.meta}`;
  if (n.table && n.column) return `${n.table}/${n.column}`;
  return n.field ?? null;
}

export function traceFocus(entry: TraceView, lines: readonly VoucherLineView[], spec: MappingSpec | null): TraceFocus {
  const sources = [...new Set(entry.sources.map(sourceTreeKey))];
  const wanted = new Set(sources);
  const sourceNodes = (spec?.nodes ?? []).flatMap((n) => {
    const key = nodeTreeKey(n);
    return key !== null && wanted.has(key) ? [n.id] : [];
  });
  // A line value belongs to the template that emitted that voucher line: the voucher tree lists templates.
  const template = entry.line === null ? '' : lines[entry.line - 1]?.template;
  return {
    nodes: [...new Set([...entry.nodes.map((n) => n.id), ...sourceNodes])],
    sources,
    target: template === undefined ? null : `${template}|${entry.targetField}`,
  };
}

/** The trace entry of one voucher value (`header.date`, `lines[2].account`), if the run traced it. */
export function traceOf(trace: readonly TraceView[], target: string): TraceView | undefined {
  return trace.find((t) => t.target === target);
}

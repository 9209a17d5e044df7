import type { MappingSpec } from '#server/engine/spec';

/**
 * Effective-dated lookups (exchange rates by currency and date): the column holding each row's start date. With
 * one set, the lookup node gains a second input, `asOf`, and picks among the key's rows the latest one dated on or
 * before it; without one, the input is gone and so is any link into it, leaving nothing pointed at a missing port.
 */
export function setLookupAsOf(spec: MappingSpec, nodeId: string, column: string | null): MappingSpec {
  const node = spec.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind !== 'lookup') return spec;
  const wanted = column?.trim() || null;
  if ((node.asOfColumn ?? null) === wanted) return spec;
  const { asOfColumn: _old, ...plain } = node;
  const next = wanted ? { ...plain, asOfColumn: wanted } : plain;
  return {
    ...spec,
    nodes: spec.nodes.map((n) => (n.id === nodeId ? next : n)),
    edges: wanted ? spec.edges : spec.edges.filter((e) => !(e.to.node === nodeId && e.to.port === 'asOf')),
  };
}

/** After a lookup moved to another table: a date column the new table lacks goes, with the link into `asOf`. */
export function keepLookupAsOf(spec: MappingSpec, nodeId: string, tableColumns: readonly string[]): MappingSpec {
  const node = spec.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind !== 'lookup' || !node.asOfColumn || tableColumns.includes(node.asOfColumn)) return spec;
  return setLookupAsOf(spec, nodeId, null);
}

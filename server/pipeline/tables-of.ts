import type { MappingSpec } from '../engine/spec';

/** The lookup tables a spec reads: its lookup nodes' and its chart of accounts. */
export function tablesOf(spec: MappingSpec): string[] {
  const names = spec.nodes.flatMap((n) => (n.kind === 'lookup' ? [n.table] : []));
  if (spec.target.chartOfAccounts) names.push(spec.target.chartOfAccounts.table);
  return names;
}

import { describe, type AmountSource, type NodeInfo } from './graph';
import type { MappingSpec } from './spec';
import type { CompileError } from './types';
import type { ValueType } from './values';

/** Output types an amount (and so its currency) can travel through: not text, booleans or dates. */
const AMOUNT_TYPES = new Set<ValueType>(['number', 'money', 'any']);

/**
 * In topological order: each node's detail-table scope (the rows it runs over), the source fields and nodes
 * upstream of it (the trace), and the money fields its amounts are made of (currency provenance). Collects the
 * problems of mixing two tables' rows or sending row values where a line is not repeated for them.
 */
export function inferScopes(order: NodeInfo[], infos: NodeInfo[], spec: MappingSpec, errors: CompileError[]): void {
  const lines = new Map(spec.lines.map((l) => [l.id, l]));
  for (const info of order) {
    const n = info.node;
    const sources: { field: string; table?: string }[] = [];
    const upstream = new Set<string>();
    let scope: string | null = null;
    const amounts: AmountSource[] = [];
    if (n.kind === 'source') {
      if (n.table && n.column) {
        scope = n.table;
        sources.push({ field: n.column, table: n.table });
      } else if (n.field) sources.push({ field: n.field });
      else if (n.meta) sources.push({ field: `$${n.meta}` });
      if (n.fieldType === 'money' && sources[0]) amounts.push({ ...sources[0], name: n.label ?? sources[0].field });
    }
    const carriesAmounts = info.fn?.currency !== 'none';
    for (const b of info.inputs) {
      if (!b.from) continue;
      const p = infos[b.from.node];
      p.upstream.forEach((u) => upstream.add(u));
      for (const s of p.sources) if (!sources.some((x) => x.field === s.field)) sources.push(s);
      if (carriesAmounts && AMOUNT_TYPES.has(p.outputs[b.from.port].type))
        for (const a of p.amounts) {
          // Past an aggregate, a column's amounts are the total the aggregate counted, not a row's.
          const seen = info.fn?.kind === 'aggregate' && a.table && a.via === undefined ? { ...a, via: info.index } : a;
          if (!amounts.some((x) => x.field === seen.field && x.table === seen.table && x.via === seen.via)) amounts.push(seen);
        }
      const aggregated = info.fn?.kind === 'aggregate';
      if (p.scope && !aggregated) {
        if (scope && scope !== p.scope)
          errors.push({ code: 'mixed_tables', node: n.id, message: `${describe(info)} mixes rows of two detail tables (${scope}, ${p.scope})` });
        scope = p.scope;
      }
    }
    if (info.fn?.kind === 'aggregate') {
      const tables = new Set(info.inputs.map((b) => (b.from ? infos[b.from.node].scope : null)).filter(Boolean));
      if (tables.size > 1) errors.push({ code: 'mixed_tables', node: n.id, message: `${describe(info)} sums over two different detail tables` });
    }
    upstream.add(n.id);
    // Row-level sources first: the column is what an error should name, not the table.
    sources.sort((a, b) => Number(!!b.table) - Number(!!a.table));
    info.sources = sources;
    info.upstream = [...upstream];
    info.scope = scope;
    info.amounts = amounts;
    if (n.kind === 'target' && scope) {
      const line = n.line === null ? undefined : lines.get(n.line);
      const lineTable = line && line.repeat !== 'once' ? line.repeat.table : null;
      if (lineTable !== scope)
        errors.push({
          code: 'row_value_outside_rows',
          node: n.id,
          message: `${describe(info)} gets a value that differs per row of ${scope}, but ${
            n.line === null ? 'the voucher header' : `line "${n.line}"`
          } is not repeated for that table: sum or pick it first`,
        });
    }
  }
}

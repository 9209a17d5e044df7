import Decimal from 'decimal.js';
import type { Labels, MappingSpec, RunError, TargetCatalogue } from '../engine';

/**
 * What the UI needs to word a run error in the analyst's language: the voucher field it is about (by its
 * catalogue label) and the language-neutral figures of the message (amounts, line numbers, limits). The engine's
 * own English message stays beside them for codes the UI has no wording for, and for logs and the CLI.
 */
export interface ErrorWording {
  targetLabel: Labels | null;
  params: Record<string, string>;
}

const LINE_TARGET = /^lines\[(\d+)\](?:\.(.+))?$/;
const HEADER_TARGET = /^header\.(.+)$/;

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const pair = (v: unknown): { debit: string; credit: string } | null => {
  if (!v || typeof v !== 'object') return null;
  const { debit, credit } = v as Record<string, unknown>;
  return typeof debit === 'string' && typeof credit === 'string' ? { debit, credit } : null;
};

export function errorWording(e: RunError, spec: MappingSpec, catalogue: TargetCatalogue | null): ErrorWording {
  const target = e.target ?? '';
  const onLine = LINE_TARGET.exec(target);
  const onHeader = HEADER_TARGET.exec(target);
  const fieldId = onLine?.[2] ?? onHeader?.[1];
  const group = onLine ? 'line' : 'header';
  const field = fieldId ? catalogue?.fields.find((f) => f.id === fieldId && f.group === group) : undefined;
  const params: Record<string, string> = { value: text(e.value) };
  if (onLine) params.line = String(Number(onLine[1]) + 1);
  switch (e.code) {
    case 'unbalanced':
    case 'one_side': {
      const p = pair(e.value);
      if (p) {
        Object.assign(params, p);
        // Both sides are decimal text at the ledger's scale; the difference is exact too.
        if (e.code === 'unbalanced') params.difference = new Decimal(p.debit).minus(p.credit).toFixed();
      }
      break;
    }
    case 'too_many_decimals':
      if (catalogue) params.scale = String(catalogue.moneyScale);
      break;
    case 'too_long':
      if (field?.maxLength !== undefined) params.max = String(field.maxLength);
      params.length = String(Array.from(text(e.value)).length);
      break;
    case 'lookup_miss': {
      const node = spec.nodes.find((n) => n.id === e.node);
      if (node?.kind === 'lookup') Object.assign(params, { table: node.table, column: node.keyColumn });
      break;
    }
  }
  return { targetLabel: field?.label ?? null, params };
}

import Decimal from 'decimal.js';
import type { Labels, MappingSpec, RunError, TargetCatalogue } from '../engine';
import { truncateForMessage } from '../engine/values';
import { isTargetFormat, mappedHeaderFields, parseTargetOptions } from '../ledgers';
import { targetPlace } from './target-path';

/**
 * What the UI needs to word a run error in the analyst's language: the voucher field it is about (by its
 * catalogue label) and the language-neutral figures of the message (amounts, line numbers, limits). The engine's
 * own English message stays beside them for codes the UI has no wording for, and for logs and the CLI.
 */
export interface ErrorWording {
  targetLabel: Labels | null;
  params: Record<string, string>;
}


const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const pair = (v: unknown): { debit: string; credit: string } | null => {
  if (!v || typeof v !== 'object') return null;
  const { debit, credit } = v as Record<string, unknown>;
  return typeof debit === 'string' && typeof credit === 'string' ? { debit, credit } : null;
};

/**
 * Codes about a value converted for a voucher field. Some (not a date, not true/false) are also raised when a value
 * is converted for a function's input, on its way to some field: only a target node's error is about that field.
 */
const FIELD_CODES = new Set(['required', 'too_many_decimals', 'not_a_date', 'not_a_boolean', 'too_long']);

export function errorWording(e: RunError, spec: MappingSpec, catalogue: TargetCatalogue | null): ErrorWording {
  const { line, field } = targetPlace(e.target ?? '', catalogue);
  const fullText = text(e.value);
  // A hostile payload can carry megabytes in one field: the wording quotes a readable piece of it.
  const params: Record<string, string> = { value: truncateForMessage(fullText) };
  if (line !== null) params.line = String(line);
  switch (e.code) {
    case 'unbalanced':
    case 'one_side': {
      const p = pair(e.value);
      if (p) {
        Object.assign(params, p);
        // Both sides are decimal text at the ledger's scale; the difference is exact too.
        if (e.code === 'unbalanced') {
          const difference = exactDifference(p.debit, p.credit, catalogue?.moneyScale ?? 2);
          if (difference !== null) params.difference = difference;
        }
      }
      break;
    }
    case 'too_many_decimals':
      if (catalogue) params.scale = String(catalogue.moneyScale);
      break;
    case 'too_long':
      if (field?.maxLength !== undefined) params.max = String(field.maxLength);
      params.length = String(Array.from(fullText).length);
      break;
    case 'lookup_miss':
    case 'lookup_no_date': {
      const node = spec.nodes.find((n) => n.id === e.node);
      if (node?.kind === 'lookup') {
        Object.assign(params, { table: node.table, column: node.keyColumn });
        // An effective-dated table (rates by currency and date) misses a key that has no row in force on the date.
        if (node.asOfColumn) params.dateColumn = node.asOfColumn;
      }
      break;
    }
    case 'empty_input': {
      // The form may lack the field altogether: the name is the mapping's own for it (the source node's label).
      const node = spec.nodes.find((n) => n.id === e.node);
      const name = node?.label ?? (node?.kind === 'source' ? node.field : null);
      if (name) params.name = name;
      if (e.row !== null) params.row = String(e.row);
      break;
    }
    case 'multi_valued':
      if (Array.isArray(e.value)) {
        params.count = String(e.value.length);
        params.values = truncateForMessage(e.value.map(text).join(', '), 120);
      }
      break;
    case 'currency_mixed': {
      // The currencies in the order met: the first amount's, then the one of the field and row the error names.
      const [other, currency] = Array.isArray(e.value) ? e.value : [];
      if (typeof other === 'string' && typeof currency === 'string')
        Object.assign(params, { currency: truncateForMessage(currency), otherCurrency: truncateForMessage(other) });
      break;
    }
    case 'currency_mismatch': {
      const { amountCurrency, lineCurrency } = (e.value ?? {}) as Record<string, unknown>;
      if (typeof amountCurrency === 'string' && typeof lineCurrency === 'string')
        Object.assign(params, { amountCurrency: truncateForMessage(amountCurrency), lineCurrency: truncateForMessage(lineCurrency) });
      break;
    }
    case 'missing_exchange_rate':
    case 'converted_to_zero': {
      const local = localCurrency(spec);
      if (local) params.localCurrency = local;
      break;
    }
  }
  const node = e.node ? spec.nodes.find((n) => n.id === e.node) : undefined;
  const aboutField = FIELD_CODES.has(e.code) && (node === undefined || node.kind === 'target');
  return { targetLabel: aboutField ? (field?.label ?? null) : null, params };
}

/** The ledger's local currency the voucher check converted to: the spec's setting, its default filled in. */
function localCurrency(spec: MappingSpec): string | null {
  const format = spec.target?.format;
  if (!format || !isTargetFormat(format)) return null;
  const settings = parseTargetOptions(format, spec.target.options, { mappedHeaderFields: mappedHeaderFields(spec) });
  return settings.ok ? settings.options.localCurrency : null;
}

/** debit − credit at the ledger's scale, as the status line shows it ("0.10", not "0.1"); null for text that is no number. */
function exactDifference(debit: string, credit: string, scale: number): string | null {
  try {
    return new Decimal(debit).minus(credit).toFixed(scale);
  } catch {
    return null;
  }
}

import type { TraceEntry } from './types';
import { Decimal, toText, type Value } from './values';
import type { FieldFallback, TargetCatalogue } from './voucher';

/**
 * Values a finance system fixes rather than the form: the account book, voucher word, a line's currency and rate
 * type come from the mapping's ledger settings; fiscal year and period from the voucher date; rate 1 on a line in
 * the base currency. They fill a field after the mapping's own value, only when that is missing or empty: a link
 * that gives a value always wins.
 */
export interface Fill {
  field: string;
  fallback: FieldFallback;
  /** For a setting: its text, resolved once at compile; null when the setting has no value (nothing to fill). */
  value: string | null;
  /** The trace entry's origin, shared by every run (fallback entries carry no sources or nodes). */
  from: NonNullable<TraceEntry['from']>;
}

export interface FallbackPlan {
  header: Fill[];
  line: Fill[];
  /** The base currency a line must be in for rate 1. */
  localCurrency: string;
}

const NO_SOURCES: TraceEntry['sources'] = [];
const NO_NODES: string[] = [];

export function planFallbacks(catalogue: TargetCatalogue, settings: Readonly<Record<string, string>> | undefined): FallbackPlan {
  const fills = (group: 'header' | 'line') =>
    catalogue.fields.flatMap((f): Fill[] => {
      const fb = f.fallback;
      if (!fb || f.group !== group) return [];
      if ('setting' in fb) {
        const value = settings && Object.hasOwn(settings, fb.setting) ? settings[fb.setting].trim() || null : null;
        return [{ field: f.id, fallback: fb, value, from: { origin: 'settings', setting: fb.setting } }];
      }
      return [{ field: f.id, fallback: fb, value: null, from: 'voucherDate' in fb ? { origin: 'voucherDate' } : { origin: 'baseRate' } }];
    });
  // A line's rate follows its currency, which may itself be a fallback: currencies are filled first.
  const line = fills('line').sort((a, b) => Number('baseRate' in a.fallback) - Number('baseRate' in b.fallback));
  return { header: fills('header'), line, localCurrency: (catalogue.localCurrency ?? 'CNY').toUpperCase() };
}

/** Unmapped, or mapped to nothing: an empty text counts as no value, as the ledger settings always said. */
export const isBlank = (v: Value | undefined): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const DATE = /^(\d{4})-(\d{2})-\d{2}$/;

function valueOf(fill: Fill, values: Record<string, Value>, header: Record<string, Value>, localCurrency: string): Value {
  const fb = fill.fallback;
  if ('setting' in fb) return fill.value;
  if ('voucherDate' in fb) {
    const m = typeof header.date === 'string' ? DATE.exec(header.date) : null;
    if (!m) return null; // no voucher date yet: the date itself is what is missing or wrong, and is reported there
    return new Decimal(fb.voucherDate === 'year' ? m[1] : m[2]);
  }
  // Rate 1 only on a base-currency line: a foreign line without a rate stays without one, and the balance check
  // refuses it (the ledger cannot convert what nobody gave a rate for).
  const currency = isBlank(values.currency) ? localCurrency : toText(values.currency ?? null).trim().toUpperCase();
  return currency === localCurrency ? ONE : null;
}

const ONE = new Decimal(1);

/**
 * Fills the blank fields of one header (`values === header`) or line with their fallbacks; `prefix` is the trace
 * path's start (`header.` or `lines[2].`).
 */
export function applyFallbacks(
  fills: readonly Fill[],
  values: Record<string, Value>,
  header: Record<string, Value>,
  localCurrency: string,
  prefix: string,
  trace: TraceEntry[] | null,
): void {
  for (const fill of fills) {
    if (!isBlank(values[fill.field])) continue;
    const v = valueOf(fill, values, header, localCurrency);
    if (v === null) continue;
    values[fill.field] = v;
    if (trace) trace.push({ target: prefix + fill.field, sources: NO_SOURCES, nodes: NO_NODES, from: fill.from });
  }
}

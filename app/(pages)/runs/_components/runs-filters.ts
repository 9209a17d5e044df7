import type { RunListInput } from '#server/services/runs';
import { chinaDayBounds } from './china-time';

/** The runs page's filters as the URL carries them (`/runs?status=error&reference=…`), so a filter is a link. */
export interface RunFilters {
  status?: string;
  mapping?: string;
  connector?: string;
  reference?: string;
  /** China-time calendar days, `YYYY-MM-DD`. */
  fromDay?: string;
  toDay?: string;
}

const KEYS = ['status', 'mapping', 'connector', 'reference', 'fromDay', 'toDay'] as const;
const STATUSES = ['ok', 'skipped', 'error', 'duplicate', 'dead'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromParams(params: Record<string, string | string[] | undefined>): RunFilters {
  const out: RunFilters = {};
  for (const k of KEYS) {
    const v = params[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    if (s) out[k] = s.slice(0, 200);
  }
  // A hand-edited link with a bad value shows every run rather than an error page.
  if (out.status && !(STATUSES as readonly string[]).includes(out.status)) delete out.status;
  if (out.fromDay && !DAY.test(out.fromDay)) delete out.fromDay;
  if (out.toDay && !DAY.test(out.toDay)) delete out.toDay;
  return out;
}

export function filtersToQueryString(f: RunFilters): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (f[k]) q.set(k, f[k]!);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function listInput(f: RunFilters, limit: number): RunListInput {
  return {
    limit,
    status: f.status as RunListInput['status'],
    mapping: f.mapping,
    connector: f.connector,
    reference: f.reference,
    from: f.fromDay ? chinaDayBounds(f.fromDay).from : undefined,
    to: f.toDay ? chinaDayBounds(f.toDay).to : undefined,
  };
}

export const hasFilters = (f: RunFilters) => KEYS.some((k) => !!f[k]);

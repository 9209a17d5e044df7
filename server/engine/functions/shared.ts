import { z } from 'zod';
import type { Labels } from '../form-record';
import { Decimal, fault, isFault, toDecimal, type Fault, type Value, type ValueType } from '../values';
import type {
  AggregateFunctionDef,
  MultiFunctionDef,
  ParamDef,
  PortDef,
  ScalarFunctionDef,
} from './types';

export const L = (zh: string, en: string): Labels => ({ zh, en });

export function port(name: string, type: ValueType, label: Labels, extra?: { variadic?: boolean; optional?: boolean }): PortDef {
  return { name, type, label, ...extra };
}

/** Single-output functions always call their output `result`. */
export function result(type: ValueType): PortDef[] {
  return [port('result', type, L('结果', 'Result'))];
}

// Identity helpers: they only let TypeScript infer the params type P from `paramsSchema`.
export function scalar<P>(def: Omit<ScalarFunctionDef<P>, 'kind'>): ScalarFunctionDef<P> {
  return { kind: 'scalar', ...def };
}
export function multi<P>(def: Omit<MultiFunctionDef<P>, 'kind'>): MultiFunctionDef<P> {
  return { kind: 'multi', ...def };
}
export function aggregate<P>(def: Omit<AggregateFunctionDef<P>, 'kind'>): AggregateFunctionDef<P> {
  return { kind: 'aggregate', ...def };
}

export const noParams = z.object({});

// ---------- Money arithmetic ----------

/**
 * decimal.js rounds every result to 20 significant digits by default, which would silently cut large
 * amounts (123456789012345678901.23 × 1.13). All sums/products therefore run in this wide context, and
 * results are handed back as ordinary Decimals with every digit kept.
 */
// The shared Decimal is configured for exact money arithmetic (1000 significant digits, see values.ts), so the
// library computes with it directly instead of converting to and from a clone on every operation.
export const Exact = Decimal;
const ZERO = new Decimal(0);

/** Quotients that do not terminate (100 / 3) keep this many significant digits; round them explicitly. */
export const QUOTIENT_DIGITS = 34;

export function exact(d: Decimal): Decimal {
  return d;
}

/** Back to a plain Decimal without losing digits; "-0" becomes "0" so it never shows up on a voucher. */
export function plain(d: Decimal): Decimal {
  return d.isZero() ? ZERO : d;
}

/** The engine already coerces numeric ports to Decimal; this only guards against a misbehaving caller. */
export function decimals(values: Value[]): Decimal[] | Fault {
  const out: Decimal[] = [];
  for (const v of values) {
    const d = toDecimal(v);
    if (d === null) return fault('not_a_number', 'an empty value is not a number', v);
    if (isFault(d)) return d;
    out.push(d);
  }
  return out;
}

export const ROUNDING_MODES = ['half-up', 'half-even'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export const roundingModeParam = (name = 'mode'): ParamDef => ({
  name,
  kind: 'enum',
  label: L('舍入方式', 'Rounding'),
  options: [
    { value: 'half-up', label: L('四舍五入', 'Half up (away from zero)') },
    { value: 'half-even', label: L('银行家舍入（四舍六入五成双）', 'Half even (banker’s)') },
  ],
  help: L('四舍五入：2.345→2.35，-2.345→-2.35；银行家舍入：2.345→2.34，2.355→2.36', 'Half up: 2.345→2.35, -2.345→-2.35; half even: 2.345→2.34, 2.355→2.36'),
});

const RM = { 'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN } as const;

export function round(d: Decimal, places: number, mode: RoundingMode): Decimal {
  return plain(d.toDecimalPlaces(places, RM[mode]));
}

/**
 * n / d rounded to `places` decimals, decided exactly (no intermediate quotient that could round twice):
 * the tie test compares twice the remainder with the divisor. `d` must not be zero.
 */
export function divideRounded(n: Decimal, d: Decimal, places: number, mode: RoundingMode): Decimal {
  const scale = new Exact(10).pow(places);
  const scaled = exact(n).times(scale);
  const den = exact(d);
  let q = scaled.divToInt(den);
  const rem = scaled.minus(q.times(den));
  const cmp = rem.abs().times(2).cmp(den.abs());
  const awayFromZero = cmp > 0 || (cmp === 0 && (mode === 'half-up' || !q.mod(2).isZero()));
  if (!rem.isZero() && awayFromZero) {
    const negative = scaled.isNegative() !== den.isNegative();
    q = negative ? q.minus(1) : q.plus(1);
  }
  return plain(q.div(scale));
}

import { Decimal } from '../values';
import { coerce } from '../runtime';
import { Fault, type Value, type ValueType } from '../values';

/**
 * Turns what an expression returned into a port value. JSONata numbers are JS floats: a whole number within the
 * safe range is exact and becomes a decimal; any other number is refused, never turned into text, because
 * `0.1 + 0.2` would reach a voucher as 0.30000000000000004.
 */
export function expressionValue(nodeId: string, result: unknown, outputType: ValueType): Value | Fault {
  const value = toValue(nodeId, result, outputType);
  return value instanceof Fault ? value : coerce(value, outputType);
}

function toValue(nodeId: string, v: unknown, outputType: ValueType): Value | Fault {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return new Decimal(v);
    return new Fault(
      'expression_float',
      `expression ${nodeId} returned the floating-point number ${v} for a ${outputType} output; ` +
        'use $decAdd, $decSub, $decMul, $decDiv or $decRound, which return exact decimal text',
      v,
    );
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (const x of v) {
      const item = toValue(nodeId, x, outputType);
      if (item instanceof Fault) return item;
      out.push(item);
    }
    return out;
  }
  return new Fault(
    'expression_object',
    `expression ${nodeId} returned an object; an output takes text, a number, true/false or a list`,
    JSON.stringify(v).slice(0, 200),
  );
}

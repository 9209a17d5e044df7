import type { TargetField } from './voucher';
import { Fault, toDecimal, toText, type Value } from './values';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Shapes a value for a target field and enforces what the ledger accepts. Money with more decimals than
 * the currency allows is an error, never silently rounded.
 */
export function convertForTarget(v: Value, field: TargetField, moneyScale: number): Value | Fault {
  if (v === null || v === '') {
    if (field.required) return new Fault('required', `${field.label.en ?? field.id} is required but empty`, null);
    return null;
  }
  switch (field.type) {
    case 'money':
    case 'number': {
      const d = toDecimal(v);
      if (d === null || d instanceof Fault) return d ?? null;
      if (field.type === 'money' && d.decimalPlaces() > moneyScale)
        return new Fault('too_many_decimals', `${d.toFixed()} has ${d.decimalPlaces()} decimals; ${field.label.en ?? field.id} allows ${moneyScale}`, d.toFixed());
      return d;
    }
    case 'date':
      return typeof v === 'string' && DATE.test(v) ? v : new Fault('not_a_date', `${field.label.en ?? field.id} needs a date (YYYY-MM-DD), got "${toText(v)}"`, toText(v));
    case 'boolean':
      return typeof v === 'boolean' ? v : new Fault('not_a_boolean', `${field.label.en ?? field.id} needs true/false`, toText(v));
    case 'text': {
      const s = toText(v);
      if (field.maxLength !== undefined) {
        // UTF-16 length bounds the code-point count from above, so short text needs no counting.
        const len = s.length <= field.maxLength ? s.length : Array.from(s).length;
        if (len > field.maxLength)
          return new Fault('too_long', `${field.label.en ?? field.id} is ${len} characters; at most ${field.maxLength} allowed`, s);
      }
      return s;
    }
    default:
      return v;
  }
}

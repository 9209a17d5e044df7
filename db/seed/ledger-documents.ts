/**
 * Test support: reads the booked amounts back out of a serialised ledger document (the Kingdee GL_VOUCHER Save
 * JSON, the U8 EAI voucher XML) and checks them on their own terms. The checks never look at the engine's voucher
 * or its totals: they see only what the ledger would receive, so an engine or serialiser that books a wrong cent
 * fails them.
 */
import Decimal from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';

/** One entry line as the ledger reads it: local-currency (本位币) debit and credit, as written in the document. */
export interface BookedLine {
  debit: string;
  credit: string;
}

export type DemoLedger = 'kingdee-gl-voucher' | 'u8-voucher-xml';

/**
 * The money scale each ledger books local amounts in. Both demo ledgers keep CNY to the fen; written here, apart
 * from the serialisers' own constant, so the check does not inherit a mistake in it.
 */
export const LEDGER_SCALE: Record<DemoLedger, number> = { 'kingdee-gl-voucher': 2, 'u8-voucher-xml': 2 };

/** Kingdee: `Model.FEntity[].FDEBIT` / `FCREDIT`, JSON numbers read from their text (never through a float). */
function kingdeeLines(text: string): BookedLine[] {
  const doc = parseLossless(text) as { Model?: { FEntity?: Record<string, unknown>[] } };
  const entries = doc.Model?.FEntity;
  if (!Array.isArray(entries)) throw new Error('Kingdee document has no Model.FEntity array');
  return entries.map((e, i) => ({ debit: kingdeeAmount(e.FDEBIT, i, 'FDEBIT'), credit: kingdeeAmount(e.FCREDIT, i, 'FCREDIT') }));
}

function kingdeeAmount(value: unknown, index: number, name: string): string {
  if (!isLosslessNumber(value)) throw new Error(`Kingdee FEntity[${index}].${name} is ${JSON.stringify(String(value))}, not a JSON number`);
  return value.value;
}

/** U8: `ufinterface.voucher.voucher_body.entry[].natural_debit_currency` / `natural_credit_currency` (local amounts). */
function u8Lines(text: string): BookedLine[] {
  const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'entry' }).parse(text);
  const entries = doc?.ufinterface?.voucher?.voucher_body?.entry;
  if (!Array.isArray(entries)) throw new Error('U8 document has no ufinterface/voucher/voucher_body/entry elements');
  return entries.map((e: Record<string, unknown>) => ({ debit: String(e.natural_debit_currency ?? ''), credit: String(e.natural_credit_currency ?? '') }));
}

export function bookedLines(format: DemoLedger, text: string): BookedLine[] {
  return format === 'kingdee-gl-voucher' ? kingdeeLines(text) : u8Lines(text);
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Why the document would not post as a balanced voucher in the ledger's scale, or null when it would: every amount
 * a plain non-negative decimal with no more places than the scale, each line on one side only, at least one line
 * on each side, and Σdebit = Σcredit exactly (decimal.js, no rounding).
 */
export function imbalance(format: DemoLedger, text: string): string | null {
  const scale = LEDGER_SCALE[format];
  const lines = bookedLines(format, text);
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  for (const [i, line] of lines.entries()) {
    for (const [side, written] of [['debit', line.debit], ['credit', line.credit]] as const) {
      if (!PLAIN_DECIMAL.test(written)) return `line ${i + 1}: ${side} "${written}" is not a plain decimal`;
      const amount = new Decimal(written);
      if (amount.isNegative()) return `line ${i + 1}: ${side} ${written} is negative`;
      if (amount.decimalPlaces() > scale) return `line ${i + 1}: ${side} ${written} has more than ${scale} decimals`;
    }
    const d = new Decimal(line.debit);
    const c = new Decimal(line.credit);
    if (!d.isZero() && !c.isZero()) return `line ${i + 1} books both a debit ${line.debit} and a credit ${line.credit}`;
    debit = debit.plus(d);
    credit = credit.plus(c);
  }
  if (debit.isZero() || credit.isZero()) return `a voucher needs both sides: debits ${debit.toFixed()}, credits ${credit.toFixed()}`;
  if (!debit.eq(credit)) return `debits ${debit.toFixed()} ≠ credits ${credit.toFixed()}`;
  return null;
}

/** Σcredit of the document, exactly as written. */
export function bookedCredit(format: DemoLedger, text: string): Decimal {
  return bookedLines(format, text).reduce((s, l) => s.plus(l.credit), new Decimal(0));
}

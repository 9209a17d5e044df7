import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunError, Voucher } from '../../server/engine';
import { claimArbitrary, faultsFor, payloadFor, withFault, type Fault } from './demo-claims';
import { demoPayload, demoSpec, demoTables, runDemo, type DemoRun, type DemoSystem } from './demo-fixture';
import { bookedCredit, bookedLines, imbalance, type DemoLedger } from './ledger-documents';

/**
 * Properties of the demo company's three mappings, checked on what leaves the pipeline: the ledger document is
 * parsed and summed on its own (never the engine's totals), and a refusal must point at the field and the value
 * the claimant got wrong.
 */
const tables = demoTables();
const SYSTEMS: DemoSystem[] = ['dingtalk', 'feishu', 'wecom'];
const ledgerOf = (system: DemoSystem) => demoSpec(system).target.format as DemoLedger;

/** Whether a refusal names the faulty field and shows the value as typed (text, or the same decimal). */
function namesFault(errors: RunError[], fault: Fault): boolean {
  return errors.some((e) => {
    if (typeof e.field !== 'string' || e.field === '' || e.field !== fault.field) return false;
    if (e.value === null || e.value === undefined || e.value === '') return false;
    const shown = String(e.value);
    if (shown === fault.value) return true;
    try {
      return new Decimal(shown).eq(fault.value);
    } catch {
      return false;
    }
  });
}

describe.each(SYSTEMS)('random valid claims through the %s demo mapping', (system) => {
  const ledger = ledgerOf(system);
  it('always give a document that balances in the ledger’s scale, its credit the claimed total', async () => {
    await fc.assert(
      fc.asyncProperty(claimArbitrary(tables), async (c) => {
        const r = await runDemo(system, payloadFor(system, c, tables));
        expect(r.result?.errors).toEqual([]);
        expect(r.outcome.kind).toBe('ok');
        expect(imbalance(ledger, r.document!)).toBeNull();
        expect(bookedCredit(ledger, r.document!).toFixed(2)).toBe(c.total);
        // One expense line per row that has an amount net of tax, one VAT line if any tax, and the payable.
        const net = c.rows.filter((row) => new Decimal(row.amount).minus(row.tax ?? 0).gt(0)).length;
        const vat = c.rows.some((row) => new Decimal(row.tax ?? 0).gt(0)) ? 1 : 0;
        expect(bookedLines(ledger, r.document!)).toHaveLength(net + vat + 1);
        for (const l of (r.result!.output as Voucher).lines) expect(Array.from(l.summary).length).toBeLessThanOrEqual(80);
      }),
      { numRuns: 40 },
    );
  });
});

describe.each(SYSTEMS)('claims with one fault through the %s demo mapping', (system) => {
  it('are refused without a document, naming the faulty field and its value', async () => {
    await fc.assert(
      fc.asyncProperty(claimArbitrary(tables), fc.constantFrom(...faultsFor(system)), fc.nat(), async (valid, kind, pick) => {
        const { claim, fault } = withFault(system, valid, kind, pick);
        const r = await runDemo(system, payloadFor(system, claim, tables));
        expect(r.outcome.kind).toBe('error');
        expect(r.document).toBeNull();
        expect(r.result!.output).toBeNull();
        expect(namesFault(r.result!.errors, fault), `${kind}: ${JSON.stringify(r.result!.errors)}`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the checks above can fail', () => {
  it('finds a document off by one cent, or written beyond the ledger’s scale', async () => {
    const kingdee = (await runDemo('dingtalk', demoPayload('dingtalk'))).document!;
    expect(imbalance('kingdee-gl-voucher', kingdee)).toBeNull();
    expect(imbalance('kingdee-gl-voucher', kingdee.replace('"FDEBIT": 1174.31', '"FDEBIT": 1174.32'))).toMatch(/debits 2496\.01 ≠ credits 2496/);
    expect(imbalance('kingdee-gl-voucher', kingdee.replace('"FDEBIT": 1174.31', '"FDEBIT": 1174.3100000000001'))).toMatch(/more than 2 decimals/);
    expect(() => imbalance('kingdee-gl-voucher', kingdee.replace('"FDEBIT": 1174.31', '"FDEBIT": "1174.31"'))).toThrow(/not a JSON number/);
    const u8 = (await runDemo('wecom', demoPayload('wecom'))).document!;
    expect(imbalance('u8-voucher-xml', u8)).toBeNull();
    expect(imbalance('u8-voucher-xml', u8.replace('<natural_credit_currency>2496.00<', '<natural_credit_currency>2495.99<'))).toMatch(/≠/);
    expect(imbalance('u8-voucher-xml', u8.replace('<natural_debit_currency>1000.00<', '<natural_debit_currency>1000.004<'))).toMatch(/decimals/);
  });

  it('finds a refusal that names no field, another field, or no value', () => {
    const fault: Fault = { kind: 'unknown-type', field: 'F', value: '游艇租赁', row: 2 };
    const error = (e: Partial<RunError>): RunError => ({ field: 'F', row: 2, value: '游艇租赁', message: 'unknown', code: 'lookup_miss', ...e });
    expect(namesFault([error({})], fault)).toBe(true);
    expect(namesFault([error({ field: null })], fault)).toBe(false);
    expect(namesFault([error({ field: 'G' })], fault)).toBe(false);
    expect(namesFault([error({ value: null })], fault)).toBe(false);
    expect(namesFault([error({ value: '' })], fault)).toBe(false);
    expect(namesFault([error({ value: '其他' })], fault)).toBe(false);
  });
});

/** Replaces the value at a random path of the sample with something hostile. */
function mutate(sample: unknown, pathPick: number[], replacement: unknown): unknown {
  let node: any = sample;
  for (const pick of pathPick) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length];
    const child = node[key];
    if (child === null || typeof child !== 'object' || pick % 3 === 0) {
      node[key] = replacement;
      return sample;
    }
    node = child;
  }
  return sample;
}

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('null', '', '__proto__', 'NaN', '1e400', '-0', '1'.repeat(400), '\u0000\u202e<script>', '[{"rowValue":[]}]', '{"__proto__":{"x":1}}'),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constant({ ['__proto__']: { polluted: true } }),
);

/** Whatever the outcome, it is whole: a balanced document, or a refusal that says where and why. */
function expectWholeOutcome(system: DemoSystem, r: DemoRun): void {
  switch (r.outcome.kind) {
    case 'ok':
      expect(imbalance(ledgerOf(system), r.document!)).toBeNull();
      break;
    case 'shape':
      expect(r.outcome.error.path).toMatch(/\S/);
      expect(r.outcome.error.message).toMatch(/\S/);
      break;
    case 'skipped':
      expect(r.outcome.reason).toMatch(/\S/);
      break;
    case 'error':
      expect(r.result!.output).toBeNull();
      expect(r.result!.errors.length).toBeGreaterThan(0);
      for (const e of r.result!.errors) expect(e.message).toMatch(/\S/);
      break;
    default:
      // The payload is valid JSON text and the demo mapping compiles: nothing else may come back.
      throw new Error(`unexpected outcome ${r.outcome.kind}`);
  }
  if (r.outcome.kind !== 'ok') expect(r.document).toBeNull();
}

describe('random and hostile payloads', () => {
  it.each(SYSTEMS)('never make the %s pipeline throw or let out an unbalanced document', async (system) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), hostile, async (pathPick, replacement) => {
        const r = await runDemo(system, mutate(demoPayload(system), pathPick, replacement));
        expectWholeOutcome(system, r);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it.each(SYSTEMS)('any JSON value at all is refused by %s with a reason', async (system) => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const r = await runDemo(system, JSON.stringify(value));
        expect(r.outcome.kind).not.toBe('ok');
        expectWholeOutcome(system, r);
      }),
      { numRuns: 150 },
    );
  });
});

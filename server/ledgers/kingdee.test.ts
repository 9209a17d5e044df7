import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { demoKingdeeVoucher } from './demo-vouchers';
import { kingdeeSaveEnvelope, serialiseKingdee } from './kingdee';
import { LedgerFormatError } from './common';

const fixture = readFileSync(path.join(__dirname, 'fixtures/kingdee-gl-voucher-save.json'), 'utf8');

type Entry = Record<string, unknown> & { FEXPLANATION?: string };
type Save = { Model: { FEntity: Entry[] } & Record<string, unknown> } & Record<string, unknown>;

/** Explanations are free text the mapping writes; everything else must match the sample exactly. */
function withoutExplanations(save: Save): Save {
  const copy = structuredClone(save);
  for (const e of copy.Model.FEntity) delete e.FEXPLANATION;
  return copy;
}

describe('serialiseKingdee', () => {
  const out = serialiseKingdee(demoKingdeeVoucher());
  const parsed = JSON.parse(out) as Save;
  const expected = JSON.parse(fixture) as Save;

  it('matches the GL_VOUCHER Save sample structurally, key order included', () => {
    // JSON.stringify of the parsed trees compares values and key order at every level.
    expect(JSON.stringify(withoutExplanations(parsed))).toBe(JSON.stringify(withoutExplanations(expected)));
    expect(Object.keys(parsed.Model)).toEqual(Object.keys(expected.Model));
    expect(Object.keys(parsed)).toEqual(Object.keys(expected));
  });

  it('writes FAMOUNTFOR equal to the side the line posts to', () => {
    for (const e of parsed.Model.FEntity) {
      const amount = e.FDEBIT !== 0 ? e.FDEBIT : e.FCREDIT;
      expect(e.FAMOUNTFOR).toBe(amount);
    }
  });

  it('omits FDetailID on a line without dimensions and maps department/employee to FLEX5/FLEX7', () => {
    const [first, , , vat, payable] = parsed.Model.FEntity;
    expect(first.FDetailID).toEqual({ FDETAILID__FFLEX5: { FNumber: 'BM003' } });
    expect('FDetailID' in vat).toBe(false);
    expect(payable.FDetailID).toEqual({ FDETAILID__FFLEX7: { FNumber: 'EMP0086' } });
  });

  it('writes amounts from decimal text, never a float', () => {
    expect(out).toContain('"FDEBIT": 1174.31');
    expect(out).toContain('"FCREDIT": 2496.00');
    expect(out).toContain('"FYEAR": 2025');
    expect(out).toContain('"FEXCHANGERATE": 1,');
    const v = demoKingdeeVoucher();
    v.lines[0].debit = new Decimal('0.1').plus(new Decimal('0.2'));
    const text = serialiseKingdee(v);
    expect(text).toContain('"FAMOUNTFOR": 0.30');
    expect(text).not.toMatch(/\d\.\d{3,}/);
    expect(text).not.toMatch(/: -?\d+(\.\d+)?e/i);
  });

  it('writes large amounts without exponent or precision loss', () => {
    const v = demoKingdeeVoucher();
    v.lines[0].debit = new Decimal('12345678901234567.89');
    expect(serialiseKingdee(v)).toContain('"FDEBIT": 12345678901234567.89');
  });

  it('refuses more than two decimals, both sides, and unmapped dimensions', () => {
    const v1 = demoKingdeeVoucher();
    v1.lines[1].debit = new Decimal('1000.005');
    expect(() => serialiseKingdee(v1)).toThrow(LedgerFormatError);
    const v2 = demoKingdeeVoucher();
    v2.lines[1].credit = new Decimal('1');
    expect(() => serialiseKingdee(v2)).toThrow(/both/);
    const v3 = demoKingdeeVoucher();
    v3.lines[0].dimensions.project = 'P01';
    expect(() => serialiseKingdee(v3)).toThrow(/project/);
    expect(() => serialiseKingdee(v3, { flexMap: { project: 'FDETAILID__FF100002' } })).not.toThrow();
  });

  it('honours a custom flex map and a non-unit exchange rate', () => {
    const v = demoKingdeeVoucher();
    v.lines[0].exchangeRate = new Decimal('7.1234');
    const p = JSON.parse(serialiseKingdee(v, { flexMap: { department: 'FDETAILID__FF100001' } })) as Save;
    expect(p.Model.FEntity[0].FDetailID).toEqual({ FDETAILID__FF100001: { FNumber: 'BM003' } });
    expect(p.Model.FEntity[0].FEXCHANGERATE).toBe(7.1234);
  });

  it('keeps hostile text intact as JSON strings', () => {
    const v = demoKingdeeVoucher();
    v.lines[0].summary = '"},\n"FDEBIT": 999, \u0000\u2028 </script>';
    const p = JSON.parse(serialiseKingdee(v)) as Save;
    expect(p.Model.FEntity[0].FEXPLANATION).toBe(v.lines[0].summary);
    expect(p.Model.FEntity[0].FDEBIT).toBe(1174.31);
  });
});

describe('kingdeeSaveEnvelope', () => {
  it('wraps the Save object as a JSON string exactly once', () => {
    const save = serialiseKingdee(demoKingdeeVoucher());
    const body = kingdeeSaveEnvelope(save);
    const parsed = JSON.parse(body) as { formid: string; data: string };
    expect(Object.keys(parsed)).toEqual(['formid', 'data']);
    expect(parsed.formid).toBe('GL_VOUCHER');
    expect(typeof parsed.data).toBe('string');
    expect(parsed.data).toBe(save);
    expect((JSON.parse(parsed.data) as Save).Model.FVOUCHERID).toBe(0);
  });

  it('rejects text that is not a Save object (e.g. an already-encoded string)', () => {
    const save = serialiseKingdee(demoKingdeeVoucher());
    expect(() => kingdeeSaveEnvelope(JSON.stringify(save))).toThrow(LedgerFormatError);
    expect(() => kingdeeSaveEnvelope('{nope')).toThrow(LedgerFormatError);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { demoKingdeeVoucher } from './fixtures/demo-vouchers';
import { kingdeeSaveEnvelope, serialiseKingdee } from './kingdee';
import { LedgerFormatError } from './common';
import { KingdeeOptionsSchema, type KingdeeOptionsInput } from './options';

// The one intended difference from the vendor sample: IsVerifyBaseDataField is "true" by default, so Kingdee
// refuses a wrong dimension number instead of dropping it.
const fixture = readFileSync(path.join(__dirname, 'fixtures/kingdee-gl-voucher-save.json'), 'utf8')
  .replace('"IsVerifyBaseDataField": "false"', '"IsVerifyBaseDataField": "true"');
const settings = (o: KingdeeOptionsInput = {}) => KingdeeOptionsSchema.parse(o);

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
    v.lines[4].credit = new Decimal('1321.99'); // 2496.00 − 1174.31 + 0.30: a serialiser refuses an unbalanced voucher
    const text = serialiseKingdee(v);
    expect(text).toContain('"FAMOUNTFOR": 0.30');
    expect(text).not.toMatch(/\d\.\d{3,}/);
    expect(text).not.toMatch(/: -?\d+(\.\d+)?e/i);
  });

  it('writes large amounts without exponent or precision loss', () => {
    const v = demoKingdeeVoucher();
    v.lines[0].debit = new Decimal('12345678901234567.89');
    v.lines[4].credit = new Decimal('12345678901235889.58');
    expect(serialiseKingdee(v)).toContain('"FDEBIT": 12345678901234567.89');
  });

  it('refuses more than two decimals, both sides, and unmapped dimensions', () => {
    const v1 = demoKingdeeVoucher();
    v1.lines[1].debit = new Decimal('1000.005');
    v1.lines[4].credit = new Decimal('2496.005');
    expect(() => serialiseKingdee(v1)).toThrow(LedgerFormatError);
    const v2 = demoKingdeeVoucher();
    v2.lines[1].credit = new Decimal('1');
    expect(() => serialiseKingdee(v2)).toThrow(/both/);
    const v3 = demoKingdeeVoucher();
    v3.lines[0].dimensions.project = 'P01';
    expect(() => serialiseKingdee(v3)).toThrow(/project/);
    const withProject = settings({ dimensionMap: { department: { field: 'FFLEX5', formId: 'BD_Department' }, employee: { field: 'FFLEX7', formId: 'BD_Empinfo' }, project: { field: 'FF100002', formId: 'BD_Project' } } });
    expect(() => serialiseKingdee(v3, withProject)).not.toThrow();
  });

  it('writes 费用项目, projects and custom dimensions to the flex fields the dimension map names', () => {
    const v = demoKingdeeVoucher();
    v.lines[0].dimensions = { department: 'BM003', expenseItem: 'FY001', project: 'XM01', customDimension1: 'KH-A' };
    const options = settings({
      dimensionMap: {
        department: { field: 'FF100001', formId: 'BD_Department' },
        employee: { field: 'FFLEX7', formId: 'BD_Empinfo' },
        expenseItem: { field: 'FFLEX9', formId: 'BD_Expense' },
        project: { field: 'FFLEX13', formId: 'BD_Project' },
        customDimension1: { field: 'FF100005', formId: 'BOS_ASSISTANTDATA_DETAIL' },
      },
    });
    const p = JSON.parse(serialiseKingdee(v, options)) as Save;
    expect(p.Model.FEntity[0].FDetailID).toEqual({
      FDETAILID__FF100001: { FNumber: 'BM003' },
      FDETAILID__FFLEX13: { FNumber: 'XM01' },
      FDETAILID__FFLEX9: { FNumber: 'FY001' },
      FDETAILID__FF100005: { FNumber: 'KH-A' },
    });
    // The default map has no 费用项目: a line carrying one is refused, never sent without it.
    v.lines[0].dimensions = { department: 'BM003', expenseItem: 'FY001' };
    expect(() => serialiseKingdee(v)).toThrow(/expenseItem/);
  });

  it('takes book, voucher group and rate type from the settings when the mapping leaves them empty', () => {
    const v = demoKingdeeVoucher();
    v.header.book = null;
    v.header.voucherWord = null;
    v.lines.forEach((l) => (l.exchangeRateType = null));
    const p = JSON.parse(serialiseKingdee(v, settings({ accountBook: '002', voucherGroup: 'PRE002', exchangeRateType: 'HLTX02_SYS' }))) as Save;
    expect(p.Model.FAccountBookID).toEqual({ FNumber: '002' });
    expect(p.Model.FVOUCHERGROUPID).toEqual({ FNumber: 'PRE002' });
    expect(p.Model.FEntity[0].FEXCHANGERATETYPE).toEqual({ FNumber: 'HLTX02_SYS' });
    // A mapped header field wins over the setting.
    const mapped = JSON.parse(serialiseKingdee(demoKingdeeVoucher(), settings({ accountBook: '002' }))) as Save;
    expect(mapped.Model.FAccountBookID).toEqual({ FNumber: '001' });
  });

  it('sends IsVerifyBaseDataField from the settings, true by default', () => {
    expect(parsed.IsVerifyBaseDataField).toBe('true');
    const off = JSON.parse(serialiseKingdee(demoKingdeeVoucher(), settings({ isVerifyBaseDataField: false }))) as Save;
    expect(off.IsVerifyBaseDataField).toBe('false');
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

import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, neutraliseFormula, serialiseCsv } from './csv';
import { demoKingdeeVoucher } from './fixtures/demo-vouchers';
import { CsvOptionsSchema } from './options';

const noBom = CsvOptionsSchema.parse({ bom: false });

describe('serialiseCsv', () => {
  const out = serialiseCsv(demoKingdeeVoucher());

  it('starts with a BOM, uses CRLF and writes one row per line', () => {
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    const rows = out.slice(1).split('\r\n').slice(0, -1);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows[1]).toBe(
      '2025-03-15,2025,3,PRE001,DD-202503140912000286417,1,6601.02,报销张伟北京展会差旅费-机票,1174.31,0.00,CNY,1,1174.31,0.00,BM003,,,,,,,,,,',
    );
    expect(rows[5]).toBe(
      '2025-03-15,2025,3,PRE001,DD-202503140912000286417,5,2241,应付张伟差旅费报销款 DD-202503140912000286417,0.00,2496.00,CNY,1,0.00,2496.00,,EMP0086,,,,,,,,,',
    );
    expect(serialiseCsv(demoKingdeeVoucher(), noBom).startsWith('date,')).toBe(true);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('plain')).toBe('plain');
  });

  it('neutralises spreadsheet formulas but leaves plain numbers alone', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseFormula('+cmd')).toBe("'+cmd");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('-12.30')).toBe('-12.30');
    expect(neutraliseFormula('+5')).toBe('+5');
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(csvField('=1,2')).toBe('"\'=1,2"');
  });

  it('applies both rules inside a voucher and writes red-ink amounts as numbers', () => {
    const v = demoKingdeeVoucher();
    v.lines[0].summary = '=cmd|"/c calc"!A1, ok';
    v.lines[0].debit = new Decimal('-0.1').minus(new Decimal('0.2'));
    v.lines[4].credit = new Decimal('1321.39'); // 2496.00 − 1174.31 − 0.30: a serialiser refuses an unbalanced voucher
    const row = serialiseCsv(v, noBom).split('\r\n')[1];
    expect(row).toContain(',"\'=cmd|""/c calc""!A1, ok",-0.30,0.00,CNY,1,-0.30,0.00,');
  });
});

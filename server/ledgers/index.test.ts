import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../engine/voucher';
import { demoKingdeeVoucher, demoU8Voucher } from './fixtures/demo-vouchers';
import {
  CATALOGUES,
  LedgerFormatError,
  OUTPUT_TYPES,
  SERIALISERS,
  TARGET_FORMATS,
  TARGET_FORMAT_IDS,
  contentTypeOf,
  fileExtensionOf,
  getCatalogue,
  serialiseVoucher,
  serialiseKingdee,
  defaultTargetOptions,
  U8OptionsSchema,
  type TargetFormat,
} from './index';

const HEADER_IDS = ['book', 'date', 'fiscalYear', 'period', 'voucherWord', 'summary', 'attachments', 'reference', 'preparer'];
const LINE_IDS = ['summary', 'account', 'debit', 'credit', 'currency', 'exchangeRateType', 'exchangeRate', ...DIMENSIONS];

describe('catalogues', () => {
  it('exist for every format with labels, voucher kind and money scale 2', () => {
    expect(TARGET_FORMATS.map((f) => f.format)).toEqual([...TARGET_FORMAT_IDS]);
    for (const { format, label } of TARGET_FORMATS) {
      const c = getCatalogue(format);
      expect(c.format).toBe(format);
      expect(c.label).toEqual(label);
      expect(c.kind).toBe('voucher');
      expect(c.moneyScale).toBe(2);
      expect(label.zh && label.en).toBeTruthy();
    }
    expect(getCatalogue('nope')).toBeUndefined();
  });

  it('use only the Voucher model ids, each once per group, with labels and descriptions in both languages', () => {
    for (const c of Object.values(CATALOGUES)) {
      const header = c.fields.filter((f) => f.group === 'header').map((f) => f.id);
      const line = c.fields.filter((f) => f.group === 'line').map((f) => f.id);
      expect(header.every((id) => HEADER_IDS.includes(id))).toBe(true);
      expect(line.every((id) => LINE_IDS.includes(id))).toBe(true);
      expect(new Set(header).size).toBe(header.length);
      expect(new Set(line).size).toBe(line.length);
      for (const f of c.fields) {
        expect(f.label.zh && f.label.en && f.description?.zh && f.description?.en, `${c.format}.${f.id}`).toBeTruthy();
      }
    }
  });

  it('require the posting essentials everywhere and the ledger-specific ones where needed', () => {
    const req = (format: TargetFormat) =>
      getCatalogue(format)
        .fields.filter((f) => f.required)
        .map((f) => `${f.group}.${f.id}`);
    const core = ['header.date', 'header.fiscalYear', 'header.period', 'line.summary', 'line.account'];
    for (const f of TARGET_FORMAT_IDS) {
      expect(req(f)).toEqual(expect.arrayContaining(core));
      // A line maps one side; the voucher check then demands exactly one side above zero.
      expect(req(f)).not.toContain('line.debit');
      expect(req(f)).not.toContain('line.credit');
    }
    // Book, voucher group and U8 voucher type may come from the target settings instead (options.test.ts).
    expect(req('kingdee-gl-voucher')).not.toContain('header.book');
    expect(req('kingdee-gl-voucher')).toEqual(expect.arrayContaining(['line.currency']));
    const ids = (format: TargetFormat) => getCatalogue(format).fields.map((f) => `${f.group}.${f.id}`);
    expect(ids('u8-voucher-xml')).not.toContain('line.exchangeRateType');
    expect(ids('u8-voucher-xml')).not.toContain('line.costCentre');
    expect(ids('kingdee-gl-voucher')).toEqual(expect.arrayContaining(['line.department', 'line.employee', 'line.customer', 'line.supplier']));
    const summary = getCatalogue('kingdee-gl-voucher').fields.find((f) => f.id === 'summary' && f.group === 'line');
    expect(summary?.maxLength).toBe(80);
    expect(getCatalogue('u8-voucher-xml').fields.find((f) => f.id === 'summary')?.maxLength).toBeLessThanOrEqual(80);
  });

  it('are frozen so a caller cannot alter them for everyone', () => {
    expect(Object.isFrozen(getCatalogue('csv'))).toBe(true);
    expect(Object.isFrozen(getCatalogue('csv').fields[0])).toBe(true);
  });
});

describe('serialiseVoucher', () => {
  it('dispatches to the format serialiser', () => {
    const kingdee = defaultTargetOptions('kingdee-gl-voucher');
    expect(serialiseVoucher('kingdee-gl-voucher', demoKingdeeVoucher(), kingdee)).toBe(serialiseKingdee(demoKingdeeVoucher()));
    expect(serialiseVoucher('u8-voucher-xml', demoU8Voucher(), U8OptionsSchema.parse({ sender: 'x' }))).toContain('sender="x"');
    expect(JSON.parse(serialiseVoucher('journal-json', demoKingdeeVoucher(), defaultTargetOptions('journal-json'))).totals.debit).toBe('2496.00');
    expect(serialiseVoucher('csv', demoKingdeeVoucher(), defaultTargetOptions('csv')).startsWith('\uFEFFdate,')).toBe(true);
    expect(Object.keys(SERIALISERS)).toEqual([...TARGET_FORMAT_IDS]);
    expect(() => serialiseVoucher('nope' as TargetFormat, demoKingdeeVoucher(), kingdee as never)).toThrow(LedgerFormatError);
  });

  it('knows content type and extension per format', () => {
    expect(Object.keys(OUTPUT_TYPES)).toEqual([...TARGET_FORMAT_IDS]);
    expect(contentTypeOf('u8-voucher-xml')).toBe('application/xml; charset=utf-8');
    expect(fileExtensionOf('csv')).toBe('.csv');
    expect(fileExtensionOf('kingdee-gl-voucher')).toBe('.json');
  });
});

import { describe, expect, it } from 'vitest';
import { TARGET_FORMAT_IDS } from './catalogues';
import {
  DEFAULT_KINGDEE_DIMENSION_MAP,
  TARGET_OPTION_SETTINGS,
  TARGET_OPTIONS_SCHEMAS,
  checkSpecTargetOptions,
  checkTargetOptions,
  defaultTargetOptions,
  parseTargetOptions,
} from './options';

const codes = (problems: ReturnType<typeof checkTargetOptions>) => problems.map((p) => `${p.code}:${p.params.setting}`);
const withPreparer = { mappedHeaderFields: ['preparer'] };

describe('target options', () => {
  it('refuse unknown keys, naming them, in every format and inside nested settings', () => {
    expect(codes(checkTargetOptions('kingdee-gl-voucher', { flexMap: {} }))).toEqual(['target_option_unknown:flexMap']);
    expect(codes(checkTargetOptions('csv', { bom: true, delimiter: ';' }))).toEqual(['target_option_unknown:delimiter']);
    const nested = checkTargetOptions('kingdee-gl-voucher', { dimensionMap: { department: { field: 'FFLEX5', formId: 'BD_Department', key: 1 } } });
    expect(nested).toEqual([expect.objectContaining({ code: 'target_option_unknown', params: expect.objectContaining({ setting: 'dimensionMap', path: 'dimensionMap.department.key' }) })]);
    expect(codes(checkTargetOptions('kingdee-gl-voucher', { dimensionMap: { cashFlow: { field: 'FFLEX8', formId: 'X1' } } }))).toEqual(['target_option_unknown:dimensionMap']);
  });

  it('take a boolean as a boolean and a number as a number, never their text', () => {
    const p = checkTargetOptions('kingdee-gl-voucher', { isVerifyBaseDataField: 'true' });
    expect(p).toEqual([{ code: 'target_option_type', message: expect.stringContaining('isVerifyBaseDataField'), params: { format: 'kingdee-gl-voucher', setting: 'isVerifyBaseDataField', expected: 'boolean', value: '"true"' } }]);
    expect(codes(checkTargetOptions('csv', { bom: 'false' }))).toEqual(['target_option_type:bom']);
    expect(codes(checkTargetOptions('journal-json', { indent: '4' }))).toEqual(['target_option_invalid:indent']);
    expect(checkTargetOptions('journal-json', { indent: 4 })).toEqual([]);
    expect(codes(checkTargetOptions('u8-voucher-xml', { sender: 42 }, withPreparer))).toEqual(['target_option_type:sender']);
  });

  it('require the U8 sender (no made-up default) and a preparer from the mapping or the settings', () => {
    expect(checkTargetOptions('u8-voucher-xml', {}, withPreparer)).toEqual([
      { code: 'target_option_required', message: 'the U8 setting "sender" is required', params: { format: 'u8-voucher-xml', setting: 'sender' } },
    ]);
    expect(codes(checkTargetOptions('u8-voucher-xml', undefined, withPreparer))).toEqual(['target_option_required:sender']);
    expect(codes(checkTargetOptions('u8-voucher-xml', { sender: '   ' }, withPreparer))).toEqual(['target_option_invalid:sender']);
    expect(checkTargetOptions('u8-voucher-xml', { sender: 'oa2gl' })).toEqual([
      expect.objectContaining({ code: 'target_option_or_field_required', params: { format: 'u8-voucher-xml', setting: 'preparer', field: 'preparer' } }),
    ]);
    expect(checkTargetOptions('u8-voucher-xml', { sender: 'oa2gl', preparer: '王芳' })).toEqual([]);
    expect(checkTargetOptions('u8-voucher-xml', { sender: 'oa2gl' }, withPreparer)).toEqual([]);
  });

  it('fill the defaults the serialisers rely on', () => {
    const u8 = parseTargetOptions('u8-voucher-xml', { sender: 'oa2gl' }, withPreparer);
    expect(u8).toEqual({ ok: true, format: 'u8-voucher-xml', options: { sender: 'oa2gl', receiver: 'u8', voucherType: '记', localCurrency: 'CNY', currencyMap: {} } });
    const kingdee = defaultTargetOptions('kingdee-gl-voucher');
    expect(kingdee).toMatchObject({ currencyMap: { CNY: 'PRE001' }, localCurrency: 'CNY', exchangeRateType: 'HLTX01_SYS', isVerifyBaseDataField: true });
    expect(kingdee.dimensionMap).toEqual(DEFAULT_KINGDEE_DIMENSION_MAP);
    expect(defaultTargetOptions('csv')).toEqual({ bom: true, localCurrency: 'CNY' });
  });

  it('check Kingdee currency codes, flex fields, the local currency and clashing dimensions', () => {
    expect(codes(checkTargetOptions('kingdee-gl-voucher', { currencyMap: { usd: 'PRE007', CNY: 'PRE001' } }, { mappedHeaderFields: ['book', 'voucherWord'] }))).toEqual(['target_option_invalid:currencyMap']);
    expect(codes(checkTargetOptions('kingdee-gl-voucher', { currencyMap: { USD: 'PRE007' } }, { mappedHeaderFields: ['book', 'voucherWord'] }))).toEqual(['target_option_local_currency_unmapped:currencyMap']);
    const flex = (field: string) => checkTargetOptions('kingdee-gl-voucher', { accountBook: '001', voucherGroup: 'PRE001', dimensionMap: { expenseItem: { field, formId: 'BD_Expense' } } });
    expect(flex('FFLEX9')).toEqual([]);
    expect(flex('FFLEX13')).toEqual([]);
    expect(flex('FF100001')).toEqual([]);
    expect(codes(flex('FFLEX14'))).toEqual(['target_option_invalid:dimensionMap']);
    expect(codes(flex('FDETAILID__FFLEX5'))).toEqual(['target_option_invalid:dimensionMap']);
    const clash = checkTargetOptions('kingdee-gl-voucher', { accountBook: '001', voucherGroup: 'PRE001', dimensionMap: { department: { field: 'FFLEX5', formId: 'BD_Department' }, costCentre: { field: 'FFLEX5', formId: 'BD_Department' } } });
    expect(clash).toEqual([expect.objectContaining({ code: 'target_option_dimension_clash', params: expect.objectContaining({ field: 'FFLEX5', dimensions: 'department, costCentre' }) })]);
  });

  it('give a new Kingdee mapping the first account book and the 记 voucher group', () => {
    expect(checkTargetOptions('kingdee-gl-voucher', {})).toEqual([]);
    const parsed = parseTargetOptions('kingdee-gl-voucher', {});
    expect(parsed.ok && [parsed.options.accountBook, parsed.options.voucherGroup]).toEqual(['001', 'PRE001']);
    expect(codes(checkTargetOptions('kingdee-gl-voucher', { accountBook: ' ' }))).toEqual(['target_option_invalid:accountBook']);
  });

  it('read which header fields a spec maps from its edges', () => {
    const spec = {
      target: { format: 'u8-voucher-xml', options: { sender: 'oa2gl' } },
      nodes: [
        { id: 'c', kind: 'constant' as const, valueType: 'text' as const, value: '王芳' },
        { id: 't', kind: 'target' as const, line: null, field: 'preparer' },
      ],
      edges: [] as Array<{ id: string; from: { node: string }; to: { node: string } }>,
    };
    expect(codes(checkSpecTargetOptions(spec))).toEqual(['target_option_or_field_required:preparer']);
    spec.edges.push({ id: 'e', from: { node: 'c' }, to: { node: 't' } });
    expect(checkSpecTargetOptions(spec)).toEqual([]);
  });

  it('refuse options that are not an object and ignore formats they do not know', () => {
    expect(codes(checkTargetOptions('csv', ['bom']))).toEqual(['target_options_not_object:']);
    expect(checkTargetOptions('sap-fi', { anything: 1 })).toEqual([]);
  });

  it('describe every setting of every schema for the settings panel, in both languages', () => {
    for (const format of TARGET_FORMAT_IDS) {
      const keys = Object.keys(TARGET_OPTIONS_SCHEMAS[format].shape);
      expect(TARGET_OPTION_SETTINGS[format].map((s) => s.key).sort()).toEqual([...keys].sort());
      for (const s of TARGET_OPTION_SETTINGS[format]) {
        expect(s.label.zh && s.label.en && s.description.zh && s.description.en).toBeTruthy();
      }
    }
    // The defaults the panel shows are the ones the schemas fill in.
    const filled = parseTargetOptions('u8-voucher-xml', { sender: 'x', preparer: 'y' });
    const defaults: Record<string, Record<string, unknown>> = {
      'kingdee-gl-voucher': defaultTargetOptions('kingdee-gl-voucher'),
      'u8-voucher-xml': filled.ok ? filled.options : {},
      'journal-json': defaultTargetOptions('journal-json'),
      csv: defaultTargetOptions('csv'),
    };
    for (const format of TARGET_FORMAT_IDS) {
      for (const s of TARGET_OPTION_SETTINGS[format]) {
        if (s.default !== undefined) expect([format, s.key, defaults[format][s.key]]).toEqual([format, s.key, s.default]);
      }
    }
    expect(TARGET_OPTION_SETTINGS['u8-voucher-xml'].find((s) => s.key === 'sender')).toMatchObject({ required: true });
    expect(TARGET_OPTION_SETTINGS['u8-voucher-xml'].find((s) => s.key === 'sender')?.default).toBeUndefined();
  });
});

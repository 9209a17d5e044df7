import { describe, expect, it } from 'vitest';
import { headerSettingValue } from './field-sources';
import { voucherWordText } from './voucher-word';

describe('the voucher word as a finance reader reads it', () => {
  it('puts the word before the Kingdee group number', () => {
    expect(voucherWordText('kingdee-gl-voucher', 'PRE001')).toBe('记 (PRE001)');
    expect(voucherWordText('kingdee-gl-voucher', 'PRE002')).toBe('收 (PRE002)');
    expect(voucherWordText('kingdee-gl-voucher', 'PRE003')).toBe('付 (PRE003)');
    expect(voucherWordText('kingdee-gl-voucher', 'PRE004')).toBe('转 (PRE004)');
  });

  it('keeps a group number it does not know, U8’s word, and nothing as nothing', () => {
    expect(voucherWordText('kingdee-gl-voucher', 'ZDY01')).toBe('ZDY01');
    expect(voucherWordText('u8-voucher-xml', '记')).toBe('记');
    expect(voucherWordText('kingdee-gl-voucher', '')).toBeNull();
    expect(voucherWordText('kingdee-gl-voucher', null)).toBeNull();
  });

  it('reads the settings’ group or type', () => {
    const target = (format: string, options: unknown) => ({ target: { format, options } as never });
    expect(headerSettingValue(target('kingdee-gl-voucher', { voucherGroup: 'PRE002' }), 'voucherWord')).toBe('PRE002');
    expect(headerSettingValue(target('u8-voucher-xml', { voucherType: '记' }), 'voucherWord')).toBe('记');
    expect(headerSettingValue(target('journal-json', {}), 'voucherWord')).toBeNull();
    expect(headerSettingValue(target('journal-json', null), 'voucherWord')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { settingsVoucherWord, voucherWordText } from './voucher-word';

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
    expect(settingsVoucherWord({ voucherGroup: 'PRE001' })).toBe('PRE001');
    expect(settingsVoucherWord({ voucherType: '记' })).toBe('记');
    expect(settingsVoucherWord({})).toBeNull();
    expect(settingsVoucherWord(null)).toBeNull();
  });
});

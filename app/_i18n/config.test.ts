import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './config';
import { createTranslator, MESSAGES } from './messages';

describe('negotiateLocale', () => {
  it('follows the browser by q-weight among the two UI languages', () => {
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(negotiateLocale('de-DE,zh-TW;q=0.5,en;q=0.7')).toBe('en');
    expect(negotiateLocale('zh-TW')).toBe('zh-CN');
  });

  it('falls back to English for other languages and to Chinese without a header', () => {
    expect(negotiateLocale('ja-JP,de;q=0.5')).toBe('en');
    expect(negotiateLocale(null)).toBe('zh-CN');
    expect(negotiateLocale('')).toBe('zh-CN');
  });
});

describe('translator', () => {
  it('fills placeholders in both languages', () => {
    expect(createTranslator(MESSAGES['zh-CN'])('voucher.sourceRow', { row: 2 })).toBe('第 2 行');
    expect(createTranslator(MESSAGES.en)('voucher.sourceRow', { row: 2 })).toBe('row 2');
  });
});

import { describe, expect, it } from 'vitest';
import { pickLabel } from '../_i18n/messages';
import { sampleLabel } from './sample-label';

describe('sample names in the UI language', () => {
  it('names a demo sample in English and in Chinese', () => {
    expect(sampleLabel('张伟 差旅费报销 2496.00 (DingTalk)', (l) => pickLabel(l, 'en'))).toBe('Zhang Wei – travel expense claim 2496.00 (DingTalk)');
    expect(sampleLabel('张伟 差旅费报销 2496.00 (WeCom)', (l) => pickLabel(l, 'zh-CN'))).toBe('张伟 差旅费报销 2496.00 (WeCom)');
  });

  it('keeps the name someone gave their own sample', () => {
    expect(sampleLabel('March claim, Li Na', (l) => pickLabel(l, 'zh-CN'))).toBe('March claim, Li Na');
  });
});

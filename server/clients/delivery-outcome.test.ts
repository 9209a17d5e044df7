import { describe, expect, it } from 'vitest';
import { classifyOutbound, keepResponseText, RESPONSE_TEXT_LIMIT } from './delivery-outcome';
import type { OutboundFailureReason, OutboundResult } from './http';

const reply = (status: number, extra: Partial<Extract<OutboundResult, { kind: 'response' }>> = {}): OutboundResult => ({
  kind: 'response',
  status,
  headers: {},
  bodyText: `reply ${status}`,
  durationMs: 5,
  ...extra,
});
const failed = (reason: OutboundFailureReason, sent: boolean): OutboundResult => ({ kind: 'failed', reason, sent, message: `${reason} happened`, durationMs: 5 });

describe('classifyOutbound', () => {
  it.each([
    [200, 'delivered'],
    [201, 'delivered'],
    [204, 'delivered'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [400, 'dead'],
    [401, 'dead'],
    [404, 'dead'],
    [409, 'dead'],
    [422, 'dead'],
    [301, 'dead'],
    [302, 'dead'],
  ])('HTTP %i → %s, reply kept', (status, outcome) => {
    const c = classifyOutbound(reply(status));
    expect(c).toMatchObject({ outcome, httpStatus: status, responseText: `reply ${status}` });
  });

  it('passes Retry-After on for retryable answers', () => {
    expect(classifyOutbound(reply(429, { retryAfterMs: 2000 }))).toMatchObject({ outcome: 'retry', retryAfterMs: 2000 });
    expect(classifyOutbound(reply(503, { retryAfterMs: 0 }))).toMatchObject({ outcome: 'retry', retryAfterMs: 0 });
    expect(classifyOutbound(reply(400, { retryAfterMs: 2000 })).retryAfterMs).toBeUndefined();
  });

  it.each([
    ['dns', false, 'retry'],
    ['connect', false, 'retry'],
    ['timeout', false, 'retry'],
    ['reset', false, 'retry'],
    ['timeout', true, 'unknown'],
    ['reset', true, 'unknown'],
    ['too_large', true, 'unknown'],
    ['refused_address', false, 'dead'],
    ['bad_url', false, 'dead'],
  ] as const)('%s (sent: %s) → %s', (reason, sent, outcome) => {
    expect(classifyOutbound(failed(reason, sent))).toMatchObject({ outcome, error: `${reason} happened` });
  });
});

describe('keepResponseText', () => {
  it('keeps short replies whole and cuts long ones to 64 KB without splitting a character', () => {
    expect(keepResponseText('凭证已成功保存')).toBe('凭证已成功保存');
    const long = '凭'.repeat(40_000); // 3 bytes each: 120,000 bytes
    const kept = keepResponseText(long);
    expect(Buffer.byteLength(kept, 'utf8')).toBeLessThanOrEqual(RESPONSE_TEXT_LIMIT);
    expect(kept).toMatch(/^凭+\n…\[truncated\]$/);
  });
});

import { describe, expect, it } from 'vitest';
import { RETRY_CAP_MS, retryDelayMs, retryPolicyFromEnv } from './retry-policy';

const policy = { retryBaseMs: 2000, retryCapMs: RETRY_CAP_MS };

describe('retryDelayMs', () => {
  it('draws from the whole range 0..min(cap, base·2^(attempt−1))', () => {
    expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(0);
    expect(retryDelayMs(policy, 1, undefined, () => 0.999999)).toBe(2000);
    expect(retryDelayMs(policy, 4, undefined, () => 0.999999)).toBe(16_000);
    expect(retryDelayMs(policy, 4, undefined, () => 0.25)).toBe(4000);
    // 2000·2^9 = 1 024 000 ms is past the 10-minute cap
    expect(retryDelayMs(policy, 10, undefined, () => 0.999999)).toBe(600_000);
    expect(retryDelayMs(policy, 5000, undefined, () => 0.999999)).toBe(600_000);
  });

  it('spreads real random delays over the range', () => {
    const delays = Array.from({ length: 2000 }, () => retryDelayMs(policy, 3));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000);
    // full jitter, not "half plus jitter": some land in the lowest and the highest tenth
    expect(delays.some((d) => d < 800)).toBe(true);
    expect(delays.some((d) => d > 7200)).toBe(true);
  });

  it('never comes back before Retry-After, even past the cap', () => {
    expect(retryDelayMs(policy, 1, 30_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(policy, 5, 1_000, () => 0.5)).toBe(16_000);
    expect(retryDelayMs(policy, 1, 3_600_000, () => 0.5)).toBe(3_600_000);
    expect(retryDelayMs(policy, 1, 1500.2, () => 0)).toBe(1501);
  });
});

describe('retryPolicyFromEnv', () => {
  it('defaults to 2 s base, 8 attempts, 10-minute cap', () => {
    expect(retryPolicyFromEnv({})).toEqual({ retryBaseMs: 2000, maxAttempts: 8, retryCapMs: 600_000 });
  });

  it('reads the overrides tests use', () => {
    expect(retryPolicyFromEnv({ LEDGERLINK_RETRY_BASE_MS: '5', LEDGERLINK_MAX_ATTEMPTS: ' 3 ' })).toMatchObject({
      retryBaseMs: 5,
      maxAttempts: 3,
    });
  });

  it('refuses values that are not whole numbers in range, naming the variable', () => {
    expect(() => retryPolicyFromEnv({ LEDGERLINK_RETRY_BASE_MS: '2s' })).toThrow(
      'LEDGERLINK_RETRY_BASE_MS must be a whole number from 0 to 600000; got "2s"',
    );
    expect(() => retryPolicyFromEnv({ LEDGERLINK_MAX_ATTEMPTS: '0' })).toThrow(
      'LEDGERLINK_MAX_ATTEMPTS must be a whole number from 1 to 1000; got 0',
    );
    expect(() => retryPolicyFromEnv({ LEDGERLINK_MAX_ATTEMPTS: '-1' })).toThrow('LEDGERLINK_MAX_ATTEMPTS');
    expect(() => retryPolicyFromEnv({ LEDGERLINK_MAX_ATTEMPTS: '2.5' })).toThrow('LEDGERLINK_MAX_ATTEMPTS');
  });
});

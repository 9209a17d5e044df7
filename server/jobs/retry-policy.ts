/**
 * When a failed job runs again, and how many times it may try. Retries use capped exponential backoff with FULL
 * jitter: a random delay anywhere between 0 and the capped exponential, so a burst of jobs that failed together
 * (a finance system that was down) comes back spread out instead of as a second burst.
 */

export interface RetryPolicy {
  /** the first retry's upper bound; doubled per attempt */
  retryBaseMs: number;
  /** no single wait is longer (a Retry-After may still ask for more) */
  retryCapMs: number;
  /** attempts before a job is dead */
  maxAttempts: number;
}

export const DEFAULT_RETRY_BASE_MS = 2000;
export const DEFAULT_MAX_ATTEMPTS = 8;
export const RETRY_CAP_MS = 10 * 60 * 1000;

/** Reads LEDGERLINK_RETRY_BASE_MS and LEDGERLINK_MAX_ATTEMPTS (tests shorten them); a bad value stops start-up. */
export function retryPolicyFromEnv(env: Record<string, string | undefined> = process.env): RetryPolicy {
  return {
    retryBaseMs: intSetting(env, 'LEDGERLINK_RETRY_BASE_MS', DEFAULT_RETRY_BASE_MS, 0, RETRY_CAP_MS),
    retryCapMs: RETRY_CAP_MS,
    maxAttempts: intSetting(env, 'LEDGERLINK_MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS, 1, 1000),
  };
}

function intSetting(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim();
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  const n = Number(text);
  if (n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}; got ${n}`);
  return n;
}

/**
 * The wait before the next attempt after attempt number `attempt` (1-based) failed:
 * random(0, min(cap, base·2^(attempt−1))), and never less than the finance system's Retry-After.
 */
export function retryDelayMs(
  policy: Pick<RetryPolicy, 'retryBaseMs' | 'retryCapMs'>,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  // 2^(attempt−1) overflows to Infinity for absurd attempt counts; min() with the cap keeps it finite.
  const ceiling = Math.min(policy.retryCapMs, policy.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * (ceiling + 1));
  const floor = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? Math.ceil(retryAfterMs) : 0;
  return Math.max(Math.min(jittered, ceiling), floor);
}

/**
 * What a job handler throws to steer its job. Any other error is retried with backoff, like RetryLater without a
 * Retry-After: a bug that fails every time still ends dead after the queue's maxAttempts.
 */

/** Try again later: the finance system is down, answered 429/5xx, timed out. */
export class RetryLater extends Error {
  constructor(
    message: string,
    /** the remote side's Retry-After, in ms: the next attempt comes no earlier */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/** Trying again cannot help (a 4xx refusal, a deleted mapping): the job is dead at once, its error kept. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

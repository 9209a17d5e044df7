/**
 * Retry-After (RFC 9110 §10.2.3) as milliseconds from now: either delay-seconds ("120") or an HTTP-date
 * ("Wed, 21 Oct 2015 07:28:00 GMT"). A date in the past means "now" (0). Anything else is ignored (undefined)
 * so a malformed header falls back to our own backoff instead of a made-up wait.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // The three HTTP-date forms all start with a weekday; Date.parse alone would accept looser text. asctime
  // ("Sun Nov  6 08:49:37 1994") carries no zone but means GMT, which Date.parse would read as local time.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

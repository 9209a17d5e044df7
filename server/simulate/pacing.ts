/**
 * Sends at a steady rate: message i starts at start + i/R, whatever the answers' latency (an open loop, as real
 * OA systems push), so R holds over the whole run instead of bursting R messages and then sleeping. A cap on
 * messages in flight keeps a stalled server from piling up sockets; while it binds, sending falls behind the
 * schedule and the achieved rate says so.
 */

export interface PacedRun {
  /** When the first and the last message started (ms, performance clock). */
  firstStartMs: number;
  lastStartMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function paced(count: number, ratePerS: number, maxInFlight: number, send: (index: number) => Promise<void>): Promise<PacedRun> {
  if (!(ratePerS > 0) || !Number.isFinite(ratePerS)) throw new Error(`the rate must be a positive number of messages per second, got ${ratePerS}`);
  const intervalMs = 1000 / ratePerS;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let firstStartMs = start;
  let lastStartMs = start;
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const now = performance.now();
    if (i === 0) firstStartMs = now;
    lastStartMs = now;
    // `send` reports its own outcome; a throw here would be a bug in the caller, kept from stopping the others.
    const p: Promise<void> = send(i)
      .catch(() => {})
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { firstStartMs, lastStartMs };
}

/** The rate achieved: messages over the time their starts spanned, plus the one interval the last one owns. */
export function achievedRate(count: number, ratePerS: number, run: PacedRun): number {
  if (count === 0) return 0;
  const seconds = (run.lastStartMs - run.firstStartMs) / 1000 + 1 / ratePerS;
  return Math.round((count / seconds) * 100) / 100;
}

/**
 * A small seeded pseudo-random generator for the simulator: the same seed gives the same claims on every machine
 * and Node version (Math.random cannot be seeded). sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded from
 * the seed text through FNV-1a and a splitmix32 mixer, passes PractRand far beyond the few thousand draws a
 * simulated run makes. Not for anything secret.
 */

/** FNV-1a over the UTF-16 code units of the seed text: any string or number names a stream. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32: spreads one 32-bit seed over the four words of sfc32's state, so near seeds give unrelated streams. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** `count` distinct indexes of [0, n), in random order. */
  sample(n: number, count: number): number[];
  /** `n` characters drawn from the alphabet. */
  text(n: number, alphabet: string): string;
}

export function createPrng(seed: string | number): Prng {
  const mix = { s: fnv1a(String(seed)) };
  let a = splitmix32(mix);
  let b = splitmix32(mix);
  let c = splitmix32(mix);
  let d = splitmix32(mix);
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up: the first outputs of a counter-based generator still show their seed.
  for (let i = 0; i < 12; i++) u32();

  const prng: Prng = {
    next: () => u32() / 0x1_0000_0000,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new Error(`prng.int needs whole numbers min ≤ max, got ${min}, ${max}`);
      return min + Math.floor(prng.next() * (max - min + 1));
    },
    chance: (p) => prng.next() < p,
    pick(list) {
      if (list.length === 0) throw new Error('prng.pick needs a non-empty list');
      return list[prng.int(0, list.length - 1)];
    },
    sample(n, count) {
      const all = Array.from({ length: n }, (_, i) => i);
      const k = Math.min(count, n);
      // A partial Fisher–Yates shuffle: only the first k places are drawn.
      for (let i = 0; i < k; i++) {
        const j = prng.int(i, n - 1);
        [all[i], all[j]] = [all[j], all[i]];
      }
      return all.slice(0, k);
    },
    text: (n, alphabet) => Array.from({ length: n }, () => alphabet[prng.int(0, alphabet.length - 1)]).join(''),
  };
  return prng;
}

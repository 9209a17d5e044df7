import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromMs, parseInstantText } from './time';

const MIN_MS = -62135596800000; // 0001-01-01
const MAX_MS = 253402300799999; // 9999-12-31T23:59:59.999Z
const viaDate = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('isoFromMs', () => {
  it('writes what toISOString writes, without .000', () => {
    fc.assert(fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), (ms) => {
          expect(isoFromMs(ms)).toBe(viaDate(ms));
        }), { numRuns: 5000 });
    expect(isoFromMs(MAX_MS + 1)).toBeNull();
    expect(isoFromMs(NaN)).toBeNull();
  });
});

describe('parseInstantText', () => {
  it('reads UTC times as the instant they name', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), fc.constantFrom(24, 19, 16), (ms, length) => {
        // Cut to milliseconds, seconds or minutes (DingTalk v1.0 sends minutes), lower-case z for the minutes.
        const iso = new Date(ms).toISOString();
        const text = length === 24 ? iso : `${iso.slice(0, length)}${length === 16 ? 'z' : 'Z'}`;
        expect(parseInstantText(text)).toBe(viaDate(Date.parse(text.toUpperCase())));
      }),
      { numRuns: 5000 },
    );
  });
  it('refuses impossible UTC times and reads zoned and Beijing local ones', () => {
    expect(parseInstantText('2025-02-29T08:40Z')).toBeNull();
    expect(parseInstantText('2025-03-15T24:00Z')).toBeNull();
    expect(parseInstantText('0000-01-01T00:00Z')).toBeNull();
    expect(parseInstantText(' 2025-03-15T08:40Z ')).toBe('2025-03-15T08:40:00Z');
    expect(parseInstantText('2025-03-15T08:40:05.5Z')).toBe('2025-03-15T08:40:05.500Z');
    expect(parseInstantText('2025-03-15T16:40:05+08:00')).toBe('2025-03-15T08:40:05Z');
    expect(parseInstantText('2025-03-15 16:40:05')).toBe('2025-03-15T08:40:05Z');
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findPlainJsonProblem, findUnsafeKey, plainJson, type PlainJsonLimits } from './plain-json';

const LIMITS: PlainJsonLimits = { maxBytes: 1000, maxDepth: 4, maxValues: 50 };
const problem = (v: unknown, limits = LIMITS) => findPlainJsonProblem(v, limits);

describe('plain JSON that can be stored and read back', () => {
  it('accepts objects, lists, text, numbers, booleans, null, and an absent optional field', () => {
    expect(problem({ a: [1, 'x', true, null], b: { c: -1.5 }, d: undefined })).toBeNull();
    // The same object twice (not inside itself) is fine: JSON writes it twice.
    const shared = { x: 1 };
    expect(problem({ a: shared, b: shared })).toBeNull();
  });

  it.each([
    ['a constructor key', { p: { constructor: 1 } }, ['p', 'constructor'], /the key "constructor" is not allowed/],
    ['a __proto__ key', JSON.parse('{"a":[{"__proto__":1}]}'), ['a', 0, '__proto__'], /the key "__proto__"/],
    ['a prototype key', { prototype: 'x' }, ['prototype'], /the key "prototype"/],
    ['a BigInt', { n: 10n }, ['n'], /is a BigInt/],
    ['a Date', { d: new Date(0) }, ['d'], /is a Date/],
    ['a Map', { m: new Map() }, ['m'], /is a Map/],
    ['NaN', { x: Number.NaN }, ['x'], /NaN is not a number JSON can store/],
    ['undefined in a list', { x: [1, undefined] }, ['x', 1], /undefined/],
    ['nesting too deep', { a: { b: { c: { d: { e: 1 } } } } }, ['a', 'b', 'c', 'd'], /nests deeper than 4 levels/],
    ['too many bytes', { s: 'x'.repeat(1000) }, ['s'], /larger than 1 KB as JSON/],
    ['too many values', { list: Array.from({ length: 60 }, () => 0) }, ['list', 48], /more than 50 values/],
  ])('refuses %s at its place', (_what, value, path, message) => {
    expect(problem(value)).toEqual({ path, message: expect.stringMatching(message) });
  });

  it('refuses a circular reference at the place that closes the circle', () => {
    const a: Record<string, unknown> = { list: [] };
    (a.list as unknown[]).push({ back: a });
    expect(problem(a)).toEqual({ path: ['list', 0, 'back'], message: expect.stringMatching(/circular reference/) });
  });

  it('counts bytes as UTF-8 (Chinese text is three bytes a character)', () => {
    expect(problem({ s: '星'.repeat(320) })).toBeNull();
    expect(problem({ s: '星'.repeat(340) })?.message).toMatch(/larger than/);
    // An emoji is two UTF-16 code units and four UTF-8 bytes.
    expect(problem({ s: '😀'.repeat(245) })).toBeNull();
    expect(problem({ s: '😀'.repeat(250) })?.message).toMatch(/larger than/);
  });

  it('gives zod issues whose path reaches inside the value', () => {
    const schema = z.object({ layout: plainJson(z.custom<object>((v) => typeof v === 'object'), LIMITS) });
    const r = schema.safeParse({ layout: { positions: { constructor: {} } } });
    expect(r.error?.issues[0].path).toEqual(['layout', 'positions', 'constructor']);
  });
});

describe('findUnsafeKey', () => {
  it('finds a reserved key at any depth JSON.parse accepts, without recursion', () => {
    const deep = JSON.parse('{"a":'.repeat(100_000) + '{"constructor":1}' + '}'.repeat(100_000));
    const found = findUnsafeKey(deep);
    expect(found?.path).toHaveLength(100_001);
    expect(found?.path.at(-1)).toBe('constructor');
    expect(findUnsafeKey({ a: [{ b: 1 }, 'constructor'] })).toBeNull();
  });
});

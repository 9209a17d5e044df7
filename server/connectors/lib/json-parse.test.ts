import { isLosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { parseJson } from './json-parse';

const numberText = (v: unknown) => (isLosslessNumber(v) ? v.value : undefined);

describe('parseJson: every digit, linear time, no fallback to floats', () => {
  it('keeps a 19-digit amount, exponents and negative figures as written', () => {
    const r = parseJson('{"a":12345678901234567.89,"b":[1.10,-2.5e3,"7"]}');
    if (!r.ok) throw new Error(r.reason);
    const v = r.value as { a: unknown; b: unknown[] };
    expect(numberText(v.a)).toBe('12345678901234567.89');
    expect(v.b.slice(0, 2).map(numberText)).toEqual(['1.10', '-2.5e3']);
    expect(v.b[2]).toBe('7');
  });

  it('text holding private-use characters, raw or escaped, is never mistaken for a number', () => {
    const r = parseJson('{"raw":"\uE0001.5","escaped":"\\uE0002.5","n":3.10}');
    if (!r.ok) throw new Error(r.reason);
    const v = r.value as Record<string, unknown>;
    expect(v.raw).toBe('\uE0001.5');
    expect(v.escaped).toBe('\uE0002.5');
    expect(numberText(v.n)).toBe('3.10');
  });

  it('text holding every private-use character still parses losslessly (the slow exact path)', () => {
    let all = '';
    for (let c = 0xe000; c <= 0xf8ff; c++) all += String.fromCharCode(c);
    const r = parseJson(JSON.stringify({ all }).replace('}', ',"n":0.30}'));
    if (!r.ok) throw new Error(r.reason);
    expect((r.value as { all: string }).all).toBe(all);
    expect(numberText((r.value as { n: unknown }).n)).toBe('0.30');
  });

  it('a __proto__ key holding a number stays plain data', () => {
    const r = parseJson('{"__proto__":5,"x":{"__proto__":{"polluted":1}}}');
    if (!r.ok) throw new Error(r.reason);
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(numberText(Object.getOwnPropertyDescriptor(v, '__proto__')!.value)).toBe('5');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('scalars at the top level', () => {
    for (const [text, expected] of [['null', null], ['true', true], ['"x"', 'x']] as const) {
      const r = parseJson(text);
      expect(r).toEqual({ ok: true, value: expected });
    }
    const n = parseJson('12.30');
    expect(n.ok && numberText(n.value)).toBe('12.30');
  });

  it('a 5 MB text field is read in a time of the order of JSON.parse, not character by character', () => {
    const text = `{"remark":"${'x'.repeat(5_000_000)}","amount":1.25}`;
    const t0 = performance.now();
    JSON.parse(text);
    const native = performance.now() - t0;
    const t1 = performance.now();
    const r = parseJson(text);
    const ours = performance.now() - t1;
    expect(r.ok).toBe(true);
    // lossless-json alone takes ~100× JSON.parse here; the tagged path stays within a small multiple.
    expect(ours).toBeLessThan(Math.max(25 * native, 400));
  });

  it('refuses nesting deeper than any payload with the place, without throwing', () => {
    const r = parseJson(`[${'['.repeat(5000)}${']'.repeat(5000)}]`);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/nested \d+ levels deep/) });
  });

  it('text with no number at all reads as the native parse does; strings that look like numbers stay strings', () => {
    const text = '{"a":"1280.00","b":["2,496.00","12:40"],"c":{"d":true,"e":null}}';
    expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('a duplicate key beside a string starting with U+E000: the later number wins and the string stays text', () => {
    const r = parseJson('{"a":1.10,"a":2.20,"b":"\\uE0003.30","c":"\uE0004.40"}');
    if (!r.ok) throw new Error(r.reason);
    const v = r.value as Record<string, unknown>;
    expect(numberText(v.a)).toBe('2.20');
    expect(v.b).toBe('\uE0003.30');
    expect(v.c).toBe('\uE0004.40');
  });

  it('a string starting with U+E000 that is no number lexeme does not stop the parse', () => {
    const r = parseJson('{"x":"\\uE000abc","n":[5.50,"\uE000"]}');
    if (!r.ok) throw new Error(r.reason);
    const v = r.value as { x: string; n: unknown[] };
    expect(v.x).toBe('\uE000abc');
    expect(numberText(v.n[0])).toBe('5.50');
    expect(v.n[1]).toBe('\uE000');
  });
});


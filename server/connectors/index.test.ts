import { describe, expect, it } from 'vitest';
import { CONNECTORS, getConnector, MAX_PAYLOAD_BYTES, parseJsonPayload } from './index';
import { LosslessNumber } from 'lossless-json';
import { isObj, locateJsonError, own, parseJson, safeJson } from './lib/json';
import { dateAtOffset, parseEpoch, parseInstantText, parseIsoInstant, parseLocalDateTime } from './lib/time';
import { decimalValue, textValue } from './lib/values';

describe('connector registry', () => {
  it('lists the four connectors by id', () => {
    expect(Object.keys(CONNECTORS)).toEqual(['dingtalk', 'feishu', 'wecom', 'generic']);
    for (const [id, c] of Object.entries(CONNECTORS)) {
      expect(c.id).toBe(id);
      expect(c.label.zh && c.label.en).toBeTruthy();
    }
    expect(getConnector('feishu')).toBe(CONNECTORS.feishu);
    expect(getConnector('toString')).toBeUndefined();
    expect(getConnector('weaver')).toBeUndefined();
  });
});

describe('parseJsonPayload', () => {
  it('parses JSON, ignoring a byte-order mark', () => {
    expect(parseJsonPayload('\ufeff{"a":[1]}')).toEqual({ ok: true, value: { a: [new LosslessNumber('1')] } });
  });
  it('keeps every digit of a JSON number, also when the text holds U+E000', () => {
    for (const text of ['{"amount":12345678901234567.89}', '{"note":"\ue000","amount":12345678901234567.89}', '{"note":"\\ue000","amount":12345678901234567.89}']) {
      const r = parseJsonPayload(text);
      if (!r.ok) throw new Error(r.error.message);
      expect(String(own(r.value, 'amount'))).toBe('12345678901234567.89');
    }
  });
  it('refuses 100k-deep nesting with a reason and a position, without throwing', () => {
    const r = parseJsonPayload(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^not JSON: nested 100001 levels deep.* at position 100004$/) } });
  });
  it.each([
    ['{"a":}', 5],
    ['[1,2', 4],
    ['{"a":1}x', 7],
    ['', 0],
    ['{a:1}', 1],
    ['"\u0001"', 1],
    ['[1,]', 3],
    ['{"a":tru}', 5],
  ])('reports %j as not JSON at position %d', (text, position) => {
    const r = parseJsonPayload(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('json');
      expect(r.error.message).toMatch(new RegExp(`^not JSON: .+ at position ${position}$`));
    }
  });
  it('refuses bodies above 5 MB, counting UTF-8 bytes', () => {
    const atLimit = `"${'a'.repeat(MAX_PAYLOAD_BYTES - 2)}"`;
    expect(parseJsonPayload(atLimit).ok).toBe(true);
    expect(parseJsonPayload(`${atLimit} `)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than 5 MB/) } });
    expect(parseJsonPayload(`"${'中'.repeat(2_000_000)}"`).ok).toBe(false); // 2 M chars, 6 MB
    expect(parseJsonPayload(`"${'中'.repeat(1_500_000)}"`).ok).toBe(true); // 4.5 MB
  });
  it('never throws on non-strings', () => {
    expect(parseJsonPayload(42 as unknown as string).ok).toBe(false);
  });
});

describe('helpers', () => {
  it('locates JSON errors inside deep nesting without recursion', () => {
    const deep = '['.repeat(200_000) + '}';
    expect(locateJsonError(deep)).toMatchObject({ position: 200_000 });
  });
  it('keeps the source text of JSON numbers, which are scalars, not objects with keys', () => {
    const r = parseJson('{"a":[1.50,{"b":-0.0}],"s":"1.0"}');
    if (!r.ok) throw new Error('parse');
    const v = r.value as { a: [LosslessNumber, { b: LosslessNumber }]; s: string };
    expect(v.a[0].value).toBe('1.50');
    expect(v.a[1].b.value).toBe('-0.0');
    expect(v.s).toBe('1.0');
    expect(isObj(v.a[0])).toBe(false);
    expect(own(v.a[0], 'value')).toBeUndefined();
  });
  it('keeps __proto__ and constructor keys as plain data; a later duplicate key wins, as in JSON.parse', () => {
    const r = parseJson('{"__proto__":{"polluted":1},"constructor":"x","k":1,"k":2}');
    if (!r.ok) throw new Error('parse');
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(own(own(r.value, '__proto__'), 'polluted')).toEqual(new LosslessNumber('1'));
    expect(own(r.value, 'constructor')).toBe('x');
    expect(String(own(r.value, 'k'))).toBe('2');
  });
  it('writes JSON numbers back with every digit, even when the data holds the placeholder', () => {
    const r = parseJson('{"a":12345678901234567.89,"b":[1.50]}');
    if (!r.ok) throw new Error('parse');
    expect(safeJson(r.value)).toBe('{"a":12345678901234567.89,"b":[1.50]}');
    const marked = parseJson('{"a":12345678901234567.89,"m":"\ue000#"}');
    if (!marked.ok) throw new Error('parse');
    expect(safeJson(marked.value)).toBe('{"a":"12345678901234567.89","m":"\ue000#"}');
  });
  it('reads times', () => {
    expect(parseInstantText('2025-03-15T08:40Z')).toBe('2025-03-15T08:40:00Z');
    expect(parseInstantText('2025-03-15T17:30Z')).toBe('2025-03-15T17:30:00Z');
    expect(dateAtOffset(Date.parse('2025-03-15T17:30Z'))).toBe('2025-03-16'); // the README's example
    expect(parseInstantText('2025-03-15 16:40:05')).toBe('2025-03-15T08:40:05Z');
    expect(parseInstantText('2025-03-15T16:40:05.250+08:00')).toBe('2025-03-15T08:40:05.250Z');
    expect(parseIsoInstant('2024-02-29T00:00:00+08:00')?.localDate).toBe('2024-02-29');
    for (const bad of ['2025-02-29T00:00Z', '2025-13-01T00:00Z', '2025-03-15T24:00Z', '2025-03-15', 'now']) expect(parseInstantText(bad)).toBeNull();
    expect(parseLocalDateTime('0099-01-01 08:00:00')).toBe(new Date('0099-01-01T00:00:00Z').getTime()); // not 1999
    expect(parseEpoch('1742028005000', 'ms')).toEqual({ ok: true, iso: '2025-03-15T08:40:05Z' });
    expect(parseEpoch(1742028005, 's')).toEqual({ ok: true, iso: '2025-03-15T08:40:05Z' });
    expect(parseEpoch('0', 'ms')).toEqual({ ok: true, iso: null });
    expect(parseEpoch('1e3', 'ms').ok).toBe(false);
    expect(parseEpoch(1e20, 's').ok).toBe(false);
  });
  it('reads decimals exactly and text safely', () => {
    expect(decimalValue('1234.5')).toEqual({ value: '1234.5' });
    expect(decimalValue(' 1,234,567.50 ')).toEqual({ value: '1234567.50' });
    expect(decimalValue('1,23')).toMatchObject({ value: '1,23', problem: expect.any(String) });
    expect(decimalValue(105.69)).toEqual({ value: '105.69' });
    expect(decimalValue(Number.NaN).problem).toBeDefined();
    expect(decimalValue({ a: 1 })).toMatchObject({ value: '{"a":1}', problem: expect.any(String) });
    expect(decimalValue('null')).toEqual({ value: null });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(textValue(cyclic)).toBe('[unserialisable value]');
  });
});

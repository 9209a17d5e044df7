import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonOut } from './common';
import { PrettyJson } from './pretty-json';

const written = (v: JsonOut) => {
  const w = new PrettyJson();
  w.value(undefined, v);
  return w.text();
};

describe('PrettyJson', () => {
  it('lays out any JSON value exactly as JSON.stringify(value, null, 2)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(written(v as JsonOut)).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 3000 },
    );
  });

  it('escapes text as JSON.stringify does, lone surrogates and control characters included', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: codeUnit }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(written({ [a]: a, b: [b] })).toBe(JSON.stringify({ [a]: a, b: [b] }, null, 2));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves undefined members out, writes them as null in arrays, and keeps raw number text', () => {
    const w = new PrettyJson();
    w.beginObject();
    w.value('gone', undefined);
    w.raw('amount', '1000.00');
    w.beginArray('list');
    w.value(null, undefined);
    w.raw(null, '0');
    w.end();
    w.beginObject('empty');
    w.end();
    w.value('text', '报销 "quoted"\n\u2028\ud800');
    w.end();
    const expected = JSON.stringify({ amount: 1000, list: [null, 0], empty: {}, text: '报销 "quoted"\n\u2028\ud800' }, null, 2);
    expect(w.text()).toBe(expected.replace('"amount": 1000', '"amount": 1000.00'));
  });

  it('quotes keys that need escaping', () => {
    expect(written({ 'a"b': 1 === 1, '\u0000': null, __proto__x: 'y' })).toBe(JSON.stringify({ 'a"b': true, '\u0000': null, __proto__x: 'y' }, null, 2));
  });
});

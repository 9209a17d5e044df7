/**
 * normalize and inferTemplate never throw, whatever they are given: random JSON, random JS values, and
 * hostile mutations of the real samples (including inside their JSON-encoded strings).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldType, FormCell } from '../engine/form-record';
import { CONNECTORS } from './index';
import type { Connector, ConnectorOptions } from './types';

const root = path.resolve(__dirname, '../..');
const load = (p: string) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const SAMPLES: [Connector, string][] = [
  [CONNECTORS.dingtalk, 'db/seed/payloads/dingtalk-instance.json'],
  [CONNECTORS.dingtalk, 'server/connectors/fixtures/dingtalk-instance-topapi.json'],
  [CONNECTORS.feishu, 'db/seed/payloads/feishu-instance.json'],
  [CONNECTORS.wecom, 'db/seed/payloads/wecom-approval-detail.json'],
  [CONNECTORS.generic, 'db/seed/payloads/feishu-instance.json'],
];
const TYPES = new Set<FieldType>(['text', 'number', 'money', 'date', 'datetime', 'option', 'options', 'person', 'department', 'attachment', 'table', 'unknown']);

function checkCell(c: FormCell, inTable: boolean) {
  expect(TYPES.has(c.type)).toBe(true);
  if (c.type === 'number' || c.type === 'money' || c.type === 'text' || c.type === 'unknown' || c.type === 'date' || c.type === 'datetime') {
    expect(c.value === null || typeof c.value === 'string').toBe(true);
  }
  if (c.type === 'table') {
    expect(inTable).toBe(false);
    expect(Array.isArray(c.value)).toBe(true);
    for (const row of c.value as Record<string, FormCell>[]) {
      expect(Object.getPrototypeOf(row)).toBeNull();
      for (const k of Object.keys(row)) checkCell(row[k], true);
    }
  }
}

/** Runs both entry points; they must return, and what they return must be well-formed. */
function assertSafe(c: Connector, payload: unknown, options?: ConnectorOptions) {
  const r = c.normalize(payload, options);
  if (r.ok) {
    expect(() => JSON.stringify(r.record)).not.toThrow();
    expect(Object.getPrototypeOf(r.record.fields)).toBeNull();
    for (const k of Object.keys(r.record.fields)) checkCell(r.record.fields[k], false);
    expect(r.record.warnings.every((w) => typeof w === 'string')).toBe(true);
  } else {
    expect(r.error.kind).toBe('shape');
    expect(typeof r.error.path).toBe('string');
    expect(typeof r.error.message).toBe('string');
  }
  const t = c.inferTemplate(payload, options);
  expect(() => JSON.stringify(t)).not.toThrow();
}

/** JSON strings that hold objects/arrays become `{ [ENC]: parsed }` so mutations reach inside them. */
const ENC = '\u0000json';
function explode(v: unknown): unknown {
  if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
    try {
      return { [ENC]: explode(JSON.parse(v)) };
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map(explode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, explode(x)]));
  return v;
}
function implode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(implode);
  if (v && typeof v === 'object') {
    if (Object.keys(v).length === 1 && ENC in v) return JSON.stringify(implode((v as Record<string, unknown>)[ENC]));
    const out: Record<string, unknown> = JSON.parse('{}');
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: implode(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
function slots(v: unknown): [Record<string | number, unknown>, string | number][] {
  const out: [Record<string | number, unknown>, string | number][] = [];
  const stack = [v];
  while (stack.length) {
    const node = stack.pop();
    if (node && typeof node === 'object') {
      for (const k of Object.keys(node)) {
        out.push([node as Record<string, unknown>, Array.isArray(node) ? Number(k) : k]);
        stack.push((node as Record<string, unknown>)[k]);
      }
    }
  }
  return out;
}

const DELETE = Symbol('delete');
const BIG = 'x'.repeat(1_000_000);
const hostileScalar = fc.constantFrom<unknown>(
  DELETE, null, 'null', '', ' ', '0', '-1', 'NaN', 'Infinity', '1e999', '[', '{"a":', '[{"rowValue":5}]', '[[1]]', '[null]',
  '__proto__', 'constructor', '\u0000\u001f\u007f\u2028', '2025-02-30', '9999999999999999999999', -0, 1e308, -1, 0.1, 2 ** 53 + 1,
  BIG, [], {}, [[]], [{}], { __proto__: null }, JSON.parse('{"__proto__":{"polluted":1}}'),
);
const replacement = fc.oneof(hostileScalar, fc.jsonValue({ maxDepth: 3 }));

function mutate(sample: unknown, picks: [number, unknown][]): unknown {
  const doc = explode(sample);
  for (const [n, value] of picks) {
    const all = slots(doc);
    if (!all.length) break;
    const [parent, key] = all[n % all.length];
    if (value === DELETE) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else parent[key] = value;
  }
  return implode(doc);
}

describe('normalize never throws', () => {
  it('on random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      for (const c of Object.values(CONNECTORS)) assertSafe(c, v);
    }), { numRuns: 300 });
  });

  it('on random JS values with hostile keys, null prototypes, sparse arrays, BigInts', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'result', 'data', 'info', 'form', 'value', 'status'));
    const anything = fc.anything({ key, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withBigInt: true, withSparseArray: true, withDate: true, withMap: true, withSet: true, maxDepth: 4 });
    fc.assert(fc.property(anything, anything, (payload, options) => {
      for (const c of Object.values(CONNECTORS)) {
        assertSafe(c, payload);
        assertSafe(c, payload, options as ConnectorOptions);
      }
    }), { numRuns: 200 });
  });

  it.each(SAMPLES.map(([c, p]) => [c.id, p, c] as const))('on hostile mutations of the %s sample %s', (_id, file, c) => {
    const sample = load(file);
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 6 }), (picks) => {
      assertSafe(c, mutate(sample, picks));
    }), { numRuns: 250 });
  });

  it('on random generic configs', () => {
    const sample = load('db/seed/payloads/wecom-approval-detail.json');
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (config) => assertSafe(CONNECTORS.generic, sample, { config })), { numRuns: 200 });
  });

  it('on proxies and getters that throw, cycles, deep nesting, huge and odd strings', () => {
    const trap = () => {
      throw new Error('trap');
    };
    const proxy = new Proxy({}, { get: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
    const getter = Object.defineProperty({}, 'result', { get: trap, enumerable: true });
    const cyclic: Record<string, unknown> = { status: 'approved' };
    cyclic.data = cyclic;
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const badJson = { toJSON: trap };
    // Within the array-length limit of the JS engine but far beyond any form: must not be written out in full.
    const wideSparse: unknown[] = [];
    wideSparse.length = 50_000_000;
    const dt = load('db/seed/payloads/dingtalk-instance.json');
    const fs = load('db/seed/payloads/feishu-instance.json');
    const wc = load('db/seed/payloads/wecom-approval-detail.json');
    const variants: unknown[] = [
      proxy, getter, cyclic, deep, sparse, badJson, { result: proxy }, { data: proxy }, { info: getter },
      { ...dt, result: { ...dt.result, formComponentValues: sparse } },
      { ...dt, result: { ...dt.result, formComponentValues: [{ componentType: 'TextField', id: 'a', value: deep }, { componentType: 'MoneyField', id: 'b', value: badJson }, { componentType: 'TableField', id: 'c', value: `${'['.repeat(100_000)}` }] } },
      { ...dt, result: { ...dt.result, status: BIG, finishTime: BIG } },
      { ...fs, data: { ...fs.data, form: `[${'['.repeat(200_000)}${']'.repeat(200_000)}]` } },
      { ...fs, data: { ...fs.data, form: JSON.stringify([{ id: BIG, name: BIG, type: 'amount', value: BIG }]) } },
      { ...fs, data: { ...fs.data, form: '[{"id":"a","type":"fieldList","value":[[{"id":"b","type":"fieldList","value":[[]]}]]}]' } },
      { ...wc, info: { ...wc.info, apply_data: { contents: [{ control: 'Table', id: 't', value: { children: [{ list: [{ control: 'Table', id: 'u', value: { children: [{ list: [] }] } }] }] } }] } } },
      { ...wc, info: { ...wc.info, sp_status: { valueOf: trap, toString: trap } } },
      { ...wc, info: { ...wc.info, apply_data: { contents: [{ control: 'Mystery', id: 'm', value: { huge: wideSparse } }] } } },
    ];
    for (const v of variants) for (const c of Object.values(CONNECTORS)) {
      assertSafe(c, v);
      assertSafe(c, v, proxy as ConnectorOptions);
      assertSafe(c, v, { config: proxy });
    }
  });
});

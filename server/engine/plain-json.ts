import { z } from 'zod';

/**
 * Free-form JSON the studio stores — a draft's canvas layout, a function node's parameters, a ledger's options —
 * must read back exactly as it was saved. Three kinds of value broke that, and are refused here with their place:
 *
 * - the keys `__proto__`, `constructor` and `prototype`: superjson (tRPC's transformer) refuses to serialise an
 *   object holding one (its guard against prototype pollution), so once stored, every read of the mapping failed;
 * - values JSON has no form for, which superjson decodes from a request but JSON.stringify cannot store: a BigInt,
 *   a Date, a Map or Set, NaN or Infinity, a circular reference;
 * - size: nesting depth, number of values and bytes, bounded so a stored draft can always be stringified, sent and
 *   parsed again without exhausting the stack or the memory.
 *
 * Pure (zod only): the browser checks a draft with the same rules before it sends it.
 */

export interface PlainJsonLimits {
  /** UTF-8 bytes of the value as JSON text (counted as the walk goes, so a huge value is refused early). */
  maxBytes: number;
  /** Levels of objects and arrays below the value itself. */
  maxDepth: number;
  /** Strings, numbers, booleans, nulls, objects and arrays, each counted once per place it appears. */
  maxValues: number;
}

export interface PlainJsonProblem {
  path: (string | number)[];
  message: string;
}

/** Keys superjson will not serialise (and that would reach Object.prototype through naive merging code). */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What a saved draft may hold. The editor's drafts are far below (a 300-node spec is about 150 KB). */
export const DRAFT_LIMITS = {
  spec: { maxBytes: 8 * 1024 * 1024, maxDepth: 32, maxValues: 500_000 },
  layout: { maxBytes: 2 * 1024 * 1024, maxDepth: 16, maxValues: 100_000 },
} as const satisfies Record<string, PlainJsonLimits>;

function unsafeKeyMessage(key: string): string {
  return `the key "${key}" is not allowed (it is reserved in JavaScript and could not be read back); rename it`;
}

/**
 * The first reserved key anywhere in a tree parsed from JSON text (where `__proto__` is an ordinary own key).
 * A loop, not recursion, so any depth JSON.parse accepts is walked; lists of plain values cost one check each.
 */
export function findUnsafeKey(value: unknown): PlainJsonProblem | null {
  // Each entry links to its container instead of carrying a path, so a deep chain costs no copied paths.
  interface Entry {
    node: object;
    up: Entry | null;
    key: string | number;
  }
  const pathOf = (entry: Entry | null, last: string): (string | number)[] => {
    const path: (string | number)[] = [last];
    for (let e = entry; e?.up; e = e.up) path.push(e.key);
    return path.reverse();
  };
  const pending: Entry[] = [];
  if (typeof value === 'object' && value !== null) pending.push({ node: value, up: null, key: '' });
  while (pending.length > 0) {
    const entry = pending.pop()!;
    const { node } = entry;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        if (typeof item === 'object' && item !== null) pending.push({ node: item, up: entry, key: i });
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      if (UNSAFE_KEYS.has(key)) return { path: pathOf(entry, key), message: unsafeKeyMessage(key) };
      const item = (node as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) pending.push({ node: item, up: entry, key });
    }
  }
  return null;
}

class Refused extends Error {
  constructor(readonly problem: PlainJsonProblem) {
    super(problem.message);
  }
}

function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes up to U+07FF, 3 above; a surrogate pair (4 bytes) counts 2 + 2 over its two code units.
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function kindOf(value: object): string {
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name ? `a ${name}` : 'an object of an unknown kind';
}

/** The first thing in `value` that cannot be stored and read back as JSON, or null when there is none. */
export function findPlainJsonProblem(value: unknown, limits: PlainJsonLimits): PlainJsonProblem | null {
  let bytes = 0;
  let values = 0;
  const ancestors = new Set<object>();
  const path: (string | number)[] = [];
  const refuse = (message: string): never => {
    throw new Refused({ path: [...path], message });
  };

  const walk = (v: unknown, depth: number, inArray: boolean): void => {
    if (++values > limits.maxValues) refuse(`holds more than ${limits.maxValues.toLocaleString('en')} values`);
    switch (typeof v) {
      case 'string':
        bytes += utf8Length(v) + 2;
        break;
      case 'number':
        if (!Number.isFinite(v)) refuse(`${v} is not a number JSON can store`);
        bytes += String(v).length;
        break;
      case 'boolean':
        bytes += 5;
        break;
      case 'bigint':
        refuse('is a BigInt, which JSON cannot store: send a number or a decimal string');
        break;
      case 'undefined':
        // An absent optional field is fine; in a list JSON would turn it into null, so it is not what was sent.
        if (inArray) refuse('is undefined, which JSON cannot store in a list: use null');
        break;
      case 'object':
        if (v === null) {
          bytes += 4;
          break;
        }
        walkContainer(v, depth);
        break;
      default:
        refuse(`is ${typeof v === 'function' ? 'a function' : `a ${typeof v}`}, which JSON cannot store`);
    }
    if (bytes > limits.maxBytes) refuse(`is larger than ${sizeText(limits.maxBytes)} as JSON`);
  };

  const walkContainer = (v: object, depth: number): void => {
    if (ancestors.has(v)) refuse('refers back to an object that contains it (a circular reference), which JSON cannot store');
    if (depth >= limits.maxDepth) refuse(`nests deeper than ${limits.maxDepth} levels`);
    const proto = Object.getPrototypeOf(v);
    const isArray = Array.isArray(v) && proto === Array.prototype;
    if (!isArray && proto !== Object.prototype && proto !== null)
      refuse(`is ${kindOf(v)}; only objects, lists, text, numbers, true/false and null can be stored`);
    ancestors.add(v);
    bytes += 2;
    if (isArray) {
      v.forEach((item: unknown, i: number) => {
        path.push(i);
        bytes += 1;
        walk(item, depth + 1, true);
        path.pop();
      });
    } else {
      for (const key of Object.keys(v)) {
        path.push(key);
        if (UNSAFE_KEYS.has(key)) refuse(unsafeKeyMessage(key));
        bytes += utf8Length(key) + 4;
        walk((v as Record<string, unknown>)[key], depth + 1, false);
        path.pop();
      }
    }
    ancestors.delete(v);
  };

  try {
    walk(value, 0, false);
    return null;
  } catch (e) {
    if (e instanceof Refused) return e.problem;
    throw e;
  }
}

/** `a.b.3.c` — the same notation the API uses for input problems. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

/**
 * A zod schema for a free-form value that must be plain JSON within `limits`. The issue's path points at the
 * offending place inside the value, so the API's message reads e.g. `layout.positions.constructor: the key …`.
 */
export function plainJson<T extends z.ZodType>(schema: T, limits: PlainJsonLimits): T {
  return schema.superRefine((value, ctx) => {
    const problem = findPlainJsonProblem(value, limits);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  }) as unknown as T;
}

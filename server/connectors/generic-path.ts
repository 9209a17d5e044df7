/**
 * The JSON-path subset the generic connector understands: `$`, `.key`, `['key']` / `["key"]`, `[0]`, `[*]`
 * and `.*`. Recursive descent, filters, slices, unions and negative indexes are refused with a message,
 * never guessed at. Evaluation reads own properties only.
 */
import { isObj, items, MAX_ITEMS, own } from './lib/json';

export type Segment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };
export type PathParse = { ok: true; segments: Segment[] } | { ok: false; message: string };

const NAME = /[^.[\]\s'"*]+/y;

/**
 * Parses `path`. With `relative` (a table column, read from a row), the root may be `$`, `@` or omitted:
 * `amount`, `$.amount` and `@.amount` are the same column.
 */
export function parsePath(path: string, relative = false): PathParse {
  if (typeof path !== 'string' || path.length === 0) return { ok: false, message: 'empty JSON path' };
  if (path.length > 1000) return { ok: false, message: 'JSON path longer than 1000 characters' };
  let i = 0;
  const bad = (why: string): PathParse => ({ ok: false, message: `cannot parse JSON path "${path}" at position ${i}: ${why}` });
  if (path[0] === '$' || (relative && path[0] === '@')) i = 1;
  else if (relative) path = `.${path}`;
  else return bad('a path starts with $');
  const segments: Segment[] = [];
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (path[i + 1] === '.') return bad('recursive descent (..) is not supported');
      i++;
      if (path[i] === '*') {
        segments.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      NAME.lastIndex = i;
      const m = NAME.exec(path);
      if (!m) return bad('expected a property name after "."');
      segments.push({ kind: 'key', key: m[0] });
      i += m[0].length;
    } else if (c === '[') {
      i++;
      const rest = path.slice(i);
      if (rest.startsWith('*]')) {
        segments.push({ kind: 'wildcard' });
        i += 2;
      } else if (rest[0] === "'" || rest[0] === '"') {
        const q = rest[0];
        let key = '';
        let j = 1;
        for (; j < rest.length && rest[j] !== q; j++) {
          if (rest[j] === '\\' && j + 1 < rest.length) j++;
          key += rest[j];
        }
        if (rest[j] !== q || rest[j + 1] !== ']') return bad('unterminated quoted name');
        segments.push({ kind: 'key', key });
        i += j + 2;
      } else {
        const m = /^(\d{1,9})\]/.exec(rest);
        if (m) {
          segments.push({ kind: 'index', index: Number(m[1]) });
          i += m[0].length;
        } else if (rest[0] === '?') return bad('filters ([?(...)]) are not supported');
        else if (rest[0] === '-') return bad('negative indexes are not supported');
        else if (/^[\d-]*:/.test(rest)) return bad('slices ([a:b]) are not supported');
        else if (/^[^\]]*,/.test(rest)) return bad('unions ([a,b]) are not supported');
        else return bad('expected an index, * or a quoted name inside [ ]');
      }
    } else return bad(`unexpected character ${JSON.stringify(c)}`);
  }
  return { ok: true, segments };
}

export function hasWildcard(segments: Segment[]): boolean {
  return segments.some((s) => s.kind === 'wildcard');
}

/** All values the path selects (a path without wildcards selects at most one). */
export function evaluate(root: unknown, segments: Segment[]): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const node of current) {
      if (seg.kind === 'key') {
        const v = own(node, seg.key);
        if (v !== undefined) next.push(v);
      } else if (seg.kind === 'index') {
        const list = items(node);
        if (list && seg.index < list.length && list[seg.index] !== undefined) next.push(list[seg.index]);
      } else {
        const list = items(node);
        if (list) {
          for (const v of list) if (v !== undefined) next.push(v);
        }
        else if (isObj(node)) {
          for (const k of Object.keys(node)) next.push(own(node, k));
        }
      }
      if (next.length > MAX_ITEMS) return next.slice(0, MAX_ITEMS);
    }
    current = next;
  }
  return current;
}

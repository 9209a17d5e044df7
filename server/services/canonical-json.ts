/**
 * Canonical JSON, the form the audit trail hashes: object keys sorted by UTF-16 code unit, no whitespace,
 * `undefined` members left out (as JSON.stringify does), values with toJSON (Date, Decimal) written as that.
 * The same value always gives the same text, so a hash over it can be recomputed by anyone, in any language that
 * sorts keys the same way.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, new Set());
  if (text === undefined) throw new TypeError('canonical JSON: the value itself is undefined or a function');
  return text;
}

function write(value: unknown, seen: Set<object>): string | undefined {
  if (value === null) return 'null';
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return write((value as { toJSON: () => unknown }).toJSON(), seen);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // NaN and ±Infinity have no JSON form; writing them as null (JSON.stringify's choice) would hide a fault.
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const obj = value as object;
  if (seen.has(obj)) throw new TypeError('canonical JSON: the value contains a cycle');
  seen.add(obj);
  try {
    if (Array.isArray(obj)) return `[${obj.map((v) => write(v, seen) ?? 'null').join(',')}]`;
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const v = write((obj as Record<string, unknown>)[key], seen);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}

import type { JsonOut } from './common';

/**
 * Writes JSON text laid out exactly as `JSON.stringify(value, null, 2)` would, one member at a time. A
 * serialiser that knows its document's shape writes it straight to text, number text included, instead of
 * building an object tree for JSON.stringify and then patching the numbers in (which cost twice as much).
 */
export class PrettyJson {
  private readonly parts: string[] = [];
  /** Per open container: whether a member has been written (it decides `,` and the closing line). */
  private readonly filled: boolean[] = [];
  private readonly closers: string[] = [];

  /**
   * Opens an object. Every value is placed by its key: a string for a member of an object, null for an element
   * of an array, undefined for the document itself.
   */
  beginObject(key?: string | null): void {
    this.begin(key, '{', '}');
  }

  beginArray(key?: string | null): void {
    this.begin(key, '[', ']');
  }

  end(): void {
    const filled = this.filled.pop();
    const closer = this.closers.pop()!;
    this.parts.push(filled ? leadText(null, this.filled.length, false, closer) : closer);
  }

  /** A member whose value is JSON text already (a number written from its exact digits). */
  raw(key: string | null | undefined, json: string): void {
    if (key !== undefined) this.parts.push(this.lead(key, ''));
    this.parts.push(json);
  }

  /** A member with JSON.stringify's rules: an undefined object member is left out, in an array it is null. */
  value(key: string | null | undefined, v: JsonOut | undefined): void {
    if (v === undefined) {
      if (key !== null) return; // JSON.stringify(undefined) is no text at all; not a case a serialiser writes
      this.raw(null, 'null');
      return;
    }
    if (typeof v === 'string' && !NEEDS_ESCAPE.test(v)) {
      // Most text needs no escaping: quoted in place, as flat pieces, it costs a regex test instead of a call to
      // JSON.stringify (a fifth of the writer's time).
      if (key !== undefined) this.parts.push(this.lead(key, ''));
      this.parts.push('"', v, '"');
      return;
    }
    if (typeof v !== 'object' || v === null) {
      this.raw(key, JSON.stringify(v));
      return;
    }
    if (Array.isArray(v)) {
      this.beginArray(key);
      for (let i = 0; i < v.length; i++) this.value(null, v[i]);
    } else {
      this.beginObject(key);
      for (const k of Object.keys(v)) this.value(k, v[k]);
    }
    this.end();
  }

  text(): string {
    return this.parts.join('');
  }

  private begin(key: string | null | undefined, opener: string, closer: string): void {
    this.parts.push(key === undefined ? opener : this.lead(key, opener));
    this.filled.push(false);
    this.closers.push(closer);
  }

  /** What goes before a member's value: the comma after its predecessor, its line, `"key": ` in an object. */
  private lead(key: string | null, then: string): string {
    const depth = this.filled.length;
    const comma = this.filled[depth - 1];
    this.filled[depth - 1] = true;
    return leadText(key, depth, comma, then);
  }
}

// Leads are flat strings made once (join, not +): joining a few hundred flat pieces at the end is cheap, while
// concatenated pieces would each have to be flattened first, on every call.
const flat = (...pieces: string[]) => pieces.join('');
const breakAt = (depth: number) => flat('\n', '  '.repeat(depth));

/** What JSON.stringify escapes in text: quote, backslash, control characters, surrogates (when unpaired). */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const THEN = ['', '{', '[', '}', ']'];

/**
 * Leads by key, then by depth, comma and what follows on the line (nothing, or a bracket). The keys are the field
 * names serialisers write (FEXPLANATION, FNumber…), a small fixed vocabulary; past a bound (keys of arbitrary
 * nested values) they are made on the spot.
 */
const LEADS = new Map<string | null, string[]>();
const MAX_LEAD_KEYS = 256;
function leadText(key: string | null, depth: number, comma: boolean, then: string): string {
  let byPlace = LEADS.get(key);
  if (byPlace === undefined) {
    byPlace = [];
    if (LEADS.size < MAX_LEAD_KEYS) LEADS.set(key, byPlace);
  }
  const place = (depth * 2 + (comma ? 1 : 0)) * THEN.length + THEN.indexOf(then);
  return (byPlace[place] ??= flat(comma ? ',' : '', breakAt(depth), key === null ? '' : `${JSON.stringify(key)}: `, then));
}

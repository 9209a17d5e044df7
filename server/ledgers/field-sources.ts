import type { MappingSpec } from '../engine/spec';
import type { TargetCatalogue } from '../engine/voucher';
import { getCatalogue, isTargetFormat } from './catalogues';
import { TARGET_OPTION_SETTINGS } from './options-settings';

/**
 * Where each voucher field of a spec gets its value, worked out from the spec alone (no run): linked on the canvas,
 * filled from a ledger setting (with the setting's value), from the voucher date, rate 1 on a base-currency line,
 * or not mapped at all. The voucher tree shows it beside each field; the engine fills the same fallbacks at run time.
 */
export type FieldSource =
  | { kind: 'linked' }
  | { kind: 'settings'; setting: string; value: string | null }
  | { kind: 'voucherDate'; part: 'year' | 'month' }
  | { kind: 'baseRate' }
  | { kind: 'unmapped' };

export interface FieldSources {
  header: Record<string, FieldSource>;
  /** By line template id, then field id. */
  lines: Record<string, Record<string, FieldSource>>;
}

/**
 * The text value of every setting a fallback may read: the mapping's own when it is a non-empty text, else the
 * setting's documented default. Lenient on purpose: a settings problem elsewhere (a U8 mapping without its sender)
 * does not hide the values that are there; the options check reports the problem itself.
 */
export function settingValues(format: string, options: unknown): Record<string, string> {
  if (!isTargetFormat(format)) return {};
  const given = options && typeof options === 'object' && !Array.isArray(options) ? (options as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const s of TARGET_OPTION_SETTINGS[format]) {
    const own = given[s.key];
    const text = typeof own === 'string' && own.trim() ? own.trim() : typeof s.default === 'string' ? s.default : null;
    if (text !== null) values[s.key] = text;
  }
  return values;
}

export function fieldSources(spec: Pick<MappingSpec, 'target' | 'nodes' | 'edges' | 'lines'>, catalogue?: TargetCatalogue): FieldSources {
  const cat = catalogue ?? getCatalogue(spec.target.format);
  const out: FieldSources = { header: {}, lines: {} };
  if (!cat) return out;
  const fed = new Set(spec.edges.map((e) => e.to.node));
  const linked = new Set(spec.nodes.flatMap((n) => (n.kind === 'target' && fed.has(n.id) ? [`${n.line ?? ''}|${n.field}`] : [])));
  const settings = settingValues(cat.format, spec.target.options);
  const sourceOf = (line: string | null, field: TargetCatalogue['fields'][number]): FieldSource => {
    if (linked.has(`${line ?? ''}|${field.id}`)) return { kind: 'linked' };
    const fb = field.fallback;
    if (!fb) return { kind: 'unmapped' };
    if ('setting' in fb) return { kind: 'settings', setting: fb.setting, value: settings[fb.setting] ?? null };
    if ('voucherDate' in fb) return { kind: 'voucherDate', part: fb.voucherDate };
    return { kind: 'baseRate' };
  };
  for (const f of cat.fields) if (f.group === 'header') out.header[f.id] = sourceOf(null, f);
  for (const l of spec.lines) {
    const fields: Record<string, FieldSource> = {};
    for (const f of cat.fields) if (f.group === 'line') fields[f.id] = sourceOf(l.id, f);
    out.lines[l.id] = fields;
  }
  return out;
}

/**
 * The value a ledger setting gives a header field the voucher left empty (the voucher word of a run recorded before
 * the engine filled it, say): the same fallback the engine applies, read from the spec's settings.
 */
export function headerSettingValue(spec: Pick<MappingSpec, 'target'>, field: string): string | null {
  const fb = getCatalogue(spec.target.format)?.fields.find((f) => f.group === 'header' && f.id === field)?.fallback;
  return fb && 'setting' in fb ? settingValues(spec.target.format, spec.target.options)[fb.setting] ?? null : null;
}

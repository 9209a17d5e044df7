import type { z } from 'zod';
import type { MappingSpec } from '../engine/spec';
import { isTargetFormat, type TargetFormat } from './catalogues';
import { TARGET_OPTIONS_SCHEMAS, type KingdeeOptions, type TargetOptionsByFormat, type U8Options } from './options-schemas';

/**
 * Checks a spec's `target.options` against its format's schema and the rules that span settings and mapping (a U8
 * preparer from the mapping or the settings; the Kingdee local currency in the currency map). Problems are shaped
 * like the compiler's errors so the pipeline reports them as compile errors and the problems panel lists them.
 *
 * Codes and params (every problem has `format` and `setting`, the top-level key; `path` when the problem is deeper,
 * e.g. `currencyMap.usd`):
 * - `target_options_not_object`                         the options are not a JSON object
 * - `target_option_unknown`                             no such setting for this format
 * - `target_option_required`                            a required setting is missing (U8 `sender`)
 * - `target_option_type`       + expected, value        wrong JSON type ("true" for a boolean); expected is
 *                                                        boolean | number | string | object
 * - `target_option_invalid`    + value, reason          right type, refused value (a bad ISO code, an empty text,
 *                                                        a flex field that is not FFLEX4–13 / FF1000xx, indent 3)
 * - `target_option_or_field_required` + field           neither the mapping's header field nor the setting gives
 *                                                        it (U8 preparer, Kingdee account book / voucher group)
 * - `target_option_local_currency_unmapped` + currency  Kingdee: the local currency has no currency number
 * - `target_option_dimension_clash` + field, dimensions Kingdee: two dimensions written to one flex field
 */
export interface TargetOptionProblem {
  code: string;
  /** English, for logs and the CLI; the studio words the codes from `params`. */
  message: string;
  params: Record<string, string>;
}

export interface TargetOptionsContext {
  /** Header fields (catalogue ids) the mapping feeds; a setting that only defaults such a field is then optional. */
  mappedHeaderFields?: Iterable<string>;
}

export type ParsedTargetOptions<F extends TargetFormat = TargetFormat> =
  | { ok: true; format: F; options: TargetOptionsByFormat[F] }
  | { ok: false; problems: TargetOptionProblem[] };

const FORMAT_NAME: Record<TargetFormat, string> = {
  'kingdee-gl-voucher': 'Kingdee',
  'u8-voucher-xml': 'U8',
  'journal-json': 'journal',
  csv: 'CSV',
};

const shown = (v: unknown): string => {
  if (v === undefined) return '';
  const text = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function problemOf(format: TargetFormat, issue: z.core.$ZodIssue): TargetOptionProblem[] {
  const who = FORMAT_NAME[format];
  const at = (path: readonly PropertyKey[]) => ({
    format,
    setting: String(path[0] ?? ''),
    ...(path.length > 1 ? { path: path.map(String).join('.') } : {}),
  });
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const params = at(path);
      const name = path.map(String).join('.');
      return { code: 'target_option_unknown', message: `${who} has no setting "${name}"`, params };
    });
  }
  const params: Record<string, string> = at(issue.path);
  const name = issue.path.map(String).join('.');
  const missing = !('input' in issue) || issue.input === undefined;
  if (issue.code === 'invalid_type' && missing && issue.path.length === 1) {
    return [{ code: 'target_option_required', message: `the ${who} setting "${name}" is required`, params }];
  }
  const value = shown(issue.input);
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'record' ? 'object' : String(issue.expected);
    return [{
      code: 'target_option_type',
      message: `the ${who} setting "${name}" must be a ${expected}, not ${value || 'missing'}`,
      params: { ...params, expected, value },
    }];
  }
  // A record key refused by its own schema (a currency code in lower case): the key is the value at fault.
  const reason = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return [{
    code: 'target_option_invalid',
    message: `the ${who} setting "${name}" has the value ${value}: ${reason}`,
    params: { ...params, value, reason },
  }];
}

/** Rules that need more than one setting, or the mapping, to decide. */
function crossChecks(format: TargetFormat, options: unknown, mapped: ReadonlySet<string>): TargetOptionProblem[] {
  const problems: TargetOptionProblem[] = [];
  const eitherOr = (setting: string, field: string, what: string, given: unknown) => {
    if (given === undefined && !mapped.has(field))
      problems.push({
        code: 'target_option_or_field_required',
        message: `${FORMAT_NAME[format]} needs ${what}: map the header field "${field}" or fill the setting "${setting}"`,
        params: { format, setting, field },
      });
  };
  if (format === 'u8-voucher-xml') {
    const o = options as U8Options;
    // U8 refuses a voucher without 制单人; an empty one would post under whoever runs the import.
    eitherOr('preparer', 'preparer', 'a preparer (制单人)', o.preparer);
  }
  if (format === 'kingdee-gl-voucher') {
    const o = options as KingdeeOptions;
    eitherOr('accountBook', 'book', 'an account book (账簿)', o.accountBook);
    eitherOr('voucherGroup', 'voucherWord', 'a voucher group (凭证字)', o.voucherGroup);
    if (!Object.hasOwn(o.currencyMap, o.localCurrency))
      problems.push({
        code: 'target_option_local_currency_unmapped',
        message: `the Kingdee currency map has no number for the local currency ${o.localCurrency}`,
        params: { format, setting: 'currencyMap', currency: o.localCurrency },
      });
    const byField = new Map<string, string[]>();
    for (const [dimension, target] of Object.entries(o.dimensionMap)) {
      if (target) byField.set(target.field, [...(byField.get(target.field) ?? []), dimension]);
    }
    for (const [field, dimensions] of byField) {
      if (dimensions.length > 1)
        problems.push({
          code: 'target_option_dimension_clash',
          message: `the Kingdee dimensions ${dimensions.join(', ')} are all written to ${field}`,
          params: { format, setting: 'dimensionMap', field, dimensions: dimensions.join(', ') },
        });
    }
  }
  return problems;
}

/**
 * The options parsed for their format with defaults filled in, or every problem with them. Absent options are
 * an empty object: the defaults apply and a required setting is reported missing. An unknown format has no
 * settings to check (the pipeline reports the format itself).
 */
export function parseTargetOptions<F extends TargetFormat>(format: F, options: unknown, context?: TargetOptionsContext): ParsedTargetOptions<F>;
export function parseTargetOptions(format: string, options: unknown, context?: TargetOptionsContext): ParsedTargetOptions;
export function parseTargetOptions(format: string, options: unknown, context: TargetOptionsContext = {}): ParsedTargetOptions {
  if (!isTargetFormat(format)) return { ok: false, problems: [] };
  const input = options === undefined || options === null ? {} : options;
  if (typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      problems: [{ code: 'target_options_not_object', message: `the ${FORMAT_NAME[format]} settings must be an object`, params: { format, setting: '' } }],
    };
  }
  const parsed = TARGET_OPTIONS_SCHEMAS[format].safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((i) => problemOf(format, i)) };
  const problems = crossChecks(format, parsed.data, new Set(context.mappedHeaderFields ?? []));
  if (problems.length) return { ok: false, problems };
  return { ok: true, format, options: parsed.data as TargetOptionsByFormat[typeof format] };
}

/** Problems with `options` for `format`; empty when they are fine. Pure, for the pipeline and the settings panel. */
export function checkTargetOptions(format: string, options: unknown, context?: TargetOptionsContext): TargetOptionProblem[] {
  const parsed = parseTargetOptions(format, options, context);
  return parsed.ok ? [] : parsed.problems;
}

/** Header fields the spec feeds: a header target node with an edge into it. */
export function mappedHeaderFields(spec: Pick<MappingSpec, 'nodes' | 'edges'>): Set<string> {
  const fed = new Set(spec.edges.map((e) => e.to.node));
  const fields = new Set<string>();
  for (const n of spec.nodes) if (n.kind === 'target' && n.line === null && fed.has(n.id)) fields.add(n.field);
  return fields;
}

/** checkTargetOptions for a whole spec: its format, its options, and which header fields it maps. */
export function checkSpecTargetOptions(spec: Pick<MappingSpec, 'target' | 'nodes' | 'edges'>): TargetOptionProblem[] {
  return checkTargetOptions(spec.target.format, spec.target.options, { mappedHeaderFields: mappedHeaderFields(spec) });
}

import { FUNCTION_CATEGORIES, FUNCTIONS } from '../engine/functions';
import type { FunctionCategory, ParamDef } from '../engine/functions/types';
import type { Labels } from '../engine/form-record';
import type { ValueType } from '../engine/values';

/**
 * The function palette as the editor shows it: the engine's FUNCTIONS catalogue reduced to JSON (no zod schemas,
 * no implementations), so names, explanations and parameters come from one source in both languages.
 */

export interface PalettePort {
  name: string;
  type: ValueType;
  label: Labels;
  variadic: boolean;
  optional: boolean;
}

export interface PaletteFunction {
  id: string;
  category: FunctionCategory;
  kind: 'scalar' | 'multi' | 'aggregate';
  label: Labels;
  description: Labels;
  params: ParamDef[];
  /** The parameters' defaults, as a new node of this function starts with. */
  defaults: Record<string, unknown>;
  /** Ports with the default parameters (a template's placeholders, for one, add inputs as they are typed). */
  inputs: PalettePort[];
  outputs: PalettePort[];
}

export interface FunctionPalette {
  categories: { id: FunctionCategory; label: Labels }[];
  functions: PaletteFunction[];
}

const toPort = (p: { name: string; type: ValueType; label: Labels; variadic?: boolean; optional?: boolean }): PalettePort => ({
  name: p.name,
  type: p.type,
  label: p.label,
  variadic: !!p.variadic,
  optional: !!p.optional,
});

export function functionPalette(): FunctionPalette {
  const functions = FUNCTIONS.map((f): PaletteFunction => {
    const parsed = f.paramsSchema.safeParse({});
    const defaults = parsed.success ? (parsed.data as Record<string, unknown>) : {};
    let inputs: PalettePort[] = [];
    let outputs: PalettePort[] = [];
    if (parsed.success) {
      inputs = f.inputs(parsed.data).map(toPort);
      outputs = f.outputs(parsed.data).map(toPort);
    }
    // structuredClone drops nothing here but proves the entry is plain data before it crosses the wire.
    return structuredClone({ id: f.id, category: f.category, kind: f.kind, label: f.label, description: f.description, params: f.params, defaults, inputs, outputs });
  });
  return { categories: FUNCTION_CATEGORIES.map((c) => ({ id: c.id, label: c.label })), functions };
}

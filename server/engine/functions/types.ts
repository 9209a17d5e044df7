import type { z } from 'zod';
import type { Labels } from '../form-record';
import type { Fault, Value, ValueType } from '../values';

export type FunctionCategory = 'text' | 'list' | 'math' | 'aggregate' | 'tax' | 'date' | 'logic';

export interface PortDef {
  name: string;
  type: ValueType;
  label: Labels;
  /** A variadic port takes any number of edges, addressed as `name.0`, `name.1`… (only the last input). */
  variadic?: boolean;
  /** An optional input may stay unconnected; the function then sees `undefined` in its place. */
  optional?: boolean;
}

/** How the inspector edits a parameter. Every parameter is also validated by the function's zod schema. */
export type ParamDef =
  | { name: string; kind: 'text'; label: Labels; help?: Labels }
  | { name: string; kind: 'integer'; label: Labels; min?: number; max?: number; help?: Labels }
  | { name: string; kind: 'decimal'; label: Labels; help?: Labels }
  | { name: string; kind: 'enum'; label: Labels; options: { value: string; label: Labels }[]; help?: Labels }
  | { name: string; kind: 'textList'; label: Labels; help?: Labels }
  /** switch: a list of {when, then} text pairs */
  | { name: string; kind: 'cases'; label: Labels; help?: Labels };

/** Row-wise implementation: receives one value per input (variadic inputs spread at the end). */
export type ScalarImpl = (args: Value[]) => Value | Fault;
/** Multi-output implementation: one value per declared output, in order. */
export type MultiImpl = (args: Value[]) => (Value | Fault)[];
/** Aggregate implementation: receives, per input, the list of that input's values over the table's rows. */
export type AggregateImpl = (columns: (Value | Fault)[][]) => Value | Fault;

interface BaseDef<P> {
  id: string;
  category: FunctionCategory;
  label: Labels;
  /** One line a finance analyst understands, in both languages. */
  description: Labels;
  params: ParamDef[];
  /** Validates `node.params` at compile time; its output is what `inputs`, `outputs` and `build` receive. */
  paramsSchema: z.ZodType<P>;
  inputs(params: P): PortDef[];
  outputs(params: P): PortDef[];
  /**
   * `none` for a function whose number is not an amount of its inputs (a count, a number of decimals): its result
   * carries no currency. By default a function's numeric result is in the currency of the amounts it was made of.
   */
  currency?: 'none';
}

export interface ScalarFunctionDef<P = unknown> extends BaseDef<P> {
  kind: 'scalar';
  /**
   * `propagate` (default): when a required input is empty (null) the result is empty and `impl` is not called.
   * `pass`: `impl` sees nulls and decides (coalesce, isEmpty, template…).
   * Faulted inputs never reach `impl` unless `passFaults` is set: the first fault is the result.
   */
  nulls?: 'propagate' | 'pass';
  passFaults?: boolean;
  /**
   * A comparison that sees empties (`nulls: 'pass'`) but whose answer means nothing when an input is empty: a
   * check that fails behind it blames the empty form field ("报销总额 is empty"), not the comparison.
   */
  emptyIsMissing?: boolean;
  build(params: P): ScalarImpl;
}

export interface MultiFunctionDef<P = unknown> extends BaseDef<P> {
  kind: 'multi';
  nulls?: 'propagate' | 'pass';
  build(params: P): MultiImpl;
}

/** Aggregates read a row-scoped input across all rows of its detail table and yield one record-level value. */
export interface AggregateFunctionDef<P = unknown> extends BaseDef<P> {
  kind: 'aggregate';
  build(params: P): AggregateImpl;
}

export type FunctionDef<P = unknown> = ScalarFunctionDef<P> | MultiFunctionDef<P> | AggregateFunctionDef<P>;

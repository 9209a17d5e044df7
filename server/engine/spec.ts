import { z } from 'zod';
import { OA_SYSTEMS, RECORD_META } from './form-record';
import { VALUE_TYPES } from './values';

/**
 * MappingSpec: what analysts edit on the canvas and what published versions freeze. Canvas positions are
 * layout metadata stored beside it; the engine never reads them. Everything here is plain JSON.
 */

const id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : - only')
  // Node ids become keys of the stored layout: these would reach Object.prototype on the way back.
  .refine((v) => v !== 'constructor' && v !== 'prototype' && v !== '__proto__', 'this id is reserved; choose another');
const labels = z.object({ zh: z.string().max(200).optional(), en: z.string().max(200).optional() });
const common = { id, label: z.string().max(200).optional(), comment: z.string().max(2000).optional() };

export const FIELD_TYPES = [
  'text', 'number', 'money', 'date', 'datetime', 'option', 'options',
  'person', 'department', 'attachment', 'table', 'unknown',
] as const;
const metaKeys = Object.keys(RECORD_META) as [keyof typeof RECORD_META, ...(keyof typeof RECORD_META)[]];

/** A form field, a column of a detail table (row-scoped), or a record-level value such as the finish time. */
export const SourceNodeSchema = z
  .object({
    ...common,
    kind: z.literal('source'),
    field: z.string().min(1).max(200).optional(),
    table: z.string().min(1).max(200).optional(),
    column: z.string().min(1).max(200).optional(),
    meta: z.enum(metaKeys).optional(),
    /** Copied from the form template when the field is placed, so the spec type-checks on its own. */
    fieldType: z.enum(FIELD_TYPES).optional(),
  })
  .refine((n) => [n.field, n.meta, n.table && n.column].filter(Boolean).length === 1, {
    message: 'a source node reads exactly one of: field, meta, or table + column',
  });

export const FunctionNodeSchema = z.object({
  ...common,
  kind: z.literal('function'),
  fn: z.string().min(1).max(80),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const LookupNodeSchema = z.object({
  ...common,
  kind: z.literal('lookup'),
  table: z.string().min(1).max(120),
  keyColumn: z.string().min(1).max(120),
  /** Each returned column is an output port named after it. */
  columns: z.array(z.string().min(1).max(120)).min(1).max(50),
  onMiss: z.enum(['error', 'default']).default('error'),
  defaultValue: z.string().max(1000).optional(),
  /**
   * For effective-dated tables (exchange rates by currency and date): the column holding each row's start date
   * (YYYY-MM-DD). The node then takes a second input `asOf`; among the rows of the key, the latest one dated on or
   * before it wins, and none is a miss.
   */
  asOfColumn: z.string().min(1).max(120).optional(),
});

export const ConstantNodeSchema = z.object({
  ...common,
  kind: z.literal('constant'),
  valueType: z.enum(['text', 'number', 'money', 'boolean', 'date']),
  value: z.union([z.string().max(10_000), z.boolean()]),
});

/** The sandboxed escape hatch: one JSONata expression over named inputs ($name). */
export const ExpressionNodeSchema = z.object({
  ...common,
  kind: z.literal('expression'),
  expression: z.string().min(1).max(10_000),
  inputs: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).max(20).default([]),
  outputType: z.enum(VALUE_TYPES).default('any'),
});

/** A business rule: when its `ok` input is not true, the run fails with this message naming the field and row. */
export const CheckNodeSchema = z.object({
  ...common,
  kind: z.literal('check'),
  message: labels,
  /** The OA field the error names; defaults to the first source field feeding the check. */
  field: z.string().max(200).optional(),
});

/** A voucher field: `line` null for the header, else the line template's id. `$condition`/`$filter` gate a line. */
export const TargetNodeSchema = z.object({
  ...common,
  kind: z.literal('target'),
  line: id.nullable(),
  field: z.string().min(1).max(120),
});

export const MappingNodeSchema = z.union([
  SourceNodeSchema,
  FunctionNodeSchema,
  LookupNodeSchema,
  ConstantNodeSchema,
  ExpressionNodeSchema,
  CheckNodeSchema,
  TargetNodeSchema,
]);

export const PortRefSchema = z.object({ node: id, port: z.string().min(1).max(120).optional() });
export const EdgeSchema = z.object({ id, from: PortRefSchema, to: PortRefSchema });

export const LineTemplateSchema = z.object({
  id,
  label: labels.optional(),
  /** `once`, or once per row of a detail table (the table's field id). */
  repeat: z.union([z.literal('once'), z.object({ table: z.string().min(1).max(200) })]),
  /** Lines whose values in these target fields are equal are merged and their money fields summed. */
  groupBy: z.array(z.string().min(1).max(120)).max(20).optional(),
});

export const ChartOfAccountsSchema = z.object({
  table: z.string().min(1).max(120),
  codeColumn: z.string().min(1).max(120),
  postableColumn: z.string().min(1).max(120),
});

export const InstanceStatusSchema = z.enum(['approved', 'rejected', 'running', 'withdrawn', 'deleted']);

export const MappingSpecSchema = z.object({
  specVersion: z.literal(1),
  name: z.string().min(1).max(120).regex(/^[A-Za-z0-9_.-]+$/, 'names use letters, digits and _ . - only'),
  label: labels.optional(),
  description: z.string().max(4000).optional(),
  source: z.object({
    connector: z.enum(OA_SYSTEMS),
    templateCode: z.string().max(200),
    /** Only instances in these states produce a voucher; others are skipped with the status as the reason. */
    postOn: z.array(InstanceStatusSchema).min(1).default(['approved']),
  }),
  target: z.object({
    format: z.string().min(1).max(60),
    /** Ledger settings; typed and checked per format by the pipeline (server/ledgers/options.ts), not here. */
    options: z.record(z.string(), z.unknown()).optional(),
    chartOfAccounts: ChartOfAccountsSchema.optional(),
  }),
  nodes: z.array(MappingNodeSchema).max(5000),
  edges: z.array(EdgeSchema).max(20000),
  lines: z.array(LineTemplateSchema).max(200),
});

export type MappingSpec = z.infer<typeof MappingSpecSchema>;

/**
 * Specs that `parseSpec` produced. Specs are never changed once made (every edit makes a new one), so `compile`
 * takes one of these as it is instead of parsing it again: the editor's live preview parses each draft, then
 * compiles it, on every link (~1.5 ms of a ~10 ms run in the browser).
 */
const parsedSpecs = new WeakSet<object>();

/** `MappingSpecSchema.safeParse`, remembering what it produced for `compile`. */
export function parseSpec(input: unknown): ReturnType<typeof MappingSpecSchema.safeParse> {
  const parsed = MappingSpecSchema.safeParse(input);
  if (parsed.success) parsedSpecs.add(parsed.data);
  return parsed;
}

/** Whether `parseSpec` made this very object (not an equal one). */
export const isParsedSpec = (input: unknown): input is MappingSpec => typeof input === 'object' && input !== null && parsedSpecs.has(input);
export type MappingSpecInput = z.input<typeof MappingSpecSchema>;
export type MappingNode = z.infer<typeof MappingNodeSchema>;
export type SourceNode = z.infer<typeof SourceNodeSchema>;
export type FunctionNode = z.infer<typeof FunctionNodeSchema>;
export type LookupNode = z.infer<typeof LookupNodeSchema>;
export type ConstantNode = z.infer<typeof ConstantNodeSchema>;
export type ExpressionNode = z.infer<typeof ExpressionNodeSchema>;
export type CheckNode = z.infer<typeof CheckNodeSchema>;
export type TargetNode = z.infer<typeof TargetNodeSchema>;
export type Edge = z.infer<typeof EdgeSchema>;
export type PortRef = z.infer<typeof PortRefSchema>;
export type LineTemplate = z.infer<typeof LineTemplateSchema>;

/** Gate fields every line template has besides the catalogue's line fields. */
export const LINE_GATES = ['$condition', '$filter'] as const;

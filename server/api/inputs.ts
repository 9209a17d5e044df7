import { z } from 'zod';
import { DRAFT_LIMITS, plainJson } from '../engine/plain-json';
import { OA_SYSTEMS } from '../engine/form-record';
import type { MappingSpecInput } from '../engine/spec';

/**
 * Input schemas of the API, shared with the browser so a form can check before it sends. Pure zod: the client
 * bundle imports this file, so it must not import anything from the server.
 */

/** The largest OA payload a preview accepts, as UTF-8 bytes (the connectors' MAX_PAYLOAD_BYTES; a test keeps them equal). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;


function utf8Bytes(text: string): number {
  // Every UTF-16 code unit is at most 3 UTF-8 bytes, so short texts need no encoding to be known small enough.
  return text.length * 3 <= PAYLOAD_LIMIT_BYTES ? text.length : new TextEncoder().encode(text).length;
}

export const MappingNameSchema = z.string().min(1).max(120);

export const MappingGetInput = z.object({ name: MappingNameSchema });
export type MappingGetInput = z.infer<typeof MappingGetInput>;

export const SampleListInput = z.object({ connector: z.enum(OA_SYSTEMS).optional() });
export type SampleListInput = z.infer<typeof SampleListInput>;

export const SampleGetInput = z.object({ id: z.number().int().positive() });
export type SampleGetInput = z.infer<typeof SampleGetInput>;

export const PayloadTextSchema = z
  .string()
  .min(1, 'the payload is empty: paste or upload an OA approval instance as JSON')
  .refine((text) => utf8Bytes(text) <= PAYLOAD_LIMIT_BYTES, 'the payload is larger than 5 MB');

/**
 * Preview a mapping on pasted text, or on a stored sample (the first one of its OA system when neither is given).
 * One object rather than a union, so a bad payload is reported at `payloadText` instead of falling through to
 * "preview the default sample".
 */
export const PreviewRunInput = z
  .object({
    mappingName: MappingNameSchema,
    sampleId: z.number().int().positive().optional(),
    payloadText: PayloadTextSchema.optional(),
  })
  .refine((v) => v.sampleId === undefined || v.payloadText === undefined, {
    message: 'give either a sample or a payload, not both',
    path: ['payloadText'],
  });
export type PreviewRunInput = z.infer<typeof PreviewRunInput>;

export const TableNameInput = z.object({ name: z.string().min(1).max(120) });
export type TableNameInput = z.infer<typeof TableNameInput>;

/** A lookup-table editor's save: the whole grid, with the revision it was loaded at. */
export const TableReplaceRowsInput = z.object({
  name: z.string().min(1).max(120),
  columns: z.array(z.string().min(1).max(120)).min(1).max(200),
  rows: z.array(z.array(z.string().max(2000)).max(200)).max(100_000),
  expectedRevision: z.number().int().positive(),
});
export type TableReplaceRowsInput = z.infer<typeof TableReplaceRowsInput>;

export const TableImportCsvInput = z.object({
  name: z.string().min(1).max(120),
  csvText: z.string().max(20 * 1024 * 1024, 'the CSV is larger than 20 MB'),
  description: z.string().max(500).optional(),
});
export type TableImportCsvInput = z.infer<typeof TableImportCsvInput>;

export const TemplateGetInput = z.object({ oaSystem: z.enum(OA_SYSTEMS), templateCode: z.string().min(1).max(200) });

export const TemplateInferInput = z.object({
  connector: z.enum(OA_SYSTEMS),
  payloadText: PayloadTextSchema,
  name: z.string().max(200).optional(),
  templateCode: z.string().max(200).optional(),
});

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A draft spec from the editor. Here it must be an object of plain JSON within the draft's limits (function
 * parameters and ledger options are free-form inside it); the full MappingSpec schema lives in the engine and the
 * service parses the spec with it again. `import type` keeps the client bundle free of the engine's schema.
 */
const DraftSpecSchema = plainJson(z.custom<MappingSpecInput>(isObject, 'the spec must be an object'), DRAFT_LIMITS.spec);

/** The canvas layout saved beside a draft (node positions): free-form, so bounded and plain JSON only. */
export const DraftLayoutSchema = plainJson(z.custom<Record<string, unknown>>(isObject, 'the layout must be an object'), DRAFT_LIMITS.layout);

export const CatalogueTargetInput = z.object({ format: z.string().min(1).max(60) });

export const MappingSaveDraftInput = z.object({
  name: MappingNameSchema,
  spec: DraftSpecSchema,
  layout: DraftLayoutSchema.optional(),
  /** The revision the editor loaded or last saved; anything newer on the server refuses the save. */
  expectedRevision: z.number().int().positive(),
});
export type MappingSaveDraftInput = z.infer<typeof MappingSaveDraftInput>;


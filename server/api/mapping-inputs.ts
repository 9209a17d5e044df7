import { z } from 'zod';
import { refuseDotSegments } from '../engine/names';
import { OA_SYSTEMS } from '../engine/form-record';
import { MappingNameSchema } from './inputs';

/** Input schemas of the mapping list's actions, shared with the browser (pure zod, like inputs.ts). */

/** Names travel in URLs and CLI arguments, so they stay plain: letters, digits, `.`, `_`, `-`. */
export const NewMappingNameSchema = refuseDotSegments(
  z
    .string()
    .min(1, 'give the mapping a name')
    .max(120)
    .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits and . _ - only (e.g. purchase.dingtalk-kingdee)'),
  'a mapping name',
);

export const MappingCreateInput = z.object({
  name: NewMappingNameSchema,
  label: z.object({ zh: z.string().max(200).optional(), en: z.string().max(200).optional() }).optional(),
  connector: z.enum(OA_SYSTEMS),
  templateCode: z.string().min(1).max(200),
  targetFormat: z.string().min(1).max(60),
});
export type MappingCreateInput = z.infer<typeof MappingCreateInput>;

export const MappingDuplicateInput = z.object({ from: MappingNameSchema, to: NewMappingNameSchema });
export const MappingDeleteInput = z.object({ name: MappingNameSchema });

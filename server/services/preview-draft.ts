import type { Db } from '../../db/client';
import { MappingSpecSchema, type MappingSpecInput } from '../engine';
import { parseInput } from './errors';
import { previewSpec, type PreviewResult } from './preview-voucher';

/**
 * The editor's live preview: runs the spec on the canvas right now, saved or not. Nothing is stored; a spec that
 * does not even parse is a validation error naming the first bad spot.
 */
export function previewDraft(db: Db, input: { spec: MappingSpecInput; sampleId?: number; payloadText?: string }): Promise<PreviewResult> {
  const spec = parseInput(MappingSpecSchema, input.spec, 'draft mapping');
  return previewSpec(db, spec, input);
}

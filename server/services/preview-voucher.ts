import type { Db } from '../../db/client';
import type { MappingSpec } from '../engine';
import { previewPayload, type PreviewResult } from '../pipeline/preview';
import { PreconditionError, ValidationError } from './errors';
import { getMapping } from './mappings';
import { getSample, listSamples } from './samples';
import { sandboxEvaluator } from '../sandbox';
import { loadTables } from './tables';

export type { PreviewResult } from '../pipeline/preview';

export interface PreviewVoucherInput {
  mappingName: string;
  sampleId?: number;
  payloadText?: string;
}

/**
 * Design-time preview: runs a mapping's draft on one sample submission or on pasted OA payload text and returns
 * everything the preview page shows. Bad payloads are results, not exceptions; only a missing mapping or sample
 * (or a sample from another OA system) is an error.
 */
export async function previewVoucher(db: Db, input: PreviewVoucherInput): Promise<PreviewResult> {
  const { spec } = getMapping(db, input.mappingName);
  return previewSpec(db, spec, input);
}

/** The preview of a mapping's spec on a stored sample or pasted text (the editor's live preview runs in the browser). */
async function previewSpec(db: Db, spec: MappingSpec, input: { sampleId?: number; payloadText?: string }): Promise<PreviewResult> {
  const payloadText = input.payloadText ?? samplePayload(db, spec, input.sampleId);
  return previewPayload(spec, payloadText, (names) => loadTables(db, names), { expressions: sandboxEvaluator() });
}

function samplePayload(db: Db, spec: MappingSpec, sampleId: number | undefined): string {
  if (sampleId === undefined) sampleId = defaultSampleId(listSamples(db, spec.source.connector), spec);
  const sample = getSample(db, sampleId);
  if (sample.connector !== spec.source.connector)
    throw new ValidationError(`sample ${sampleId} comes from ${sample.connector}, but mapping ${spec.name} reads ${spec.source.connector} forms`);
  return sample.payloadText;
}

/** The sample of the mapping's own form, else any from its OA system. */
function defaultSampleId(samples: { id: number; templateCode: string }[], spec: MappingSpec): number {
  const first = samples.find((s) => s.templateCode === spec.source.templateCode) ?? samples[0];
  if (!first) throw new PreconditionError(`there is no sample submission from ${spec.source.connector} yet; paste a payload instead`);
  return first.id;
}

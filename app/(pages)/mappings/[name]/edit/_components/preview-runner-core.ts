import { parseSpec, type MappingSpec } from '#server/engine/spec';
import type { LookupTableData } from '#server/engine/types';
import type { PreviewResult } from '#server/pipeline/preview';
import { tablesOf } from '#server/pipeline/tables-of';

/**
 * The live preview's steps without React: which tables and which sample the editor fetches, and the run on what
 * it fetched. `usePreviewRunner` only wires these to queries, so a test can drive the browser's path with the
 * same tRPC answers and compare it with the server's own preview.
 */

/** The part of the pure pipeline the live preview runs (loaded lazily by the hook). */
export type PreviewPipeline = Pick<typeof import('#server/pipeline/preview'), 'previewPayload'>;

/** The lookup tables a spec reads, once each and sorted, so the list (and the queries) stay stable across edits. */
export function previewTableNames(spec: MappingSpec | null): string[] {
  return [...new Set(spec ? tablesOf(spec) : [])].sort();
}

/** The sample of the mapping's own form, else any from its OA system: the one the server's preview picks. */
export function defaultSampleId(samples: readonly { id: number; templateCode: string }[] | undefined, spec: MappingSpec | null): number | undefined {
  return (samples?.find((s) => s.templateCode === spec?.source.templateCode) ?? samples?.[0])?.id;
}

/**
 * The tables fetched so far, by name (`fetched[i]` answers `names[i]`). A table that failed or does not exist is
 * left out: compile reports it on the node that reads it, as on the server.
 */
export function loadedTables(names: readonly string[], fetched: readonly (LookupTableData | undefined)[]): Map<string, LookupTableData> {
  return new Map(fetched.flatMap((t, i) => (t ? [[names[i], { columns: t.columns, rows: t.rows }] as const] : [])));
}

/** Runs one draft spec on the payload with the fetched tables; a draft that does not parse throws, naming the spots. */
export async function runPreviewInBrowser(
  pipeline: PreviewPipeline,
  draft: MappingSpec,
  payloadText: string,
  tables: ReadonlyMap<string, LookupTableData>,
): Promise<PreviewResult> {
  const parsed = parseSpec(draft);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return pipeline.previewPayload(parsed.data, payloadText, (wanted) => Object.fromEntries(wanted.flatMap((n) => (tables.has(n) ? [[n, tables.get(n)!]] : []))));
}

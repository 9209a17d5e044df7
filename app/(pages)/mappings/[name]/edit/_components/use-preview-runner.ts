'use client';

import { skipToken, useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MappingSpec } from '#server/engine/spec';
import type { LookupTableData } from '#server/engine/types';
import type { PreviewResult } from '#server/pipeline/preview';
import { useTRPC } from '../../../../../_trpc/client';
import { defaultSampleId, loadedTables, previewTableNames, runPreviewInBrowser } from './preview-runner-core';

export type PreviewInput = { sampleId?: number; payloadText?: string };

type Pipeline = typeof import('#server/pipeline/preview');

/** Loaded once per tab and only by the editor: the engine, connectors and serialisers the preview runs. */
let pipeline: Promise<Pipeline> | null = null;
const loadPipeline = () => (pipeline ??= import('#server/pipeline/preview'));

/**
 * The live preview runs in the browser: the pipeline (parse, normalise, compile, execute, serialise) is pure, so
 * an edit costs no round trip. The server supplies only what changes rarely — the payload (a stored sample or the
 * pasted text) and the lookup tables the spec reads, cached like any query — and the published runs still go
 * through the server's own copy of the same code.
 */
export function usePreviewRunner(spec: MappingSpec | null, input: PreviewInput) {
  const trpc = useTRPC();
  const connector = spec?.source.connector;
  const samples = useQuery(trpc.samples.list.queryOptions(connector && input.payloadText === undefined && input.sampleId === undefined ? { connector } : skipToken));
  const sampleId = input.sampleId ?? defaultSampleId(samples.data, spec);
  const sample = useQuery({ ...trpc.samples.get.queryOptions(input.payloadText === undefined && sampleId !== undefined ? { id: sampleId } : skipToken), staleTime: Infinity });
  const names = useMemo(() => previewTableNames(spec), [spec]);
  const tables = useQueries({ queries: names.map((name) => ({ ...trpc.tables.get.queryOptions({ name }), retry: false, staleTime: 60_000 })) });
  const [engine, setEngine] = useState<Pipeline | null>(null);
  useEffect(() => void loadPipeline().then(setEngine), []);

  const payloadText = input.payloadText ?? sample.data?.payloadText;
  const settled = tables.every((t) => !t.isPending);
  const noSample = input.payloadText === undefined && input.sampleId === undefined && samples.isSuccess && !samples.data.length;
  // A table that does not exist is for compile to report, like on the server; other failures are shown.
  const loadError = [sample.error, samples.error, ...tables.map((t) => (t.error?.data?.code === 'NOT_FOUND' ? null : t.error))].find(Boolean) ?? null;
  const loaded = useRef(new Map<string, LookupTableData>());
  loaded.current = loadedTables(names, tables.map((t) => t.data));

  const ready = !!engine && payloadText !== undefined && settled;
  /** Runs one spec; what it needs was loaded by the hook (a new spec that reads a new table re-runs once it is in). */
  const run = async (draft: MappingSpec): Promise<PreviewResult> => {
    if (!engine || payloadText === undefined) throw new Error('preview is not ready');
    return runPreviewInBrowser(engine, draft, payloadText, loaded.current);
  };
  return { ready, run, loadError, noSample, readyKey: `${engine ? 1 : 0}|${payloadText?.length ?? -1}|${sampleId ?? ''}|${tables.map((t) => t.dataUpdatedAt).join(',')}` };
}

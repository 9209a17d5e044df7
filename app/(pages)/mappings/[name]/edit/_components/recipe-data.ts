'use client';

import { skipToken, useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { FormRecord, FormTemplate } from '#server/engine/form-record';
import type { LookupTableData } from '#server/engine/types';
import type { RecipeContext } from '../../../../../_canvas/recipes-guess';
import { useEditorStore } from '../../../../../_canvas/store';
import { useTRPC } from '../../../../../_trpc/client';
import { defaultSampleId } from './preview-runner-core';

type Connectors = typeof import('#server/connectors');
let connectors: Promise<Connectors> | null = null;

/**
 * What the recipes and the suggestions guess from: every lookup table with its rows (a lookup is found by the
 * values it holds) and the mapping's sample claim, normalised in the browser by its connector as the live preview
 * does. Both load once per editor and are cached like any query.
 */
export function useGuessData(template: FormTemplate | null, enabled: boolean): { ready: boolean; tables: Record<string, LookupTableData>; record: FormRecord | null } {
  const trpc = useTRPC();
  const spec = useEditorStore((s) => s.spec);
  const connector = spec?.source.connector;
  const list = useQuery({ ...trpc.tables.list.queryOptions(), enabled });
  const names = useMemo(() => (list.data ?? []).map((t) => t.name), [list.data]);
  const tables = useQueries({ queries: names.map((name) => ({ ...trpc.tables.get.queryOptions({ name }), staleTime: 60_000, enabled })) });
  const samples = useQuery(trpc.samples.list.queryOptions(enabled && connector ? { connector } : skipToken));
  const sampleId = defaultSampleId(samples.data, spec);
  const sample = useQuery({ ...trpc.samples.get.queryOptions(enabled && sampleId !== undefined ? { id: sampleId } : skipToken), staleTime: Infinity });
  // The record with the payload it was read from: a sample that does not normalise still counts as read.
  const [read, setRead] = useState<{ text: string; record: FormRecord | null } | null>(null);
  const payloadText = sample.data?.payloadText;
  useEffect(() => {
    if (!payloadText || !connector) return;
    let live = true;
    void (connectors ??= import('#server/connectors')).then(({ getConnector, parseJsonPayload }) => {
      const parsed = parseJsonPayload(payloadText);
      const normalized = parsed.ok ? getConnector(connector).normalize(parsed.value, { templateCode: template?.templateCode || undefined }) : null;
      if (live) setRead({ text: payloadText, record: normalized?.ok ? normalized.record : null });
    });
    return () => {
      live = false;
    };
  }, [payloadText, connector, template?.templateCode]);
  const byName = useMemo(
    () => Object.fromEntries(tables.flatMap((t, i) => (t.data ? [[names[i], { columns: t.data.columns, rows: t.data.rows }] as const] : []))),
    // The query results are new arrays on every render; their update times say when the data changed.
    [names, tables.map((t) => t.dataUpdatedAt).join()],
  );
  const settled = list.isFetched && tables.every((t) => !t.isPending) && (samples.isFetched || !connector) && (sampleId === undefined || !sample.isPending);
  const record = read && read.text === payloadText ? read.record : null;
  return { ready: settled && (!payloadText || read?.text === payloadText), tables: byName, record };
}

export function recipeContext(template: FormTemplate, data: ReturnType<typeof useGuessData>): RecipeContext | null {
  const spec = useEditorStore.getState().spec;
  return spec ? { spec, template, tables: data.tables, record: data.record } : null;
}

import type { Metadata } from 'next';
import { getTranslator } from '../../_i18n/server';
import { RunsList } from './_components/runs-list';
import { filtersFromParams } from './_components/runs-filters';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('runs.title') };
}

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = filtersFromParams(await searchParams);
  // Keyed by the filters: following a link to another filter (an OA reference on a run's page) starts afresh.
  return <RunsList key={JSON.stringify(initial)} initial={initial} />;
}

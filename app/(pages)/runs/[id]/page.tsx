import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslator } from '../../../_i18n/server';
import { RunDetailView } from './_components/run-detail';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ id }, t] = await Promise.all([params, getTranslator()]);
  return { title: t('runs.detail.title', { id }) };
}

export default async function RunPage({ params }: { params: Params }) {
  const { id } = await params;
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) notFound();
  return <RunDetailView id={n} />;
}

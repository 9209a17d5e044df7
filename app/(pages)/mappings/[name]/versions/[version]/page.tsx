import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslator } from '../../../../../_i18n/server';
import { VersionReview } from '../_components/version-review';

type Params = Promise<{ name: string; version: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ name, version }, t] = await Promise.all([params, getTranslator()]);
  return { title: t('versions.reviewPage.title', { version, mapping: decodeURIComponent(name) }) };
}

export default async function VersionReviewPage({ params }: { params: Params }) {
  const { name, version } = await params;
  const n = Number(version);
  if (!Number.isInteger(n) || n < 1) notFound();
  return <VersionReview mappingName={decodeURIComponent(name)} version={n} />;
}

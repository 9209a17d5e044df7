import type { Metadata } from 'next';
import { getTranslator } from '../../../../_i18n/server';
import { VersionList } from './_components/version-list';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ name }, t] = await Promise.all([params, getTranslator()]);
  return { title: `${t('versions.title')} · ${decodeURIComponent(name)}` };
}

export default async function MappingVersionsPage({ params }: { params: Params }) {
  const { name } = await params;
  return <VersionList mappingName={decodeURIComponent(name)} />;
}

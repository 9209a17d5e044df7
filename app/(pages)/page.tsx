import type { Metadata } from 'next';
import { getTranslator } from '../_i18n/server';
import { MappingList } from './_components/mapping-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('mappings.title') };
}

export default function MappingsPage() {
  return <MappingList />;
}

import type { Metadata } from 'next';
import { getTranslator } from '../../_i18n/server';
import { LookupTableList } from './_components/lookup-table-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('tables.title') };
}

export default function LookupTablesPage() {
  return <LookupTableList />;
}

import type { Metadata } from 'next';
import { getTranslator } from '../../../_i18n/server';
import { LookupTableEditor } from './_components/lookup-table-editor';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const t = await getTranslator();
  return { title: `${decodeURIComponent((await params).name)} · ${t('tables.title')}` };
}

export default async function LookupTablePage({ params }: { params: Promise<{ name: string }> }) {
  return <LookupTableEditor name={decodeURIComponent((await params).name)} />;
}

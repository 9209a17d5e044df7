import type { Metadata } from 'next';
import { getTranslator } from '../../../../_i18n/server';
import { MappingEditor } from './_components/mapping-editor';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ name }, t] = await Promise.all([params, getTranslator()]);
  return { title: `${t('editor.title')} · ${decodeURIComponent(name)}` };
}

export default async function MappingEditPage({ params }: { params: Params }) {
  const { name } = await params;
  return <MappingEditor mappingName={decodeURIComponent(name)} />;
}

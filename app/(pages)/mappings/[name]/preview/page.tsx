import type { Metadata } from 'next';
import { getTranslator } from '../../../../_i18n/server';
import { PreviewWorkbench } from './_components/preview-workbench';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ name }, t] = await Promise.all([params, getTranslator()]);
  return { title: `${t('preview.title')} · ${decodeURIComponent(name)}` };
}

export default async function MappingPreviewPage({ params }: { params: Params }) {
  const { name } = await params;
  return <PreviewWorkbench mappingName={decodeURIComponent(name)} />;
}

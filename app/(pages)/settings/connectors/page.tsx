import type { Metadata } from 'next';
import { getTranslator } from '../../../_i18n/server';
import { ConnectorList } from './_components/connector-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('connectors.title') };
}

export default function ConnectorsPage() {
  return <ConnectorList />;
}

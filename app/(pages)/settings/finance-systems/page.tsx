import type { Metadata } from 'next';
import { getTranslator } from '../../../_i18n/server';
import { TargetList } from './_components/target-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('financeSystems.title') };
}

export default function FinanceSystemsPage() {
  return <TargetList />;
}

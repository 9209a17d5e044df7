import type { Metadata } from 'next';
import { getTranslator } from '../../_i18n/server';
import { AuditLog } from './_components/audit-log';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('audit.title') };
}

export default function AuditPage() {
  return <AuditLog />;
}

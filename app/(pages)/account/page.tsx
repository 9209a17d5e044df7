import type { Metadata } from 'next';
import { getTranslator } from '../../_i18n/server';
import { ChangePasswordForm } from './_components/change-password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('account.title') };
}

/** Every signed-in user's own page: change the password. */
export default function AccountPage() {
  return <ChangePasswordForm />;
}

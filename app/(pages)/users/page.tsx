import { Result } from 'antd';
import type { Metadata } from 'next';
import { getTranslator } from '../../_i18n/server';
import { requirePageUser } from '../../_lib/session';
import { UserAdmin } from './_components/user-admin';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('users.title') };
}

/** Admins only: the menu hides the link from others, and users.* procedures refuse them anyway. */
export default async function UsersPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') {
    const t = await getTranslator();
    return <Result status="403" title="403" subTitle={t('users.forbidden')} />;
  }
  return <UserAdmin />;
}

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getDb } from '#server/api/db';
import { safeNextPath } from '#server/api/session-cookie';
import { demoAccountsToShow } from '#server/services/users-demo';
import { needsFirstAdmin } from '#server/services/users-setup';
import { getTranslator } from '../_i18n/server';
import { pageUser } from '../_lib/session';
import { LoginScreen } from './_components/login-screen';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t('auth.title') };
}

/**
 * The one page without a session. Signed-in visitors go on to where they were heading; an installation without
 * users shows the first-administrator form instead; the demo shows its accounts and their published password.
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await pageUser()) redirect(next);
  const db = getDb();
  return <LoginScreen next={next} setup={needsFirstAdmin(db)} demo={demoAccountsToShow(db)} />;
}

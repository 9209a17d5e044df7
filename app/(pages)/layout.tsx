import type { ReactNode } from 'react';
import { AppShell } from '../_components/app-shell';
import { SessionProvider } from '../_components/session';
import { requirePageUser } from '../_lib/session';

/**
 * Every studio page needs a session: resolved here from the cookie against the database (proxy.ts only checks
 * that a cookie is present), with a redirect to the login page that returns here afterwards.
 */
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const { username, displayName, role } = await requirePageUser();
  const user = { username, displayName, role };
  return (
    <SessionProvider user={user}>
      <AppShell user={user}>{children}</AppShell>
    </SessionProvider>
  );
}

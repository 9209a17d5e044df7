import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '#server/api/db';
import { PAGE_PATH_HEADER } from '#server/api/page-access';
import { loginUrlFor, SESSION_COOKIE } from '#server/api/session-cookie';
import { resolveSession, type SessionUser } from '#server/services/sessions';

/** The signed-in user of this page request (role as the database has it now), or null. */
export async function pageUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveSession(getDb(), token)?.user ?? null;
}

/** The signed-in user, or a redirect to the login page that comes back to this page afterwards. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await pageUser();
  if (!user) redirect(loginUrlFor((await headers()).get(PAGE_PATH_HEADER) ?? '/'));
  return user;
}

import { headers } from 'next/headers';
import { createContext } from '#server/api/context';
import { createCaller } from '#server/api/root';

/**
 * The tRPC procedures called from a server component, as the signed-in user of this page request: the same
 * session, policy and error mapping as over HTTP, without the browser's round trip. A page uses it to hand its
 * first data to the client components (their queries start from it), so opening a page waits on one request.
 */
export async function serverCaller() {
  const incoming = await headers();
  // createContext reads the session cookie (and the client address) from a Request, as the HTTP route hands it.
  return createCaller(createContext(new Request('http://studio.invalid/', { headers: new Headers(incoming) })));
}

/** A query's result, or undefined when it fails: the client then asks again and shows the failure itself. */
export async function settled<T>(query: Promise<T>): Promise<T | undefined> {
  try {
    return await query;
  } catch {
    return undefined;
  }
}

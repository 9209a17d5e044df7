import { NextResponse } from 'next/server';
import { isAbsentBenchPage, PAGE_PATH_HEADER, pageLoginRedirect } from '#server/api/page-access';
import { checkEdge } from '#server/api/request-guard';

/**
 * Runs before every route (Node runtime, the default for proxy in Next 16). The network edge: a foreign Host is
 * refused for pages and API alike, a mutation must come from the studio's own origin as JSON, and each page gets a
 * fresh CSP nonce that Next puts on its scripts. Route handlers check again: this file is not the only guard.
 */
export function proxy(request: Request) {
  const edge = checkEdge(request);
  if (edge.refuse) return edge.refuse;
  if (isAbsentBenchPage(new URL(request.url).pathname))
    return new NextResponse('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  // Pages need a session: without a cookie, straight to the login page (the (pages) layout checks it for real).
  const login = pageLoginRedirect(request);
  if (login) return NextResponse.redirect(new URL(login, request.url));
  const url = new URL(request.url);
  edge.requestHeaders.set(PAGE_PATH_HEADER, `${url.pathname}${url.search}`);
  return NextResponse.next({ request: { headers: edge.requestHeaders }, headers: edge.responseHeaders });
}

export const config = {
  // Built assets are the same for everyone and say nothing: no check, no nonce.
  matcher: ['/((?!_next/static|_next/image).*)'],
};

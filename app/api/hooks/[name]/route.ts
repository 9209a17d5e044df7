import { getDb } from '#server/api/db';
import { errorAnswer } from '#server/api/auth-http';
import { bodyErrorResponse, readBodyWithin, RequestBodyError } from '#server/api/request-body';
import { checkHost, withApiHeaders } from '#server/api/request-guard';
import { clientAddressOf } from '#server/api/session-cookie';
import { ingestHook, MAX_HOOK_BODY_BYTES, type HookRequest } from '#server/services/ingest';
import { wakeLiveWorker } from '#server/services/live-worker';

export const runtime = 'nodejs';

type Params = { params: Promise<{ name: string }> };

/**
 * POST (and GET, for the vendors' URL-verification handshakes) /api/hooks/NAME: no session, the signature is the
 * credential (policy: ROUTE_POLICY). Only the Host rule of the edge applies; Origin and content type mean nothing
 * to a server-to-server call. The answer comes after the event is committed, never after the mapping ran.
 */
async function handle(req: Request, { params }: Params): Promise<Response> {
  const refused = checkHost(req);
  if (refused) return refused;
  const { name } = await params;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(req, MAX_HOOK_BODY_BYTES);
  } catch (error) {
    if (error instanceof RequestBodyError) return withApiHeaders(bodyErrorResponse(error));
    throw error;
  }
  const headers: HookRequest['headers'] = {};
  req.headers.forEach((value, key) => {
    headers[key] = value;
  });
  try {
    const answer = ingestHook(getDb(), name, {
      method: req.method,
      headers,
      query: new URL(req.url).searchParams,
      body: new TextDecoder().decode(bytes),
      clientAddress: clientAddressOf(req),
    });
    if (answer.stored) wakeLiveWorker();
    return withApiHeaders(new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType, 'cache-control': 'no-store' } }));
  } catch (error) {
    // Nothing was stored (the transaction rolled back): the sender should try again, so a 503 rather than a 500.
    console.error(`[hooks] event for connector ${name.slice(0, 64)} not stored:`, error instanceof Error ? error.message : 'unknown error');
    return errorAnswer(503, 'UNAVAILABLE', 'the event could not be stored; send it again', { 'retry-after': '5' });
  }
}

export const POST = handle;
export const GET = handle;

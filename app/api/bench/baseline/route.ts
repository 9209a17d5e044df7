import { getDb } from '#server/api/db';
import { readBodyWithin, RequestBodyError } from '#server/api/request-body';
import { storeBaselineEvent } from '#server/services/bench-baseline';
import { MAX_HOOK_BODY_BYTES } from '#server/services/ingest';

export const runtime = 'nodejs';

/**
 * POST /api/bench/baseline?connector=NAME exists only for `npm run bench:ingest` (LEDGERLINK_BENCH=1; 404
 * otherwise): the bare route handler the signed ingest route is measured against. It reads the body within the
 * same limit and makes the same durable insert (the event and its job in one transaction, synchronous=FULL), and
 * nothing else: no Host check, no signature, no normalising, no audit entry. The message id is the `webhook-id`.
 */
export async function POST(req: Request): Promise<Response> {
  if (process.env.LEDGERLINK_BENCH !== '1') return new Response('Not Found', { status: 404 });
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(req, MAX_HOOK_BODY_BYTES);
  } catch (error) {
    if (error instanceof RequestBodyError) return new Response(null, { status: 413 });
    throw error;
  }
  const connector = new URL(req.url).searchParams.get('connector') ?? '';
  const stored = storeBaselineEvent(getDb(), connector, req.headers.get('webhook-id') ?? '', new TextDecoder().decode(bytes));
  if (stored === 'no-connector') return new Response(null, { status: 404 });
  return Response.json({ ok: true, event: stored?.eventId ?? null }, { status: stored ? 202 : 200 });
}

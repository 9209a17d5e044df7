import { getDb } from '#server/api/db';
import { errorAnswer, jsonAnswer } from '#server/api/auth-http';
import { bodyErrorResponse, readBodyWithin, RequestBodyError } from '#server/api/request-body';
import { checkHost, withApiHeaders } from '#server/api/request-guard';
import { clientAddressOf } from '#server/api/session-cookie';
import { bookDemoVoucher } from '#server/services/demo-ledger';

export const runtime = 'nodejs';

/**
 * POST /api/demo-ledger: the demo company's local finance system, which the demo mappings deliver to. No session:
 * the Standard Webhooks signature of the demo-ledger target is the credential (policy: ROUTE_POLICY).
 */
export async function POST(req: Request): Promise<Response> {
  const refused = checkHost(req);
  if (refused) return refused;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(req, 1024 * 1024);
  } catch (error) {
    if (error instanceof RequestBodyError) return withApiHeaders(bodyErrorResponse(error));
    throw error;
  }
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => {
    headers[key] = value;
  });
  try {
    const answer = bookDemoVoucher(getDb(), { headers, body: new TextDecoder().decode(bytes), clientAddress: clientAddressOf(req) });
    return jsonAnswer(answer.status, answer.body);
  } catch (error) {
    console.error('[demo-ledger] voucher not booked:', error instanceof Error ? error.message : 'unknown error');
    return errorAnswer(503, 'UNAVAILABLE', 'the voucher could not be booked; send it again', { 'retry-after': '5' });
  }
}

import { errorAnswer, serviceErrorAnswer } from '#server/api/auth-http';
import { createContext, type ApiContext } from '#server/api/context';
import { GENERIC_ERROR_MESSAGE } from '#server/api/errors';
import { routeAccess } from '#server/api/policy';
import { guardRequest, withApiHeaders } from '#server/api/request-guard';
import { ServiceError } from '#server/services/errors';
import { exportVouchers, type VoucherExportInput } from '#server/services/voucher-export';

export const runtime = 'nodejs';

const ROUTE = 'GET /api/exports/vouchers';

/**
 * GET /api/exports/vouchers?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|xlsx|kingdee|u8[&mapping=NAME]: a period's
 * vouchers (by voucher date, China time) as a file download. Signed in (401), a role ROUTE_POLICY lists (403);
 * 400 names a bad date or format. Each export is written to the audit trail (`vouchers.export`). How many
 * vouchers the file holds and how many were left out for another ledger format travel in X-Ledgerlink-* headers.
 */
export async function GET(req: Request): Promise<Response> {
  const refused = guardRequest(req);
  if (refused) return refused;
  let ctx: ApiContext;
  try {
    ctx = createContext(req);
  } catch (cause) {
    console.error('[exports] cannot create the request context:', cause);
    return errorAnswer(500, 'INTERNAL_SERVER_ERROR', GENERIC_ERROR_MESSAGE);
  }
  if (!ctx.user) return errorAnswer(401, 'UNAUTHORIZED', 'sign in first');
  const allowed = routeAccess(ROUTE);
  if (allowed !== 'public' && !allowed.includes(ctx.user.role))
    return errorAnswer(403, 'FORBIDDEN', `exporting vouchers is for ${allowed.join(', ')}; you are ${ctx.user.role}`);

  const query = new URL(req.url).searchParams;
  const param = (name: string) => query.get(name) ?? undefined;
  try {
    const file = await exportVouchers(
      ctx.db,
      // Whatever the query holds goes to the service, which checks it and names what is wrong (400).
      { from: param('from'), to: param('to'), format: param('format'), mapping: param('mapping') || undefined } as VoucherExportInput,
      { username: ctx.user.username, role: ctx.user.role, clientAddress: ctx.clientAddress },
    );
    const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
    return withApiHeaders(
      new Response(body, {
        status: 200,
        headers: {
          'content-type': file.contentType,
          // The service builds the name from dates and an ASCII rendering of the mapping: nothing to quote.
          'content-disposition': `attachment; filename="${file.fileName}"`,
          'cache-control': 'no-store',
          'x-ledgerlink-voucher-count': String(file.count),
          'x-ledgerlink-skipped': String(file.skipped.count),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ServiceError) return serviceErrorAnswer(error);
    console.error('[exports] voucher export failed:', error);
    return errorAnswer(500, 'INTERNAL_SERVER_ERROR', GENERIC_ERROR_MESSAGE);
  }
}

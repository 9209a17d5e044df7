import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '#server/api/context';
import { GENERIC_ERROR_MESSAGE, logUnforeseen } from '#server/api/errors';
import { bodyErrorResponse, readCheckedRequest, RequestBodyError } from '#server/api/request-body';
import { guardRequest, withApiHeaders } from '#server/api/request-guard';
import { appRouter } from '#server/api/root';

// better-sqlite3 is a native module: this route runs on Node, never on the Edge.
export const runtime = 'nodejs';

async function handler(req: Request) {
  // Foreign Host, foreign Origin or a non-JSON mutation: 403 before a byte of the body is read.
  const refused = guardRequest(req);
  if (refused) return refused;
  let checked: Request;
  try {
    // Counted on the bytes as they arrive (chunked or not), then handed to tRPC already in memory.
    checked = await readCheckedRequest(req);
  } catch (error) {
    if (error instanceof RequestBodyError) return withApiHeaders(bodyErrorResponse(error));
    throw error;
  }
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: checked,
    router: appRouter,
    createContext: () => {
      try {
        return createContext(checked);
      } catch (cause) {
        // Opening the database can fail (disk, permissions); the path and reason stay in the server log.
        console.error('[api] cannot create the request context:', cause);
        throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_ERROR_MESSAGE });
      }
    },
    // Failures outside a procedure (turning a result into the response, above all) reach no middleware.
    onError: logUnforeseen,
  });
  return withApiHeaders(response);
}

export { handler as GET, handler as POST };

import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '#server/api/context';
import { GENERIC_ERROR_MESSAGE } from '#server/api/errors';
import { appRouter } from '#server/api/root';

// better-sqlite3 is a native module: this route runs on Node, never on the Edge.
export const runtime = 'nodejs';

/** Larger than any legitimate request (a 5 MB payload, a 20 MB CSV): refused before the body is read. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

function handler(req: Request) {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES)
    return Response.json(
      { error: { message: `the request body is ${declared} bytes; at most ${MAX_BODY_BYTES} are accepted`, code: 'PAYLOAD_TOO_LARGE' } },
      { status: 413 },
    );
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => {
      try {
        return createContext();
      } catch (cause) {
        // Opening the database can fail (disk, permissions); the path and reason stay in the server log.
        console.error('[api] cannot create the request context:', cause);
        throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_ERROR_MESSAGE });
      }
    },
  });
}

export { handler as GET, handler as POST };

import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '#server/api/context';
import { GENERIC_ERROR_MESSAGE } from '#server/api/errors';
import { appRouter } from '#server/api/root';

// better-sqlite3 is a native module: this route runs on Node, never on the Edge.
export const runtime = 'nodejs';

function handler(req: Request) {
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

import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { ServiceError } from '../services/errors';

/** What the client sees for any failure we did not foresee; the cause goes to the server log only. */
export const GENERIC_ERROR_MESSAGE = 'Something went wrong on the server. The details are in the server log.';

const CODE_OF: Record<ServiceError['kind'], TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  validation: 'BAD_REQUEST',
  forbidden: 'FORBIDDEN',
  precondition: 'PRECONDITION_FAILED',
};

/**
 * The one adapter from domain errors to tRPC errors. tRPC wraps whatever a resolver throws in a TRPCError
 * whose `cause` is the original, so both the wrapper and the bare error are accepted.
 */
export function toTRPCError(error: unknown, where = 'procedure'): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof ServiceError) return new TRPCError({ code: CODE_OF[cause.kind], message: cause.message, cause });
  // Input validation, role checks and other deliberate tRPC errors already carry a code and a safe message.
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') return error;
  console.error(`[api] ${where} failed:`, cause);
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_ERROR_MESSAGE });
}

/**
 * tRPC's onError hook. A failure inside a procedure was already logged (and stripped of its cause) by the
 * procedures' error middleware; one that happens outside it — turning a result into the response, reading the
 * input — still carries its cause, and would otherwise leave a 500 with nothing in the log.
 */
export function logUnforeseen({ error, path, req }: { error: TRPCError; path?: string; req?: Request }): void {
  if (error.code !== 'INTERNAL_SERVER_ERROR' || !error.cause) return;
  const where = path ?? (req ? new URL(req.url).pathname : 'request');
  console.error(`[api] ${where} failed:`, error.cause);
}

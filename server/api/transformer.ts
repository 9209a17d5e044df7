import { TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { findUnsafeKey, formatJsonPath } from '../engine/plain-json';

/**
 * superjson on both sides, with one check on the way in. superjson's serialiser refuses an object holding the key
 * `__proto__`, `constructor` or `prototype`, but its deserialiser lets `constructor` and `prototype` through and
 * silently drops `__proto__`: a draft holding one was saved (or saved without it) and every later read failed.
 * Such a key anywhere in a request is refused here, with its place, before superjson or zod touch the input.
 */
function deserializeInput(wire: unknown): unknown {
  const json = typeof wire === 'object' && wire !== null ? (wire as { json?: unknown }).json : undefined;
  const problem = findUnsafeKey(json);
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `${formatJsonPath(problem.path)}: ${problem.message}` });
  return superjson.deserialize(wire as Parameters<typeof superjson.deserialize>[0]);
}

export const apiTransformer = {
  input: { serialize: superjson.serialize, deserialize: deserializeInput },
  output: superjson,
};

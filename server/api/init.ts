import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiContext } from './context';
import { GENERIC_ERROR_MESSAGE, toTRPCError } from './errors';
import { rolesForProcedure } from './policy';
import { apiTransformer } from './transformer';

/**
 * tRPC building blocks. Only the policy-checked procedure leaves this file, so no router can forget the check.
 */
const t = initTRPC.context<ApiContext>().create({
  transformer: apiTransformer,
  errorFormatter({ shape, error }) {
    // Belt and braces: whatever reaches the wire as a 500 carries the generic message, never a cause or a stack.
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const issues = issuesOf(error.cause);
    const { stack: _stack, ...data } = shape.data;
    // Input validation: a readable sentence instead of zod's JSON dump, with the issues beside it for forms.
    const readable = issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return {
      ...shape,
      message: internal ? GENERIC_ERROR_MESSAGE : (readable ?? shape.message),
      data: { ...data, issues },
    };
  },
});

/** Input validation failures, reduced to what a form can show next to a field. */
function issuesOf(cause: unknown): { path: string; message: string }[] | null {
  const list = (cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(list)) return null;
  return list.slice(0, 20).map((i: { path?: PropertyKey[] | { key: PropertyKey }[]; message?: string }) => ({
    path: (i.path ?? []).map((p) => String(typeof p === 'object' && p !== null ? p.key : p)).join('.'),
    message: String(i.message ?? 'invalid'),
  }));
}

const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error, path);
  return result;
});

/**
 * Sign-in first (401), then the policy table by the procedure's path (403). A path missing from the table is
 * refused for everyone, so a new procedure is closed until someone decides who may call it.
 */
const authorize = t.middleware(({ ctx, path, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  const allowed = rolesForProcedure(path);
  if (!allowed) throw new TRPCError({ code: 'FORBIDDEN', message: `"${path}" has no entry in the access policy` });
  if (!allowed.includes(ctx.user.role))
    throw new TRPCError({ code: 'FORBIDDEN', message: `"${path}" is for ${allowed.join(', ')}; you are ${ctx.user.role}` });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** The one procedure builder: signed in, and allowed by server/api/policy.ts for this path. */
export const procedure = t.procedure.use(mapErrors).use(authorize);

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

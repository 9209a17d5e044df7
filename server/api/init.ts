import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiContext, Role } from './context';
import { GENERIC_ERROR_MESSAGE, toTRPCError } from './errors';
import { apiTransformer } from './transformer';

/**
 * tRPC building blocks. Only role-checked procedures leave this file, so no router can forget the check.
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

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error, path);
  return result;
});

function requireRole(minimum: Role) {
  return t.middleware(({ ctx, next }) => {
    if (RANK[ctx.user.role] < RANK[minimum])
      throw new TRPCError({ code: 'FORBIDDEN', message: `this needs the ${minimum} role; you are ${ctx.user.role}` });
    return next();
  });
}

const base = t.procedure.use(mapErrors);

export const viewerProcedure = base.use(requireRole('viewer'));
export const analystProcedure = base.use(requireRole('analyst'));
export const adminProcedure = base.use(requireRole('admin'));

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

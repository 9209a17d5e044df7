import { createUser, listUsers, resetUserPassword, setUserDisabled, setUserRole, type Actor } from '../../services/users';
import type { ApiContext, ApiUser } from '../context';
import { procedure } from '../init';
import { UserCreateInput, UserResetPasswordInput, UserSetDisabledInput, UserSetRoleInput } from '../user-inputs';

/** The caller as the audit trail records them. */
export function actorOf(ctx: ApiContext & { user: ApiUser }): Actor {
  return { userId: ctx.user.id, username: ctx.user.username, role: ctx.user.role, clientAddress: ctx.clientAddress };
}

/** User management (admins, by the policy table). Password hashes never leave the service. */
export const usersRouter = {
  list: procedure.query(({ ctx }) => listUsers(ctx.db)),
  create: procedure.input(UserCreateInput).mutation(({ ctx, input }) => createUser(ctx.db, input, actorOf(ctx))),
  setRole: procedure.input(UserSetRoleInput).mutation(({ ctx, input }) => setUserRole(ctx.db, input.username, input.role, actorOf(ctx))),
  setDisabled: procedure
    .input(UserSetDisabledInput)
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, input.username, input.disabled, actorOf(ctx))),
  resetPassword: procedure
    .input(UserResetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      await resetUserPassword(ctx.db, input.username, input.password, actorOf(ctx));
      return { ok: true as const };
    }),
};

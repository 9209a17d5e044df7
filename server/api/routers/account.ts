import { PreconditionError } from '../../services/errors';
import { changeOwnPassword, findUser } from '../../services/users';
import { procedure } from '../init';
import { ChangePasswordInput } from '../user-inputs';
import { actorOf } from './users';

/** The signed-in user's own account: who am I, and change my password. */
export const accountRouter = {
  me: procedure.query(({ ctx }) => {
    const user = findUser(ctx.db, ctx.user.username);
    return { username: ctx.user.username, displayName: user?.displayName ?? ctx.user.username, role: ctx.user.role };
  }),
  changePassword: procedure.input(ChangePasswordInput).mutation(async ({ ctx, input }) => {
    if (ctx.user.id === null) throw new PreconditionError('this caller has no account whose password could change');
    await changeOwnPassword(
      ctx.db,
      { userId: ctx.user.id, currentPassword: input.currentPassword, newPassword: input.newPassword, keepSessionId: ctx.sessionId },
      actorOf(ctx),
    );
    return { ok: true as const };
  }),
};

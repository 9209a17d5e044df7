import { z } from 'zod';
import { ROLES } from '../services/users-roles';

/**
 * Inputs of the account and user procedures, shared with the browser's forms. Pure zod. Length rules that the
 * service also enforces (password length, username shape) are checked there, with the same wording everywhere.
 */
const Username = z.string().min(1).max(64);
const Password = z.string().min(1).max(256);

export const UserCreateInput = z.object({
  username: Username,
  displayName: z.string().max(100).optional(),
  role: z.enum(ROLES),
  password: Password,
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;

export const UserSetRoleInput = z.object({ username: Username, role: z.enum(ROLES) });
export const UserSetDisabledInput = z.object({ username: Username, disabled: z.boolean() });
export const UserResetPasswordInput = z.object({ username: Username, password: Password });
export const ChangePasswordInput = z.object({ currentPassword: Password, newPassword: Password });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

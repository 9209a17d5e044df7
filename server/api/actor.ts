import type { Actor } from '../services/audit';
import type { ApiUser } from './context';

/** The signed-in caller as the services record it (four-eyes rule, audit trail). */
export function actorOf(ctx: { user: ApiUser | null; clientAddress?: string | null }): Actor {
  if (!ctx.user) throw new Error('actorOf: the procedure middleware lets no anonymous caller through');
  return { username: ctx.user.username, role: ctx.user.role, clientAddress: ctx.clientAddress ?? null };
}

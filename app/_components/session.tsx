'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { mayCall, type ProcedurePath } from '#server/api/policy';
import type { Role } from '#server/services/users-roles';

export interface SignedInUser {
  username: string;
  displayName: string;
  role: Role;
}

interface Session {
  user: SignedInUser;
  /** Whether the policy table lets this user call a procedure: for hiding controls (the server checks anyway). */
  can: (path: ProcedurePath) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ user, children }: { user: SignedInUser; children: ReactNode }) {
  const value = useMemo<Session>(() => ({ user, can: (path) => mayCall(user.role, path) }), [user]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in user. Outside the studio's pages (tests rendering a component alone) everything is allowed. */
export function useSession(): Session | null {
  return useContext(SessionContext);
}

/** Shorthand for hiding a control: true when the user may call the procedure (or no session is known). */
export function useCan(path: ProcedurePath): boolean {
  const session = useSession();
  return session ? session.can(path) : true;
}

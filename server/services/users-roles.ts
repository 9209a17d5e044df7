/**
 * The four roles. Not a ladder: an integrator (IT) maintains form templates and sample submissions, an analyst
 * (finance) edits mapping drafts and lookup tables; both preview; an admin may do everything and approves. What
 * each role may call is declared once, in server/api/policy.ts.
 */
export const ROLES = ['viewer', 'analyst', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

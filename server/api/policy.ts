import type { Role } from '../services/users-roles';

/**
 * Who may call what: the one table. Every tRPC procedure (by its path) and every route handler (by method and
 * path) has an entry; the procedure middleware (init.ts) and the route handlers read it, and the policy test
 * fails when a procedure has none. The UI reads it too, to hide what a role may not do — but the server is the
 * guard. Pure data, no server imports: the browser bundles it.
 *
 * viewer      reads everything except secrets
 * analyst     edits mapping drafts and lookup tables, previews, submits for review
 * integrator  IT: form templates, sample submissions, connectors, finance systems, replays, previews
 * admin       everything, and approves, rejects, activates, rolls back, manages users
 */
const EVERYONE = ['viewer', 'analyst', 'integrator', 'admin'] as const satisfies readonly Role[];
const DRAFT_EDITORS = ['analyst', 'admin'] as const satisfies readonly Role[];
const FORM_KEEPERS = ['integrator', 'admin'] as const satisfies readonly Role[];
const PREVIEWERS = ['analyst', 'integrator', 'admin'] as const satisfies readonly Role[];
const ADMINS = ['admin'] as const satisfies readonly Role[];

export const PROCEDURE_POLICY = {
  // mappings and their drafts
  'mappings.list': EVERYONE,
  'mappings.get': EVERYONE,
  'mappings.saveDraft': DRAFT_EDITORS,
  'mappings.create': DRAFT_EDITORS,
  'mappings.duplicate': DRAFT_EDITORS,
  'mappings.delete': DRAFT_EDITORS,
  // previews run a mapping on a sample; they change nothing
  'preview.run': PREVIEWERS,
  // lookup tables are the analysts' master data
  'tables.list': EVERYONE,
  'tables.get': EVERYONE,
  'tables.exportCsv': EVERYONE,
  'tables.replaceRows': DRAFT_EDITORS,
  'tables.importCsv': DRAFT_EDITORS,
  // form templates and sample submissions are IT's
  'templates.list': EVERYONE,
  'templates.get': EVERYONE,
  'templates.inferFromPayload': FORM_KEEPERS,
  'samples.list': EVERYONE,
  'samples.get': EVERYONE,
  'catalogues.targetFormats': EVERYONE,
  'catalogues.functions': EVERYONE,
  'catalogues.target': EVERYONE,
  // one's own account
  'account.me': EVERYONE,
  'account.changePassword': EVERYONE,
  // reviewed versions: analysts submit, an administrator who is not the author decides (the service enforces that)
  'versions.list': EVERYONE,
  'versions.get': EVERYONE,
  'versions.diff': EVERYONE,
  'versions.review': EVERYONE,
  // the same comparison as versions.review, for one payload the reviewer pastes
  'versions.reviewPayload': EVERYONE,
  'versions.submit': DRAFT_EDITORS,
  'versions.approve': ADMINS,
  'versions.reject': ADMINS,
  'versions.rollback': ADMINS,
  // the audit trail holds client addresses and failed sign-ins: administrators only
  'audit.list': ADMINS,
  'audit.exportCsv': ADMINS,
  'audit.verify': ADMINS,
  // live execution: anyone reads connectors (never their secrets), finance systems and runs; IT configures and replays
  'connectors.list': EVERYONE,
  'connectors.create': FORM_KEEPERS,
  'connectors.update': FORM_KEEPERS,
  'targets.list': EVERYONE,
  'targets.create': FORM_KEEPERS,
  'targets.assign': FORM_KEEPERS,
  'runs.list': EVERYONE,
  'runs.get': EVERYONE,
  'runs.replay': FORM_KEEPERS,
  // user management
  'users.list': ADMINS,
  'users.create': ADMINS,
  'users.setRole': ADMINS,
  'users.setDisabled': ADMINS,
  'users.resetPassword': ADMINS,
} as const satisfies Record<string, readonly Role[]>;

/** Route handlers: 'public' needs no session; a role list needs a session of one of those roles. */
export const ROUTE_POLICY = {
  'POST /api/auth/login': 'public',
  // Ends whatever session the cookie names; without one it just clears the cookie.
  'POST /api/auth/logout': 'public',
  // Accepted only with the one-time setup code, and only while no account exists.
  'POST /api/auth/setup': 'public',
  'GET /api/health': 'public',
  // OA systems and middleware: the connector's signature is the credential (checked before anything is stored)
  'POST /api/hooks/[name]': 'public',
  'GET /api/hooks/[name]': 'public',
  // the demo's local finance system: the demo-ledger target's signature is the credential
  'POST /api/demo-ledger': 'public',
  // `npm run bench:ingest` only: answers 404 unless the server runs with LEDGERLINK_BENCH=1. It is the benchmark's
  // floor (a bare durable insert with no signature check), so it cannot ask for a session either: the webhook route
  // it is measured against needs none.
  'POST /api/bench/baseline': 'public',
  // Signed in; each procedure is then checked against PROCEDURE_POLICY.
  'GET /api/trpc/[trpc]': EVERYONE,
  'POST /api/trpc/[trpc]': EVERYONE,
  // a period's vouchers as a file (CSV, XLSX, Kingdee JSON, U8 XML); audited as an export
  'GET /api/exports/vouchers': EVERYONE,
} as const satisfies Record<string, 'public' | readonly Role[]>;

export type ProcedurePath = keyof typeof PROCEDURE_POLICY;
export type RouteKey = keyof typeof ROUTE_POLICY;

/** The roles allowed to call a procedure; undefined for a path the table does not know (which is refused). */
export function rolesForProcedure(path: string): readonly Role[] | undefined {
  return Object.hasOwn(PROCEDURE_POLICY, path) ? PROCEDURE_POLICY[path as ProcedurePath] : undefined;
}

export function mayCall(role: Role | null | undefined, path: ProcedurePath): boolean {
  return !!role && (PROCEDURE_POLICY[path] as readonly Role[]).includes(role);
}

export function routeAccess(key: RouteKey): 'public' | readonly Role[] {
  return ROUTE_POLICY[key];
}

import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { financeTargets, mappings, mappingTargets } from '../../db/schema';
import { newWebhookSecret } from '../inbound/standard-webhook';
import { openSecrets, sealSecrets } from '../secrets';
import { actedBy, appendAudit, type ActingParty as Actor } from './audit';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors';
import type { DbOrTx } from './audit';

export const TARGET_KINDS = ['kingdee', 'u8', 'webhook'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Which voucher documents each kind of finance system takes; a signed webhook takes any document. */
const ACCEPTS: Record<TargetKind, readonly string[] | null> = {
  kingdee: ['kingdee-gl-voucher'],
  u8: ['u8-voucher-xml'],
  webhook: null,
};

export const TargetName = z
  .string()
  .trim()
  .min(1, 'a finance system needs a name')
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'finance system names use lower-case letters, digits, _ and -');

/** An absolute http(s) URL, or a path on this server itself (`/api/demo-ledger`: the demo's local finance system). */
const httpUrl = z
  .string()
  .trim()
  .refine(
    (u) => /^\/api\/[a-z0-9/_-]+$/.test(u) || (URL.canParse(u) && /^https?:\/\//i.test(u)),
    'the URL must be absolute http(s), e.g. https://erp.example.com/k3cloud/ (or a path of this server, /api/…)',
  );

const TargetSettings = {
  kingdee: z.object({ acctId: z.string().trim().min(1, 'the Kingdee account set id (acctId) is required'), username: z.string().trim().min(1, 'the Kingdee user is required'), lcid: z.number().int().default(2052) }).strict(),
  u8: z.object({}).strict(),
  webhook: z.object({}).strict(),
} as const;
const TargetSecrets = {
  kingdee: z.object({ password: z.string().min(1, 'the Kingdee password is required') }).strict(),
  u8: z.object({}).strict(),
  webhook: z.object({ secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'the signing secret looks like whsec_ followed by base64') }).strict(),
} as const;

export const CreateTargetInput = z.object({
  name: TargetName,
  kind: z.enum(TARGET_KINDS),
  url: httpUrl,
  settings: z.record(z.string(), z.unknown()).optional(),
  secrets: z.record(z.string(), z.unknown()).optional(),
  mappings: z.array(z.string().min(1)).max(100).optional(),
});
export type CreateTargetInput = z.input<typeof CreateTargetInput>;

export const AssignTargetInput = z.object({ mapping: z.string().min(1), target: TargetName.nullable() });

export interface TargetView {
  name: string;
  kind: TargetKind;
  url: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  mappings: string[];
  createdAt: string;
}

export interface LiveTarget {
  id: number;
  name: string;
  kind: TargetKind;
  url: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

const aad = (name: string) => `finance-target:${name}`;

function mappingsOf(db: DbOrTx, targetId: number): string[] {
  return db
    .select({ name: mappings.name })
    .from(mappingTargets)
    .innerJoin(mappings, eq(mappings.id, mappingTargets.mappingId))
    .where(eq(mappingTargets.targetId, targetId))
    .orderBy(asc(mappings.name))
    .all()
    .map((r) => r.name);
}

function view(db: DbOrTx, row: typeof financeTargets.$inferSelect): TargetView {
  const secrets = openSecrets(row.secretsSealed, aad(row.name)) as Record<string, unknown>;
  return {
    name: row.name,
    kind: row.kind as TargetKind,
    url: row.url,
    settings: JSON.parse(row.settingsJson) as Record<string, unknown>,
    secretsSet: Object.keys(secrets),
    mappings: mappingsOf(db, row.id),
    createdAt: row.createdAt,
  };
}

/** Points a mapping at a finance system (or at none); its document format must be one the system takes. */
function assign(tx: DbOrTx, mappingName: string, target: typeof financeTargets.$inferSelect | null): void {
  const mapping = tx.select().from(mappings).where(eq(mappings.name, mappingName)).get();
  if (!mapping) throw new NotFoundError(`mapping "${mappingName}" does not exist`);
  if (!target) {
    tx.delete(mappingTargets).where(eq(mappingTargets.mappingId, mapping.id)).run();
    return;
  }
  const accepts = ACCEPTS[target.kind as TargetKind];
  if (accepts && !accepts.includes(mapping.targetFormat))
    throw new ValidationError(`mapping "${mappingName}" produces ${mapping.targetFormat} documents; a ${target.kind} system takes ${accepts.join(', ')}`);
  tx.insert(mappingTargets)
    .values({ mappingId: mapping.id, targetId: target.id })
    .onConflictDoUpdate({ target: mappingTargets.mappingId, set: { targetId: target.id } })
    .run();
}

/** Creates a finance system; a webhook without a secret gets a fresh one, returned this once. */
export function createTarget(db: Db, actor: Actor, raw: CreateTargetInput): TargetView & { secret?: string } {
  const input = parseInput(CreateTargetInput, raw, 'finance system');
  const settings = parseInput(TargetSettings[input.kind] as z.ZodType<Record<string, unknown>>, input.settings ?? {}, `${input.kind} settings`);
  let secretsInput = input.secrets ?? {};
  let generated: string | undefined;
  if (input.kind === 'webhook' && !('secret' in secretsInput)) {
    generated = newWebhookSecret();
    secretsInput = { secret: generated };
  }
  const secrets = parseInput(TargetSecrets[input.kind] as z.ZodType<Record<string, unknown>>, secretsInput, `${input.kind} credentials`);
  return db.transaction((tx) => {
    if (tx.select({ id: financeTargets.id }).from(financeTargets).where(eq(financeTargets.name, input.name)).get())
      throw new ConflictError(`a finance system named "${input.name}" exists already`);
    const row = tx
      .insert(financeTargets)
      .values({ name: input.name, kind: input.kind, url: input.url, settingsJson: JSON.stringify(settings), secretsSealed: sealSecrets(secrets, aad(input.name)) })
      .returning()
      .get();
    for (const m of input.mappings ?? []) assign(tx, m, row);
    const shown = view(tx, row);
    appendAudit(tx, { ...actedBy(actor), action: 'finance_target.create', objectType: 'finance_target', objectId: input.name, after: shown });
    return { ...shown, ...(input.kind === 'webhook' ? { secret: generated ?? (secrets.secret as string) } : {}) };
  });
}

export function assignTarget(db: Db, actor: Actor, raw: z.input<typeof AssignTargetInput>): { mapping: string; target: string | null } {
  const input = parseInput(AssignTargetInput, raw, 'assignment');
  return db.transaction((tx) => {
    const target = input.target ? tx.select().from(financeTargets).where(eq(financeTargets.name, input.target)).get() : null;
    if (input.target && !target) throw new NotFoundError(`no finance system named "${input.target}"`);
    assign(tx, input.mapping, target ?? null);
    appendAudit(tx, { ...actedBy(actor), action: 'mapping.target', objectType: 'mapping', objectId: input.mapping, after: { target: input.target } });
    return { mapping: input.mapping, target: input.target };
  });
}

export function listTargets(db: Db): TargetView[] {
  return db.select().from(financeTargets).orderBy(asc(financeTargets.name)).all().map((r) => view(db, r));
}

export function liveTarget(db: DbOrTx, id: number): LiveTarget | null {
  const row = db.select().from(financeTargets).where(eq(financeTargets.id, id)).get();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as TargetKind,
    url: row.url,
    settings: JSON.parse(row.settingsJson) as Record<string, unknown>,
    secrets: openSecrets(row.secretsSealed, aad(row.name)) as Record<string, string>,
  };
}

import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { connectors } from '../../db/schema';
import { OA_SYSTEMS } from '../engine/form-record';
import { newWebhookSecret } from '../inbound/standard-webhook';
import { openSecrets, sealSecrets } from '../secrets';
import { actedBy, appendAudit, type ActingParty as Actor } from './audit';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors';
import {
  CONNECTOR_KINDS, ConnectorSecretsSchemas, ConnectorSettingsSchemas, type ConnectorKind, type ConnectorSecrets, type ConnectorSettings,
} from './connector-kinds';

export { CONNECTOR_KINDS, type ConnectorKind };


export const ConnectorName = z
  .string()
  .trim()
  .min(1, 'a connector needs a name')
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'connector names use lower-case letters, digits, _ and - (they are part of the URL /api/hooks/NAME)');

export const CreateConnectorInput = z.object({
  name: ConnectorName,
  kind: z.enum(CONNECTOR_KINDS),
  format: z.enum(OA_SYSTEMS),
  templateCode: z.string().trim().min(1).max(200).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  /** omitted for a webhook: a fresh whsec_ secret is generated and shown once */
  secrets: z.record(z.string(), z.unknown()).optional(),
});
export type CreateConnectorInput = z.input<typeof CreateConnectorInput>;

export const UpdateConnectorInput = z.object({
  name: ConnectorName,
  templateCode: z.string().trim().min(1).max(200).nullable().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  /** replaces the stored secrets when given; a webhook may list several secrets while keys rotate */
  secrets: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateConnectorInput = z.input<typeof UpdateConnectorInput>;

/** What anyone may see of a connector: never its secrets, only which of them are set. */
export interface ConnectorView {
  name: string;
  kind: ConnectorKind;
  format: (typeof OA_SYSTEMS)[number];
  templateCode: string | null;
  path: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A connector as the ingest path needs it, secrets opened. Server-side only. */
export interface LiveConnector {
  id: number;
  name: string;
  kind: ConnectorKind;
  format: (typeof OA_SYSTEMS)[number];
  templateCode: string | null;
  settings: ConnectorSettings;
  secrets: ConnectorSecrets;
  enabled: boolean;
}

const aad = (name: string) => `connector:${name}`;
export const hookPath = (name: string) => `/api/hooks/${name}`;

function checkKindFormat(kind: ConnectorKind, format: string) {
  // A vendor's own callback can only carry that vendor's instances; the webhook kind carries any format.
  if (kind !== 'webhook' && kind !== format)
    throw new ValidationError(`a ${kind} callback connector reads ${kind} instances, not ${format}: use --format ${kind} or the webhook kind`);
}

function validSettings(kind: ConnectorKind, settings: unknown): ConnectorSettings {
  return parseInput(ConnectorSettingsSchemas[kind] as z.ZodType<ConnectorSettings>, settings ?? {}, `${kind} connector settings`);
}

function validSecrets(kind: ConnectorKind, secrets: unknown): ConnectorSecrets {
  return parseInput(ConnectorSecretsSchemas[kind] as z.ZodType<ConnectorSecrets>, secrets, `${kind} connector secrets`);
}

function view(row: typeof connectors.$inferSelect): ConnectorView {
  const secrets = openSecrets(row.secretsSealed, aad(row.name)) as Record<string, unknown>;
  return {
    name: row.name,
    kind: row.kind as ConnectorKind,
    format: row.format as ConnectorView['format'],
    templateCode: row.templateCode,
    path: hookPath(row.name),
    settings: JSON.parse(row.settingsJson) as Record<string, unknown>,
    secretsSet: Object.keys(secrets).filter((k) => secrets[k] !== undefined && secrets[k] !== ''),
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Creates a connector. For a webhook without a given secret one is generated: the answer carries it this once
 * (the CLI prints it for the sender's configuration); it is never shown again.
 */
export function createConnector(db: Db, actor: Actor, raw: CreateConnectorInput): ConnectorView & { secret?: string } {
  const input = parseInput(CreateConnectorInput, raw, 'connector');
  checkKindFormat(input.kind, input.format);
  const settings = validSettings(input.kind, input.settings);
  let generated: string | undefined;
  let secretsInput = input.secrets;
  if (input.kind === 'webhook' && !secretsInput) {
    generated = newWebhookSecret();
    secretsInput = { webhookSecrets: [generated] };
  }
  const secrets = validSecrets(input.kind, secretsInput);
  return db.transaction((tx) => {
    if (tx.select({ id: connectors.id }).from(connectors).where(eq(connectors.name, input.name)).get())
      throw new ConflictError(`a connector named "${input.name}" exists already`);
    const row = tx
      .insert(connectors)
      .values({
        name: input.name,
        kind: input.kind,
        format: input.format,
        templateCode: input.templateCode ?? null,
        settingsJson: JSON.stringify(settings),
        secretsSealed: sealSecrets(secrets, aad(input.name)),
      })
      .returning()
      .get();
    const shown = view(row);
    appendAudit(tx, { ...actedBy(actor), action: 'connector.create', objectType: 'connector', objectId: input.name, after: { ...shown, createdAt: undefined, updatedAt: undefined } });
    const secret = input.kind === 'webhook' ? (generated ?? (secrets as { webhookSecrets: string[] }).webhookSecrets[0]) : undefined;
    return { ...shown, ...(secret ? { secret } : {}) };
  });
}

export function updateConnector(db: Db, actor: Actor, raw: UpdateConnectorInput): ConnectorView {
  const input = parseInput(UpdateConnectorInput, raw, 'connector');
  return db.transaction((tx) => {
    const row = tx.select().from(connectors).where(eq(connectors.name, input.name)).get();
    if (!row) throw new NotFoundError(`no connector named "${input.name}"`);
    const kind = row.kind as ConnectorKind;
    const before = view(row);
    const patch: Partial<typeof connectors.$inferInsert> = { updatedAt: new Date().toISOString() };
    if (input.templateCode !== undefined) patch.templateCode = input.templateCode;
    if (input.settings !== undefined) patch.settingsJson = JSON.stringify(validSettings(kind, input.settings));
    if (input.secrets !== undefined) patch.secretsSealed = sealSecrets(validSecrets(kind, input.secrets), aad(row.name));
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    const updated = tx.update(connectors).set(patch).where(eq(connectors.id, row.id)).returning().get();
    const after = view(updated);
    appendAudit(tx, {
      ...actedBy(actor),
      action: 'connector.update',
      objectType: 'connector',
      objectId: row.name,
      before: { ...before, createdAt: undefined, updatedAt: undefined },
      // Which secrets changed is recorded, never their values.
      after: { ...after, createdAt: undefined, updatedAt: undefined, secretsReplaced: input.secrets !== undefined },
    });
    return after;
  });
}

export function listConnectors(db: Db): ConnectorView[] {
  return db.select().from(connectors).orderBy(asc(connectors.name)).all().map(view);
}

export function getConnectorView(db: Db, name: string): ConnectorView {
  const row = db.select().from(connectors).where(eq(connectors.name, name)).get();
  if (!row) throw new NotFoundError(`no connector named "${name}"`);
  return view(row);
}

/** The connector with its secrets opened, or null when there is none by that name. */
export function liveConnector(db: Db, name: string): LiveConnector | null {
  const row = db.select().from(connectors).where(eq(connectors.name, name)).get();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ConnectorKind,
    format: row.format as LiveConnector['format'],
    templateCode: row.templateCode,
    settings: JSON.parse(row.settingsJson) as ConnectorSettings,
    secrets: openSecrets(row.secretsSealed, aad(row.name)) as ConnectorSecrets,
    enabled: row.enabled,
  };
}

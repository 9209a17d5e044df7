import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { mappings } from '../../db/schema';
import { MappingSpecSchema, type MappingSpec } from '../engine';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors';

export interface MappingSummary {
  name: string;
  label: { zh?: string; en?: string } | null;
  description: string;
  sourceConnector: string;
  templateCode: string;
  targetFormat: string;
  revision: number;
  updatedAt: string;
}

export interface MappingDetail extends MappingSummary {
  spec: MappingSpec;
  layout: Record<string, unknown>;
}

function summary(row: typeof mappings.$inferSelect): MappingSummary {
  const spec = JSON.parse(row.draftSpecJson) as MappingSpec;
  return {
    name: row.name,
    label: spec.label ?? null,
    description: spec.description ?? '',
    sourceConnector: row.sourceConnector,
    templateCode: row.templateCode,
    targetFormat: row.targetFormat,
    revision: row.revision,
    updatedAt: row.updatedAt,
  };
}

export function listMappings(db: Db): MappingSummary[] {
  return db.select().from(mappings).orderBy(asc(mappings.name)).all().map(summary);
}

export function getMapping(db: Db, name: string): MappingDetail {
  const row = db.select().from(mappings).where(eq(mappings.name, name)).get();
  if (!row) throw new NotFoundError(`mapping "${name}" does not exist`);
  return { ...summary(row), spec: JSON.parse(row.draftSpecJson), layout: JSON.parse(row.layoutJson) };
}

/** Parses mapping spec JSON text (as exported for review in git) into a validated spec. */
export function parseSpecText(text: string, what = 'mapping spec'): MappingSpec {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ValidationError(`${what} is not JSON: ${(e as Error).message}`);
  }
  return parseInput(MappingSpecSchema, json, what);
}

/** Creates the mapping from a spec, or replaces its draft (the layout is kept). Returns the new revision. */
export function importMapping(db: Db, spec: MappingSpec): { name: string; revision: number; created: boolean } {
  const valid = parseInput(MappingSpecSchema, spec, 'mapping spec');
  return db.transaction((tx) => {
    const existing = tx.select().from(mappings).where(eq(mappings.name, valid.name)).get();
    const cols = {
      sourceConnector: valid.source.connector,
      templateCode: valid.source.templateCode,
      targetFormat: valid.target.format,
      draftSpecJson: JSON.stringify(valid),
    };
    if (!existing) {
      tx.insert(mappings).values({ name: valid.name, ...cols }).run();
      return { name: valid.name, revision: 1, created: true };
    }
    const revision = existing.revision + 1;
    tx.update(mappings).set({ ...cols, revision, updatedAt: new Date().toISOString() }).where(eq(mappings.id, existing.id)).run();
    return { name: valid.name, revision, created: false };
  });
}

export const SaveDraftInput = z.object({
  name: z.string().min(1).max(120),
  spec: MappingSpecSchema,
  layout: z.record(z.string(), z.unknown()).optional(),
  /** The revision the editor loaded; a save on top of anything newer is refused. */
  expectedRevision: z.number().int().positive(),
});
export type SaveDraftInput = z.input<typeof SaveDraftInput>;

export function saveDraft(db: Db, input: SaveDraftInput): { revision: number } {
  const { name, spec, layout, expectedRevision } = parseInput(SaveDraftInput, input, 'draft');
  if (spec.name !== name) throw new ValidationError(`the spec is named "${spec.name}", not "${name}"`);
  return db.transaction((tx) => {
    const row = tx.select().from(mappings).where(eq(mappings.name, name)).get();
    if (!row) throw new NotFoundError(`mapping "${name}" does not exist`);
    if (row.revision !== expectedRevision)
      throw new ConflictError(
        `mapping "${name}" was saved elsewhere (revision ${row.revision}, yours is ${expectedRevision}); reload to see the newer draft`,
        { currentRevision: row.revision },
      );
    const revision = row.revision + 1;
    tx.update(mappings)
      .set({
        draftSpecJson: JSON.stringify(spec),
        layoutJson: layout ? JSON.stringify(layout) : row.layoutJson,
        targetFormat: spec.target.format,
        sourceConnector: spec.source.connector,
        templateCode: spec.source.templateCode,
        revision,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(mappings.id, row.id))
      .run();
    return { revision };
  });
}

export function exportMapping(db: Db, name: string): string {
  return JSON.stringify(getMapping(db, name).spec, null, 2) + '\n';
}

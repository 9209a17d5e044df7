import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { mappings } from '../../db/schema';
import { MappingSpecSchema, type MappingSpec } from '../engine';
import { refuseDotSegments } from '../engine/names';
import { DRAFT_LIMITS, findPlainJsonProblem, formatJsonPath, plainJson, UNSAFE_KEYS } from '../engine/plain-json';
import type { MappingSpecInput } from '../engine/spec';
import type { Actor } from './audit';
import { recordDraftSave } from './audit-draft-sessions';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors';
import { specHash } from './spec-hash';

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const StorableName = refuseDotSegments(z.string(), 'a mapping name');

/**
 * A spec as it may be stored: plain JSON within the draft's limits before anything else (so a reserved key, a
 * BigInt or a circular reference is refused with its place, never met later by JSON.stringify or superjson),
 * then a valid MappingSpec whose name can be a web address segment.
 */
const StorableSpecSchema = plainJson(z.custom<MappingSpecInput>(isObject, 'the spec must be an object'), DRAFT_LIMITS.spec)
  .pipe(MappingSpecSchema)
  .superRefine((spec, ctx) => {
    const name = StorableName.safeParse(spec.name);
    if (!name.success) ctx.addIssue({ code: 'custom', message: name.error.issues[0].message, path: ['name'] });
  });

/** The canvas layout: positions only, free-form, so plain JSON within its own limits. */
const StorableLayoutSchema = plainJson(z.custom<Record<string, unknown>>(isObject, 'the layout must be an object'), DRAFT_LIMITS.layout);

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

/**
 * Rows saved before such keys were refused may hold `constructor`, `prototype` or `__proto__` somewhere, and
 * superjson refuses to send an object holding one, so the mapping could not be opened at all. They are left out
 * of what is read (the row itself is not touched, and the server log says where) so the mapping loads again.
 */
function withoutUnsafeKeys(value: unknown, what: string): unknown {
  const dropped: string[] = [];
  const pending: { node: unknown; path: string }[] = [{ node: value, path: '' }];
  // A loop, not recursion: an old row may nest deeper than the stack allows.
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (UNSAFE_KEYS.has(key)) {
        delete (node as Record<string, unknown>)[key];
        dropped.push(at);
      } else pending.push({ node: (node as Record<string, unknown>)[key], path: at });
    }
  }
  if (dropped.length > 0) console.warn(`[mappings] ${what}: left out the reserved key(s) at ${dropped.join(', ')}; saving the draft again removes them`);
  return value;
}

function readSpec(row: typeof mappings.$inferSelect): MappingSpec {
  return withoutUnsafeKeys(JSON.parse(row.draftSpecJson), `mapping "${row.name}" spec`) as MappingSpec;
}

/** The stored layout, or none (the editor then places the nodes itself) when an old row's layout cannot be sent. */
function readLayout(row: typeof mappings.$inferSelect): Record<string, unknown> {
  const layout = withoutUnsafeKeys(JSON.parse(row.layoutJson), `mapping "${row.name}" layout`);
  const problem = findPlainJsonProblem(layout, DRAFT_LIMITS.layout);
  if (!problem && typeof layout === 'object' && layout !== null && !Array.isArray(layout)) return layout as Record<string, unknown>;
  console.warn(`[mappings] mapping "${row.name}": the stored layout is left out (${problem ? `${formatJsonPath(problem.path)}: ${problem.message}` : 'not an object'})`);
  return {};
}

function summary(row: typeof mappings.$inferSelect, spec: MappingSpec = readSpec(row)): MappingSummary {
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
  return db.select().from(mappings).orderBy(asc(mappings.name)).all().map((row) => summary(row));
}

export function getMapping(db: Db, name: string): MappingDetail {
  const row = db.select().from(mappings).where(eq(mappings.name, name)).get();
  if (!row) throw new NotFoundError(`mapping "${name}" does not exist`);
  const spec = readSpec(row);
  return { ...summary(row, spec), spec, layout: readLayout(row) };
}

/** Parses mapping spec JSON text (as exported for review in git) into a validated spec. */
export function parseSpecText(text: string, what = 'mapping spec'): MappingSpec {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ValidationError(`${what} is not JSON: ${(e as Error).message}`);
  }
  return parseInput(StorableSpecSchema, json, what);
}

/** Creates the mapping from a spec, or replaces its draft (the layout is kept). Returns the new revision. */
export function importMapping(db: Db, spec: MappingSpec): { name: string; revision: number; created: boolean } {
  const valid = parseInput(StorableSpecSchema, spec, 'mapping spec');
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
  spec: StorableSpecSchema,
  layout: StorableLayoutSchema.optional(),
  /** The revision the editor loaded; a save on top of anything newer is refused. */
  expectedRevision: z.number().int().positive(),
});
export type SaveDraftInput = z.input<typeof SaveDraftInput>;

export function saveDraft(db: Db, input: SaveDraftInput, actor?: Actor): { revision: number } {
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
    // One audit entry per editing session (see audit-draft-sessions.ts); callers without a person (tests, tools) skip it.
    if (actor)
      recordDraftSave(
        tx,
        actor,
        name,
        { revision: row.revision, specHash: specHash(JSON.parse(row.draftSpecJson)), savedAt: row.updatedAt },
        { revision, specHash: specHash(spec) },
      );
    return { revision };
  });
}

export function exportMapping(db: Db, name: string): string {
  return JSON.stringify(getMapping(db, name).spec, null, 2) + '\n';
}

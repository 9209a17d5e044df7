import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mappingVersions, mappings } from '../../db/schema';
import { MappingSpecSchema, type MappingSpec } from '../engine';
import { getCatalogue } from '../ledgers';
import { ConflictError, NotFoundError, PreconditionError, ValidationError, parseInput } from './errors';
import { getTemplate } from './form-templates';
import { getMapping } from './mappings';
// The one create-mapping schema: pure zod, shared by the router, this service and the wizard in the browser.
import { MappingCreateInput } from '../api/mapping-inputs';

const MappingName = MappingSpecSchema.shape.name;

function insertNew(db: Db, spec: MappingSpec, layoutJson = '{}'): { name: string; revision: number } {
  const taken = db.select({ id: mappings.id }).from(mappings).where(eq(mappings.name, spec.name)).get();
  if (taken) throw new ConflictError(`a mapping named "${spec.name}" already exists; choose another name`);
  db.insert(mappings)
    .values({
      name: spec.name,
      sourceConnector: spec.source.connector,
      templateCode: spec.source.templateCode,
      targetFormat: spec.target.format,
      draftSpecJson: JSON.stringify(spec),
      layoutJson,
    })
    .run();
  return { name: spec.name, revision: 1 };
}

/**
 * A new, empty mapping from an OA form template to a ledger target: the wizard's last step. The analyst then adds
 * line templates and links on the canvas.
 */
export function createMapping(db: Db, input: MappingCreateInput): { name: string; revision: number } {
  const { name, label, connector, templateCode, targetFormat } = parseInput(MappingCreateInput, input, 'new mapping');
  getTemplate(db, connector, templateCode); // NotFound names the missing template
  if (!getCatalogue(targetFormat)) throw new ValidationError(`unknown ledger target "${targetFormat}"`);
  const spec = MappingSpecSchema.parse({
    specVersion: 1,
    name,
    ...(label ? { label } : {}),
    source: { connector, templateCode, postOn: ['approved'] },
    target: { format: targetFormat },
    nodes: [],
    edges: [],
    lines: [],
  });
  return insertNew(db, spec);
}

/** A copy under a new name, spec and layout both, starting again at revision 1. */
export function duplicateMapping(db: Db, from: string, to: string): { name: string; revision: number } {
  const name = parseInput(MappingName, to, 'new name');
  const source = getMapping(db, from);
  return db.transaction((tx) =>
    insertNew(tx as unknown as Db, { ...source.spec, name }, JSON.stringify(source.layout)),
  );
}

/** Only a draft that was never published may go: a published version is evidence runs may point to. */
export function deleteMapping(db: Db, name: string): void {
  db.transaction((tx) => {
    const row = tx.select({ id: mappings.id }).from(mappings).where(eq(mappings.name, name)).get();
    if (!row) throw new NotFoundError(`mapping "${name}" does not exist`);
    const versions = tx.select({ n: sql<number>`count(*)` }).from(mappingVersions).where(eq(mappingVersions.mappingId, row.id)).get();
    if ((versions?.n ?? 0) > 0)
      throw new PreconditionError(`mapping "${name}" has ${versions!.n} published version(s) and cannot be deleted`);
    tx.delete(mappings).where(eq(mappings.id, row.id)).run();
  });
}

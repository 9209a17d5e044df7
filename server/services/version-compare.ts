import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { MappingSpec } from '../engine';
import { tablesOf } from '../pipeline/tables-of';
import { getMapping } from './mappings';
import type { RowChanges } from './table-changes';
import { canvasMarks, compareStructure, type CanvasMarks } from './spec-structure';
import { diffSpecs, type DiffEntry } from './version-diff';
import { getVersion, mappingRow, readEvents } from './version-store';
import { currentActivation } from './version-timeline';

/** One edit of a lookup table the mapping reads, made after the version in force was put in force. */
export interface TableEdit {
  table: string;
  at: string;
  actor: string | null;
  revisionBefore: number | null;
  revisionAfter: number | null;
  rows: RowChanges | null;
}

export interface VersionComparison {
  mapping: string;
  from: number;
  to: number | 'draft';
  entries: DiffEntry[];
  /** the same comparison as the entries, as marks for the review canvas */
  canvas: CanvasMarks;
  /**
   * Lookup tables are live master data, not part of a version: the edits to the tables the `to` side reads since
   * the version in force was put in force (from the audit trail's `table.edit` entries). Null when no version is
   * in force.
   */
  tableEdits: { since: string; inForce: number; edits: TableEdit[] } | null;
}

export function compareVersions(db: Db, input: { mapping: string; from: number; to: number | 'draft' }): VersionComparison {
  const before = getVersion(db, input.mapping, input.from).spec;
  const after: MappingSpec = input.to === 'draft' ? getMapping(db, input.mapping).spec : getVersion(db, input.mapping, input.to).spec;
  const structure = compareStructure(before, after);
  return {
    mapping: input.mapping,
    from: input.from,
    to: input.to,
    entries: diffSpecs(before, after, structure),
    canvas: canvasMarks(structure, before, after),
    tableEdits: tableEditsSinceInForce(db, input.mapping, after),
  };
}

function tableEditsSinceInForce(db: Db, mapping: string, spec: MappingSpec): VersionComparison['tableEdits'] {
  const activation = currentActivation(readEvents(db, mappingRow(db, mapping).id), new Date());
  if (!activation) return null;
  const names = new Set(tablesOf(spec));
  const edits = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'table.edit'), gt(auditLog.at, activation.at)))
    .orderBy(asc(auditLog.id))
    .all()
    .filter((e) => e.objectId !== null && names.has(e.objectId))
    .map((e) => {
      const before = e.beforeJson ? (JSON.parse(e.beforeJson) as { revision?: number }) : null;
      const after = e.afterJson ? (JSON.parse(e.afterJson) as { revision?: number }) : null;
      return {
        table: e.objectId!,
        at: e.at,
        actor: e.actor,
        revisionBefore: before?.revision ?? null,
        revisionAfter: after?.revision ?? null,
        rows: e.diffJson ? (JSON.parse(e.diffJson) as RowChanges) : null,
      };
    });
  return { since: activation.at, inForce: activation.version, edits };
}

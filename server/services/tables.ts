import { asc, eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { lookupRows, lookupTables } from '../../db/schema';
import type { LookupTableData } from '../engine';
import { refuseDotSegments } from '../engine/names';
import { neutraliseFormula } from '../ledgers';
import { appendAudit, type Actor } from './audit';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors';
import { rowChanges } from './table-changes';

export const TableNameSchema = refuseDotSegments(
  z.string().min(1).max(120).regex(/^[A-Za-z0-9_.-]+$/, 'table names use letters, digits and _ . - only'),
  'a lookup table name',
);

const MAX_ROWS = 100_000;
const MAX_COLUMNS = 200;

export interface LookupTableSummary {
  name: string;
  description: string;
  columns: string[];
  rowCount: number;
  revision: number;
  updatedAt: string;
}

export function listTables(db: Db): LookupTableSummary[] {
  const counts = new Map(
    db
      .select({ tableId: lookupRows.tableId, n: sql<number>`count(*)` })
      .from(lookupRows)
      .groupBy(lookupRows.tableId)
      .all()
      .map((r) => [r.tableId, r.n]),
  );
  return db
    .select()
    .from(lookupTables)
    .orderBy(asc(lookupTables.name))
    .all()
    .map((t) => ({
      name: t.name,
      description: t.description,
      columns: JSON.parse(t.columnsJson) as string[],
      rowCount: counts.get(t.id) ?? 0,
      revision: t.revision,
      updatedAt: t.updatedAt,
    }));
}

export function getTable(db: Db, name: string): LookupTableData & { name: string; revision: number; description: string } {
  const t = db.select().from(lookupTables).where(eq(lookupTables.name, name)).get();
  if (!t) throw new NotFoundError(`lookup table "${name}" does not exist`);
  const rows = db
    .select({ cells: lookupRows.cellsJson })
    .from(lookupRows)
    .where(eq(lookupRows.tableId, t.id))
    .orderBy(asc(lookupRows.position))
    .all()
    .map((r) => JSON.parse(r.cells) as string[]);
  return { name: t.name, description: t.description, revision: t.revision, columns: JSON.parse(t.columnsJson), rows };
}

/** The tables a set of names refers to; missing ones are simply absent (compile reports them on the node). */
export function loadTables(db: Db, names: Iterable<string>): Record<string, LookupTableData> {
  const out: Record<string, LookupTableData> = Object.create(null);
  for (const name of new Set(names)) {
    try {
      const t = getTable(db, name);
      out[name] = { columns: t.columns, rows: t.rows };
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  return out;
}

/** Parses CSV text (UTF-8, header row, BOM tolerated) into columns and rows; the table's shape is checked on save. */
export function parseCsv(text: string): LookupTableData {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new ValidationError(`CSV line ${(bad.row ?? 0) + 1}: ${bad.message}`);
  const [header, ...rows] = parsed.data;
  if (!header || header.length === 0) throw new ValidationError('CSV is empty: the first line must name the columns');
  return { columns: header.map((h) => h.trim()), rows: rows.map((r) => r.map((c) => c.trim())) };
}

/** How a problem names a row: a CSV file's line (the header is line 1) or the grid's row. */
const CSV_LINE = (i: number) => `CSV line ${i + 2}`;
const GRID_ROW = (i: number) => `row ${i + 1}`;

/**
 * The table as CSV for a spreadsheet. Cells (and column names) that a spreadsheet would run as a formula get the
 * same leading apostrophe as the voucher export's, since master data can come from anyone who edits a table.
 */
export function toCsv(table: LookupTableData): string {
  const fields = table.columns.map(neutraliseFormula);
  const data = table.rows.map((row) => row.map(neutraliseFormula));
  return Papa.unparse({ fields, data }, { newline: '\r\n' }) + '\r\n';
}

/** Creates the table or replaces all its rows (and columns) in one transaction. */
export function importTableCsv(
  db: Db,
  name: string,
  csvText: string,
  description?: string,
  actor?: Actor,
): { name: string; rows: number; created: boolean } {
  parseInput(TableNameSchema, name, 'table name');
  return replaceTable(db, name, parseCsv(csvText), description, undefined, CSV_LINE, actor);
}

/**
 * Creates the table or replaces its columns and rows. With `expectedRevision` (an editor's save) a table changed
 * elsewhere in the meantime is refused rather than overwritten.
 */
export function replaceTable(
  db: Db,
  name: string,
  data: LookupTableData,
  description?: string,
  expectedRevision?: number,
  rowName: (index: number) => string = GRID_ROW,
  /** who edits, for the audit trail; absent for the application's own loads (the demo seed) */
  actor: Actor = { username: 'system', role: 'system' },
) {
  checkShape(data, rowName);
  return db.transaction((tx) => {
    const existing = tx.select().from(lookupTables).where(eq(lookupTables.name, name)).get();
    if (expectedRevision !== undefined) {
      if (!existing) throw new NotFoundError(`lookup table "${name}" does not exist`);
      if (existing.revision !== expectedRevision)
        throw new ConflictError(
          `lookup table "${name}" was changed elsewhere (revision ${existing.revision}, yours is ${expectedRevision}); reload it first`,
          { currentRevision: existing.revision },
        );
    }
    let id: number;
    if (existing) {
      id = existing.id;
      tx.update(lookupTables)
        .set({
          columnsJson: JSON.stringify(data.columns),
          description: description ?? existing.description,
          revision: existing.revision + 1,
          updatedAt: new Date().toISOString(),
        })
        .where(eq(lookupTables.id, id))
        .run();
      // The rows before and after, as a row diff (a table may hold 100 000 rows): the audit trail then says which
      // master data changed, and a version review can list the rows changed since the version in force.
      const beforeRows = tx.select({ cells: lookupRows.cellsJson }).from(lookupRows).where(eq(lookupRows.tableId, id)).orderBy(asc(lookupRows.position)).all().map((r) => JSON.parse(r.cells) as string[]);
      appendAudit(tx, {
        actor: actor.username,
        role: actor.role,
        clientAddress: actor.clientAddress ?? null,
        action: 'table.edit',
        objectType: 'lookup_table',
        objectId: name,
        before: { revision: existing.revision, columns: JSON.parse(existing.columnsJson), rowCount: beforeRows.length },
        after: { revision: existing.revision + 1, columns: data.columns, rowCount: data.rows.length },
        diff: rowChanges(beforeRows, data.rows),
      });
      tx.delete(lookupRows).where(eq(lookupRows.tableId, id)).run();
    } else {
      id = tx.insert(lookupTables).values({ name, description: description ?? '', columnsJson: JSON.stringify(data.columns) }).returning({ id: lookupTables.id }).get().id;
      appendAudit(tx, {
        actor: actor.username,
        role: actor.role,
        clientAddress: actor.clientAddress ?? null,
        action: 'table.create',
        objectType: 'lookup_table',
        objectId: name,
        after: { revision: 1, columns: data.columns, rowCount: data.rows.length },
      });
    }
    data.rows.forEach((cells, position) => tx.insert(lookupRows).values({ tableId: id, position, cellsJson: JSON.stringify(cells) }).run());
    return { name, rows: data.rows.length, created: !existing, revision: existing ? existing.revision + 1 : 1 };
  });
}

/** Every row as wide as the header, column names present and unique, sizes bounded: what a lookup node relies on. */
function checkShape(data: LookupTableData, rowName: (index: number) => string): void {
  if (data.columns.length === 0) throw new ValidationError('a lookup table needs at least one column');
  if (data.columns.length > MAX_COLUMNS) throw new ValidationError(`${data.columns.length} columns; at most ${MAX_COLUMNS}`);
  data.columns.forEach((c, i) => {
    if (!c.trim()) throw new ValidationError(`column ${i + 1} has no name`);
    if (data.columns.indexOf(c) !== i) throw new ValidationError(`column "${c}" appears twice`);
  });
  if (data.rows.length > MAX_ROWS) throw new ValidationError(`${data.rows.length} rows; at most ${MAX_ROWS}`);
  data.rows.forEach((r, i) => {
    if (r.length !== data.columns.length)
      throw new ValidationError(`${rowName(i)} has ${r.length} cells; the table has ${data.columns.length} columns`);
  });
}

export function exportTableCsv(db: Db, name: string): string {
  return toCsv(getTable(db, name));
}

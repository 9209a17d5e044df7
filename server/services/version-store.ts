import { tz } from '@date-fns/tz';
import { parseISO } from 'date-fns';
import { and, asc, eq } from 'drizzle-orm';
import { mappingVersions, mappings, versionEvents } from '../../db/schema';
import type { MappingSpec } from '../engine';
import type { DbOrTx } from './audit';
import { NotFoundError, ValidationError } from './errors';
import {
  activationAt, approvalOf, versionStatus, type TimelineEvent, type VersionEventKind, type VersionStatus,
} from './version-timeline';

/** Business dates and times are China time: a chosen "1 January 00:00" means Beijing midnight. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

export type { Actor } from './audit';

export interface VersionSummary {
  version: number;
  status: VersionStatus;
  author: string;
  submittedAt: string;
  note: string;
  /** the administrator who approved it, when approved */
  approver: string | null;
  approvedAt: string | null;
  approvalComment: string | null;
  /** from when it is (or was, or will be) in force: the latest activation of this version */
  effectiveFrom: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectionComment: string | null;
  specHash: string;
}

export interface VersionDetail extends VersionSummary {
  mapping: string;
  spec: MappingSpec;
  events: TimelineEvent[];
}

export type MappingRow = typeof mappings.$inferSelect;

export function mappingRow(db: DbOrTx, name: string): MappingRow {
  const row = db.select().from(mappings).where(eq(mappings.name, name)).get();
  if (!row) throw new NotFoundError(`mapping "${name}" does not exist`);
  return row;
}

export function readEvents(db: DbOrTx, mappingId: number): TimelineEvent[] {
  return db
    .select()
    .from(versionEvents)
    .where(eq(versionEvents.mappingId, mappingId))
    .orderBy(asc(versionEvents.id))
    .all()
    .map((e) => ({ ...e, kind: e.kind as VersionEventKind }));
}

export { specHash } from './spec-hash';
import { specHash } from './spec-hash';

function summarise(row: typeof mappingVersions.$inferSelect, events: TimelineEvent[], now: Date): VersionSummary {
  const own = events.filter((e) => e.version === row.version);
  const approval = approvalOf(events, row.version);
  const rejection = own.find((e) => e.kind === 'rejected') ?? null;
  const lastActivation = [...own].reverse().find((e) => e.effectiveFrom !== null) ?? null;
  return {
    version: row.version,
    status: versionStatus(events, row.version, now),
    author: row.createdBy,
    submittedAt: row.createdAt,
    note: row.note,
    approver: approval?.actor ?? null,
    approvedAt: approval?.at ?? null,
    approvalComment: approval ? approval.comment : null,
    effectiveFrom: lastActivation?.effectiveFrom ?? null,
    rejectedBy: rejection?.actor ?? null,
    rejectedAt: rejection?.at ?? null,
    rejectionComment: rejection?.comment ?? null,
    specHash: specHash(JSON.parse(row.specJson)),
  };
}

function versionRows(db: DbOrTx, mappingId: number) {
  return db.select().from(mappingVersions).where(eq(mappingVersions.mappingId, mappingId)).orderBy(asc(mappingVersions.version)).all();
}

/** Every version of a mapping, oldest first, with its status now. */
export function listVersions(db: DbOrTx, mapping: string, now = new Date()): VersionSummary[] {
  const row = mappingRow(db, mapping);
  const events = readEvents(db, row.id);
  return versionRows(db, row.id).map((v) => summarise(v, events, now));
}

export function getVersion(db: DbOrTx, mapping: string, version: number, now = new Date()): VersionDetail {
  const row = mappingRow(db, mapping);
  const v = db
    .select()
    .from(mappingVersions)
    .where(and(eq(mappingVersions.mappingId, row.id), eq(mappingVersions.version, version)))
    .get();
  if (!v) throw new NotFoundError(`mapping "${mapping}" has no version ${version}`);
  const events = readEvents(db, row.id);
  return {
    ...summarise(v, events, now),
    mapping,
    spec: JSON.parse(v.specJson) as MappingSpec,
    events: events.filter((e) => e.version === version),
  };
}

/**
 * The version that runs an instance approved in the OA system at `at` (its finish time), or null when none of
 * the mapping's versions was in force then.
 */
export function versionInForce(
  db: DbOrTx,
  mapping: string,
  at: Date = new Date(),
): { version: number; spec: MappingSpec; effectiveFrom: string } | null {
  const row = mappingRow(db, mapping);
  const activation = activationAt(readEvents(db, row.id), at);
  if (!activation) return null;
  const detail = getVersion(db, mapping, activation.version, at);
  return { version: activation.version, spec: detail.spec, effectiveFrom: activation.effectiveFrom! };
}

/**
 * A date-time as a finance user writes it: with an offset (`…Z`, `…+08:00`) it is that instant; without one
 * (`2026-01-01`, `2026-01-01T00:00`, `2026-01-01 08:30`) it is China time. Returned as a UTC instant.
 */
export function parseBusinessInstant(text: string, what = 'effective from'): Date {
  const d = parseISO(text.trim(), { in: tz(BUSINESS_TIME_ZONE) });
  if (Number.isNaN(d.getTime()))
    throw new ValidationError(`${what} "${text}" is not a date and time; write e.g. 2026-01-01 00:00 (China time) or an ISO instant`);
  return new Date(d.getTime());
}

/** The draft's spec as stored, for submission and for the diff against the draft. */
export function draftSpec(row: MappingRow): MappingSpec {
  return JSON.parse(row.draftSpecJson) as MappingSpec;
}

import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { mappingVersions, versionEvents } from '../../db/schema';
import type { MappingSpec } from '../engine';
import { compileWith } from '../pipeline/run';
import { appendAudit, type DbOrTx } from './audit';
import { ConflictError, ForbiddenError, PreconditionError, ValidationError, parseInput } from './errors';
import { reviewVersion, type ReviewResult } from './golden-samples';
import { parseSpecText } from './mappings';
import { loadTables } from './tables';
import {
  getVersion, listVersions, mappingRow, parseBusinessInstant, readEvents, specHash, type Actor,
} from './version-store';
import { activationAt, type VersionEventKind } from './version-timeline';

export * from './version-store';

const MappingName = z.string().min(1).max(120);
const VersionNumber = z.number().int().positive();
const Note = z.string().trim().max(2000);

export const SubmitVersionInput = z.object({ mapping: MappingName, note: Note.min(1, 'say what changed and why') });
export const ApproveVersionInput = z.object({
  mapping: MappingName,
  version: VersionNumber,
  comment: Note.optional(),
  /** From when the version is in force: an ISO instant, or a date-time in China time. Absent: at once. */
  effectiveFrom: z.string().max(40).optional(),
  /** Required (with a comment) when a golden sample that produced a voucher fails under this version. */
  confirmNewFailures: z.boolean().optional(),
});
export const RejectVersionInput = z.object({ mapping: MappingName, version: VersionNumber, comment: Note.min(1, 'say why it is rejected') });
export const RollbackVersionInput = z.object({ mapping: MappingName, version: VersionNumber, note: Note.min(1, 'say why you roll back') });

export type SubmitVersionInput = z.input<typeof SubmitVersionInput>;
export type ApproveVersionInput = z.input<typeof ApproveVersionInput>;
export type RejectVersionInput = z.input<typeof RejectVersionInput>;
export type RollbackVersionInput = z.input<typeof RollbackVersionInput>;

/** Leeway for "now" sent by a browser whose clock runs a little behind the server's. */
const PAST_GRACE_MS = 2 * 60_000;

function addEvent(
  tx: DbOrTx,
  mappingId: number,
  version: number,
  kind: VersionEventKind,
  actor: string,
  comment = '',
  effectiveFrom: string | null = null,
): void {
  tx.insert(versionEvents).values({ mappingId, version, kind, actor, comment, effectiveFrom, at: new Date().toISOString() }).run();
}

const audit = (tx: DbOrTx, actor: Actor, action: string, objectId: string, extra: { before?: unknown; after?: unknown; diff?: unknown }) =>
  appendAudit(tx, { actor: actor.username, role: actor.role, clientAddress: actor.clientAddress ?? null, action, objectType: 'mapping_version', objectId, ...extra });

function statusOf(tx: DbOrTx, mapping: string, version: number) {
  return getVersion(tx, mapping, version).status;
}

/**
 * "Submit for review": freezes the draft as the next numbered version (immutable from here on) with the analyst's
 * change note. A draft that does not compile, or that is the very rules already in force or waiting for review,
 * is refused: a reviewer's time goes to real changes.
 */
export function submitVersion(db: Db, actor: Actor, input: SubmitVersionInput): { version: number } {
  const { mapping, note } = parseInput(SubmitVersionInput, input, 'submission');
  return db.transaction((tx) => {
    const row = mappingRow(tx, mapping);
    const spec = parseSpecText(row.draftSpecJson, `the draft of ${mapping}`);
    const compiled = compileWith(spec, (names) => loadTables(tx as unknown as Db, names));
    if (!compiled.ok) {
      const first = compiled.errors.slice(0, 3).map((e) => e.message).join('; ');
      throw new PreconditionError(`the draft of ${mapping} cannot run (${compiled.errors.length} problem(s): ${first}); fix it before submitting`, compiled.errors.slice(0, 20));
    }
    const hash = specHash(spec);
    const now = new Date();
    const inForce = activationAt(readEvents(tx, row.id), now)?.version;
    const same = listVersions(tx, mapping, now).find((v) => v.specHash === hash && (v.status === 'in_review' || v.version === inForce));
    if (same) throw new ConflictError(`the draft is the same as version ${same.version} (${same.status.replace('_', ' ')}); change it before submitting`);
    const version =
      (tx.select({ n: sql<number>`max(${mappingVersions.version})` }).from(mappingVersions).where(eq(mappingVersions.mappingId, row.id)).get()?.n ?? 0) + 1;
    tx.insert(mappingVersions).values({ mappingId: row.id, version, specJson: JSON.stringify(spec), note, createdBy: actor.username }).run();
    addEvent(tx, row.id, version, 'submitted', actor.username, note);
    audit(tx, actor, 'version.submit', `${mapping}@${version}`, { after: { version, note, specHash: hash, draftRevision: row.revision } });
    return { version };
  });
}

/**
 * An administrator who is not the author puts a submitted version in force, at once or from a chosen moment
 * (never in the past: runs already made used the rules then in force). When a golden sample that used to give a
 * voucher fails under it, the approver must say so explicitly, with a comment.
 */
export async function approveVersion(
  db: Db,
  actor: Actor,
  input: ApproveVersionInput,
  now = new Date(),
): Promise<{ version: number; status: string; effectiveFrom: string; review: ReviewResult['summary'] }> {
  const { mapping, version, comment = '', effectiveFrom, confirmNewFailures } = parseInput(ApproveVersionInput, input, 'approval');
  const target = getVersion(db, mapping, version, now);
  checkReviewable(target.status, mapping, version, 'approve');
  if (target.author === actor.username)
    throw new ForbiddenError(`you submitted version ${version} of ${mapping} yourself; another administrator must approve it`);
  let from = now;
  if (effectiveFrom !== undefined) {
    from = parseBusinessInstant(effectiveFrom);
    if (from.getTime() < now.getTime() - PAST_GRACE_MS)
      throw new ValidationError(`effective from ${from.toISOString()} is in the past; instances already approved in the OA system keep the rules that were in force, so choose now or later`);
    if (from < now) from = now;
  }
  const review = await reviewVersion(db, { mapping, version });
  if (review.summary.newlyFailing > 0 && !(confirmNewFailures && comment))
    throw new PreconditionError(
      `${review.summary.newlyFailing} golden sample(s) that produce a voucher under the version in force fail under version ${version}; approve with confirmNewFailures and a comment saying why`,
      { newlyFailing: review.samples.filter((s) => s.outcome === 'newly_failing').map((s) => s.name) },
    );
  return db.transaction((tx) => {
    // Decided again inside the transaction: another administrator may have acted since the review ran.
    checkReviewable(statusOf(tx, mapping, version), mapping, version, 'approve');
    const row = mappingRow(tx, mapping);
    const before = activationAt(readEvents(tx, row.id), from)?.version ?? null;
    addEvent(tx, row.id, version, 'approved', actor.username, comment, from.toISOString());
    const status = statusOf(tx, mapping, version);
    audit(tx, actor, 'version.approve', `${mapping}@${version}`, {
      before: { inForce: before },
      after: { version, effectiveFrom: from.toISOString(), status, comment, confirmedNewFailures: review.summary.newlyFailing > 0 },
      diff: review.summary,
    });
    return { version, status, effectiveFrom: from.toISOString(), review: review.summary };
  });
}

function checkReviewable(status: string, mapping: string, version: number, verb: string) {
  if (status !== 'in_review')
    throw new PreconditionError(`version ${version} of ${mapping} is ${status.replace('_', ' ')}, not in review; only a version in review can be ${verb === 'approve' ? 'approved' : 'rejected'}`);
}

export function rejectVersion(db: Db, actor: Actor, input: RejectVersionInput): { version: number; status: 'rejected' } {
  const { mapping, version, comment } = parseInput(RejectVersionInput, input, 'rejection');
  return db.transaction((tx) => {
    checkReviewable(statusOf(tx, mapping, version), mapping, version, 'reject');
    const row = mappingRow(tx, mapping);
    addEvent(tx, row.id, version, 'rejected', actor.username, comment);
    audit(tx, actor, 'version.reject', `${mapping}@${version}`, { after: { version, status: 'rejected', comment } });
    return { version, status: 'rejected' as const };
  });
}

/**
 * Puts a version that was in force before back in force, at once. It is a decision like an approval (same
 * timeline, same audit), so what ran before the rollback keeps the version it ran with.
 */
export function rollbackVersion(db: Db, actor: Actor, input: RollbackVersionInput): { version: number; status: 'in_force'; replaced: number | null } {
  const { mapping, version, note } = parseInput(RollbackVersionInput, input, 'rollback');
  return db.transaction((tx) => {
    const status = statusOf(tx, mapping, version);
    if (status !== 'superseded')
      throw new PreconditionError(
        status === 'in_force'
          ? `version ${version} of ${mapping} is already in force`
          : `version ${version} of ${mapping} is ${status.replace('_', ' ')}; only a version that was approved and later replaced can be put back in force`,
      );
    const row = mappingRow(tx, mapping);
    const now = new Date();
    const replaced = activationAt(readEvents(tx, row.id), now)?.version ?? null;
    addEvent(tx, row.id, version, 'rolled_back', actor.username, note, now.toISOString());
    audit(tx, actor, 'version.rollback', `${mapping}@${version}`, { before: { inForce: replaced }, after: { inForce: version, effectiveFrom: now.toISOString(), note } });
    return { version, status: 'in_force' as const, replaced };
  });
}

/** The system identity of what the application does by itself (the demo seed). */
export const SYSTEM_ACTOR: Actor = { username: 'system', role: 'system', clientAddress: null };

/**
 * Publishes version 1 of a mapping in force from the beginning of time, submitted and approved by the system: the
 * demo company's mappings run live out of the box. Does nothing when the mapping already has a version.
 */
export function publishInitialVersion(db: DbOrTx, mapping: string, shipped?: MappingSpec): boolean {
  const row = mappingRow(db, mapping);
  const any = db.select({ id: mappingVersions.id }).from(mappingVersions).where(and(eq(mappingVersions.mappingId, row.id))).limit(1).get();
  if (any) return false;
  // The spec as shipped, when given: a draft someone edited before versions existed is a change still to review.
  const spec = shipped ?? parseSpecText(row.draftSpecJson, `the draft of ${mapping}`);
  const note = 'demo version 1, published with the demo company';
  db.insert(mappingVersions).values({ mappingId: row.id, version: 1, specJson: JSON.stringify(spec), note, createdBy: SYSTEM_ACTOR.username }).run();
  addEvent(db, row.id, 1, 'submitted', SYSTEM_ACTOR.username, note);
  const from = new Date(0).toISOString();
  addEvent(db, row.id, 1, 'approved', SYSTEM_ACTOR.username, 'demo seed', from);
  audit(db, SYSTEM_ACTOR, 'version.approve', `${mapping}@1`, { after: { version: 1, effectiveFrom: from, status: 'in_force', specHash: specHash(spec), seeded: true } });
  return true;
}

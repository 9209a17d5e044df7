import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { verifyAudit } from './audit';
import { ForbiddenError, PreconditionError, ValidationError, ConflictError } from './errors';
import { getMapping, saveDraft } from './mappings';
import { seededDatabase } from './test-support';
import {
  approveVersion, listVersions, parseBusinessInstant, rejectVersion, rollbackVersion, submitVersion, versionInForce, type Actor,
} from './versions';

const db = seededDatabase('versions');
const MAPPING = 'travel-reimbursement.dingtalk-kingdee';
const alice: Actor = { username: 'alice', role: 'analyst', clientAddress: '127.0.0.1' };
const bob: Actor = { username: 'bob', role: 'admin' };
const carol: Actor = { username: 'carol', role: 'admin' };

/** Changes the draft's voucher summary text constant (or any first constant), so a submission has something new. */
function editDraft(mapping: string, tag: string) {
  const m = getMapping(db, mapping);
  const spec = structuredClone(m.spec);
  spec.description = `${spec.description ?? ''} ${tag}`.trim();
  saveDraft(db, { name: mapping, spec, expectedRevision: m.revision });
}

describe('versions', () => {
  it('the demo seed publishes version 1 of every demo mapping, in force from the start', () => {
    const [v1] = listVersions(db, MAPPING);
    expect(v1).toMatchObject({ version: 1, status: 'in_force', author: 'system', approver: 'system', effectiveFrom: '1970-01-01T00:00:00.000Z' });
    expect(versionInForce(db, MAPPING, new Date('2001-01-01'))?.version).toBe(1);
  });

  it('submit freezes the draft as the next version in review; the same draft again is refused', () => {
    editDraft(MAPPING, 'v2');
    expect(submitVersion(db, alice, { mapping: MAPPING, note: 'summary wording' })).toEqual({ version: 2 });
    expect(listVersions(db, MAPPING)[1]).toMatchObject({ version: 2, status: 'in_review', author: 'alice', note: 'summary wording', approver: null });
    expect(() => submitVersion(db, alice, { mapping: MAPPING, note: 'again' })).toThrow(ConflictError);
    expect(() => submitVersion(db, alice, { mapping: MAPPING, note: '  ' })).toThrow(ValidationError);
  });

  it('the author may not approve their own submission', async () => {
    await expect(approveVersion(db, { ...alice, role: 'admin' }, { mapping: MAPPING, version: 2 })).rejects.toThrow(ForbiddenError);
    await expect(approveVersion(db, { ...alice, role: 'admin' }, { mapping: MAPPING, version: 2 })).rejects.toThrow(/yourself/);
  });

  it('an effective date in the past is refused; China time without offset is understood', async () => {
    await expect(approveVersion(db, bob, { mapping: MAPPING, version: 2, effectiveFrom: '2020-01-01 00:00' })).rejects.toThrow(/in the past/);
    expect(parseBusinessInstant('2026-01-01 00:00').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(() => parseBusinessInstant('next tuesday')).toThrow(ValidationError);
  });

  it('a version approved from a future date is scheduled; instances approved before it stay on the old version', async () => {
    const now = new Date();
    const from = new Date(now.getTime() + 24 * 3600_000);
    const r = await approveVersion(db, bob, { mapping: MAPPING, version: 2, effectiveFrom: from.toISOString(), comment: 'from tomorrow' });
    expect(r).toMatchObject({ version: 2, status: 'scheduled', effectiveFrom: from.toISOString() });
    expect(listVersions(db, MAPPING).map((v) => v.status)).toEqual(['in_force', 'scheduled']);
    expect(versionInForce(db, MAPPING, now)?.version).toBe(1);
    expect(versionInForce(db, MAPPING, new Date(from.getTime() - 1))?.version).toBe(1);
    expect(versionInForce(db, MAPPING, new Date(from.getTime() + 1))?.version).toBe(2);
    // Seen from after the date, version 2 is in force and version 1 superseded.
    expect(listVersions(db, MAPPING, new Date(from.getTime() + 1)).map((v) => v.status)).toEqual(['superseded', 'in_force']);
    expect(listVersions(db, MAPPING)[1]).toMatchObject({ approver: 'bob', approvalComment: 'from tomorrow' });
  });

  it('approving again, or rejecting an approved version, is refused', async () => {
    await expect(approveVersion(db, carol, { mapping: MAPPING, version: 2 })).rejects.toThrow(PreconditionError);
    expect(() => rejectVersion(db, carol, { mapping: MAPPING, version: 2, comment: 'no' })).toThrow(/not in review/);
  });

  it('an approval effective now puts the version in force at once; reject needs a comment and is final', async () => {
    editDraft(MAPPING, 'v3');
    const { version } = submitVersion(db, alice, { mapping: MAPPING, note: 'v3' });
    expect(() => rejectVersion(db, bob, { mapping: MAPPING, version, comment: '' })).toThrow(ValidationError);
    expect(rejectVersion(db, bob, { mapping: MAPPING, version, comment: 'wrong account' })).toEqual({ version, status: 'rejected' });
    expect(listVersions(db, MAPPING)[version - 1]).toMatchObject({ status: 'rejected', rejectedBy: 'bob', rejectionComment: 'wrong account' });

    editDraft(MAPPING, 'v4');
    const v4 = submitVersion(db, alice, { mapping: MAPPING, note: 'v4' }).version;
    const r = await approveVersion(db, carol, { mapping: MAPPING, version: v4 });
    expect(r.status).toBe('in_force');
    // v4 decided later and effective now: it overrides v2's pending start.
    expect(listVersions(db, MAPPING).map((v) => v.status)).toEqual(['superseded', 'superseded', 'rejected', 'in_force']);
    expect(versionInForce(db, MAPPING)?.version).toBe(v4);
  });

  it('rollback puts an earlier version back in force, and only a superseded one', () => {
    const before = new Date();
    expect(rollbackVersion(db, bob, { mapping: MAPPING, version: 1, note: 'v4 posts to the wrong book' })).toMatchObject({ version: 1, replaced: 4 });
    expect(versionInForce(db, MAPPING)?.version).toBe(1);
    expect(versionInForce(db, MAPPING, new Date(before.getTime() - 1))?.version).toBe(4);
    expect(() => rollbackVersion(db, bob, { mapping: MAPPING, version: 1, note: 'again' })).toThrow(/already in force/);
    expect(() => rollbackVersion(db, bob, { mapping: MAPPING, version: 3, note: 'rejected one' })).toThrow(/rejected/);
  });

  it('every decision is in the audit trail, which verifies', () => {
    const actions = db.select().from(auditLog).where(eq(auditLog.objectType, 'mapping_version')).all().map((e) => `${e.action} ${e.objectId} ${e.actor}`);
    expect(actions).toContain(`version.submit ${MAPPING}@2 alice`);
    expect(actions).toContain(`version.approve ${MAPPING}@2 bob`);
    expect(actions).toContain(`version.reject ${MAPPING}@3 bob`);
    expect(actions).toContain(`version.rollback ${MAPPING}@1 bob`);
    expect(verifyAudit(db).ok).toBe(true);
  });
});

describe('databases seeded before versions existed', () => {
  it('get version 1 of the demo mappings on the next start, from the shipped spec, once', async () => {
    const { openDatabase } = await import('../../db/client');
    const { appMeta } = await import('../../db/schema');
    const { importMapping, parseSpecText } = await import('./mappings');
    const { seedDemo } = await import('./seed');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('./test-support');
    const old = openDatabase(':memory:');
    const shipped = parseSpecText(fs.readFileSync(path.join(ROOT, 'db/seed/mappings/travel-reimbursement.wecom-u8.json'), 'utf8'));
    importMapping(old, { ...shipped, description: 'edited before versions existed' });
    old.insert(appMeta).values({ key: 'demo_seeded_at', value: '2026-01-01T00:00:00.000Z' }).run();
    const logs: string[] = [];
    expect(seedDemo(old, ROOT, (m) => logs.push(m))).toBe(false);
    expect(logs.join()).toMatch(/published version 1 of travel-reimbursement.wecom-u8/);
    const [v1] = listVersions(old, shipped.name);
    expect(v1).toMatchObject({ version: 1, status: 'in_force', author: 'system' });
    expect(versionInForce(old, shipped.name)?.spec.description).toBe(shipped.description);
    seedDemo(old, ROOT);
    expect(listVersions(old, shipped.name)).toHaveLength(1);
  });
});

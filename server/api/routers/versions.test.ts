import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callerAs, useTempDatabase } from '../test-support';

const { context, cleanup } = useTempDatabase();
afterAll(cleanup);

const MAPPING = 'travel-reimbursement.wecom-u8';
const analyst = callerAs(context('analyst', 'alice'));
const adminAuthor = callerAs(context('admin', 'dora'));
const admin = callerAs(context('admin', 'bob'));
const viewer = callerAs(context('viewer'));

async function editDraft(caller: typeof analyst, tag: string) {
  const m = await caller.mappings.get({ name: MAPPING });
  await caller.mappings.saveDraft({ name: MAPPING, spec: { ...m.spec, description: `${m.spec.description ?? ''} ${tag}` }, expectedRevision: m.revision });
}

describe('versions router', () => {
  it('lists the seeded version 1 as in force for everyone, viewers included', async () => {
    const list = await viewer.versions.list({ mapping: MAPPING });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ version: 1, status: 'in_force', author: 'system', approver: 'system' });
  });

  it('a viewer may not submit; an analyst may not approve', async () => {
    await expect(viewer.versions.submit({ mapping: MAPPING, note: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(analyst.versions.approve({ mapping: MAPPING, version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an analyst submits; the diff against the version in force is worded for finance', async () => {
    const m = await analyst.mappings.get({ name: MAPPING });
    const spec = structuredClone(m.spec);
    spec.target.options = { ...(spec.target.options ?? {}), preparer: '李娜' };
    await analyst.mappings.saveDraft({ name: MAPPING, spec, expectedRevision: m.revision });
    const draftDiff = await viewer.versions.diff({ mapping: MAPPING, from: 1, to: 'draft' });
    expect(draftDiff.entries.some((e) => e.kind === 'target_option' && e.field === 'preparer')).toBe(true);
    expect(await analyst.versions.submit({ mapping: MAPPING, note: 'preparer 李娜' })).toEqual({ version: 2 });
    const diff = await viewer.versions.diff({ mapping: MAPPING, from: 1, to: 2 });
    const entry = diff.entries.find((e) => e.field === 'preparer')!;
    expect(entry).toMatchObject({ kind: 'target_option', before: '王芳', after: '李娜' });
    expect(entry.text.en).toBe('Changed ledger setting “Preparer” preparer: "王芳" → "李娜"');
    expect(entry.text.zh).toBe('修改账套设置「制单人」 preparer："王芳" → "李娜"');
    expect(diff.tableEdits).toMatchObject({ inForce: 1, edits: [] });
  });

  it('the review runs the stored golden samples through both versions', async () => {
    const review = await admin.versions.review({ mapping: MAPPING, version: 2 });
    expect(review.baseline).toBe(1);
    expect(review.summary.total).toBeGreaterThan(0);
    expect(review.samples.every((s) => s.outcome !== 'newly_failing')).toBe(true);
  });

  it('a pasted payload gets the same per-sample result as a stored sample, from any role that may read the review', async () => {
    const payload = fs.readFileSync(path.join(__dirname, '../../../db/seed/payloads/wecom-approval-detail.json'), 'utf8');
    const golden = (await admin.versions.review({ mapping: MAPPING, version: 2 })).samples[0];
    const pasted = await viewer.versions.reviewPayload({ mapping: MAPPING, version: 2, payload, name: '粘贴的报销单' });
    expect(pasted).toEqual({ ...golden, id: null, name: '粘贴的报销单', baseline: 1 });
    const broken = await admin.versions.reviewPayload({ mapping: MAPPING, version: 2, payload: '{"not":"wecom"' });
    expect(broken).toMatchObject({ id: null, name: 'pasted', outcome: 'unchanged', submitted: { kind: 'failed' } });
    await expect(admin.versions.reviewPayload({ mapping: MAPPING, version: 2, payload: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.versions.reviewPayload({ mapping: MAPPING, version: 99, payload })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an admin who submitted cannot approve their own version, by a direct tRPC call', async () => {
    await editDraft(adminAuthor, 'dora');
    const { version } = await adminAuthor.versions.submit({ mapping: MAPPING, note: 'mine' });
    const err = await adminAuthor.versions.approve({ mapping: MAPPING, version }).catch((e) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    expect(err.message).toMatch(/another administrator must approve it/);
    await admin.versions.reject({ mapping: MAPPING, version, comment: 'not now' });
    expect((await viewer.versions.get({ mapping: MAPPING, version })).status).toBe('rejected');
  });

  it('approval from a future date keeps earlier instances on the old version; rollback restores one', async () => {
    const from = new Date(Date.now() + 3600_000).toISOString();
    const r = await admin.versions.approve({ mapping: MAPPING, version: 2, effectiveFrom: from, comment: 'next hour' });
    expect(r).toMatchObject({ status: 'scheduled', effectiveFrom: from });
    const list = await viewer.versions.list({ mapping: MAPPING });
    expect(list.map((v) => v.status)).toEqual(['in_force', 'scheduled', 'rejected']);
    await expect(admin.versions.rollback({ mapping: MAPPING, version: 1, note: 'x' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('lists the lookup-table rows edited since the version in force was put in force', async () => {
    const table = await analyst.tables.get({ name: 'accounts' });
    const rows = table.rows.map((r) => [...r]);
    rows[0][1] = `${rows[0][1]} (renamed)`;
    await analyst.tables.replaceRows({ name: 'accounts', columns: table.columns, rows, expectedRevision: table.revision });
    const diff = await viewer.versions.diff({ mapping: MAPPING, from: 1, to: 'draft' });
    expect(diff.tableEdits?.edits).toEqual([
      expect.objectContaining({
        table: 'accounts',
        actor: 'alice',
        revisionBefore: table.revision,
        revisionAfter: table.revision + 1,
        rows: expect.objectContaining({ added: [rows[0]], removed: [table.rows[0]], addedCount: 1, removedCount: 1 }),
      }),
    ]);
  });

  it('every decision is in the audit trail, which administrators read and verify', async () => {
    const entries = await admin.audit.list({ action: 'version.' });
    expect(entries.map((e) => `${e.action} ${e.actor}`)).toEqual(
      expect.arrayContaining(['version.submit alice', 'version.submit dora', 'version.reject bob', 'version.approve bob']),
    );
    expect(entries.find((e) => e.action === 'version.submit')?.clientAddress).toBe('127.0.0.1');
    expect(await admin.audit.verify()).toMatchObject({ ok: true });
    const csv = await admin.audit.exportCsv({ actor: 'bob' });
    expect(csv.split('\r\n')[0]).toBe('id,at,actor,role,action,objectType,objectId,clientAddress,before,after,diff,hash');
    await expect(viewer.audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

import { describe, expect, it } from 'vitest';
import { getMapping, saveDraft } from './mappings';
import { reviewVersion } from './golden-samples';
import { seededDatabase } from './test-support';
import { approveVersion, listVersions, submitVersion, type Actor } from './versions';

const db = seededDatabase('golden');
const MAPPING = 'travel-reimbursement.wecom-u8';
const alice: Actor = { username: 'alice', role: 'analyst' };
const bob: Actor = { username: 'bob', role: 'admin' };

function submitWith(change: (spec: ReturnType<typeof getMapping>['spec']) => void, note: string): number {
  const m = getMapping(db, MAPPING);
  const spec = structuredClone(m.spec);
  change(spec);
  saveDraft(db, { name: MAPPING, spec, expectedRevision: m.revision });
  return submitVersion(db, alice, { mapping: MAPPING, note }).version;
}

describe('golden samples', () => {
  it('a changed ledger setting that only the ledger document carries shows as a changed document', async () => {
    const v = submitWith((s) => {
      s.target.options = { ...(s.target.options ?? {}), receiver: 'Reviewer Test' };
    }, 'receiver');
    const review = await reviewVersion(db, { mapping: MAPPING, version: v });
    expect(review.baseline).toBe(1);
    const sample = review.samples.find((s) => s.id !== null)!;
    expect(sample.outcome).toBe('changed');
    expect(sample.changes).toMatchObject({ header: [], lineChanges: [], documentChanged: true });
    expect(sample.submitted.kind === 'voucher' && sample.submitted.document).toContain('Reviewer Test');
  });

  it('a sample that used to give a voucher and now fails needs an explicit confirmation with a comment', async () => {
    // Every account now reads as "not postable": the chart-of-accounts check fails each voucher.
    const v = submitWith((s) => {
      s.target.chartOfAccounts = { ...s.target.chartOfAccounts!, postableColumn: 'account_name' };
    }, 'break postable check');
    const review = await reviewVersion(db, { mapping: MAPPING, version: v });
    expect(review.summary.newlyFailing).toBeGreaterThan(0);
    expect(review.samples[0].submitted.kind).toBe('failed');
    await expect(approveVersion(db, bob, { mapping: MAPPING, version: v })).rejects.toThrow(/confirmNewFailures/);
    await expect(approveVersion(db, bob, { mapping: MAPPING, version: v, confirmNewFailures: true })).rejects.toThrow(/confirmNewFailures/);
    const r = await approveVersion(db, bob, { mapping: MAPPING, version: v, confirmNewFailures: true, comment: 'accounts table is being fixed today' });
    expect(r.status).toBe('in_force');
    expect(listVersions(db, MAPPING).find((x) => x.version === v)?.status).toBe('in_force');
  });

  it('pasted payloads run beside the stored samples; unparseable text fails under both', async () => {
    const review = await reviewVersion(db, { mapping: MAPPING, version: 1, pasted: [{ name: 'pasted', payloadText: '{not json' }] });
    const pasted = review.samples.find((s) => s.name === 'pasted')!;
    expect(pasted).toMatchObject({ id: null, outcome: 'unchanged' });
    expect(pasted.submitted.kind).toBe('failed');
  });
});

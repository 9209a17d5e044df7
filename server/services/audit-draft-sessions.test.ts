import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { getMapping, saveDraft } from './mappings';
import { specHash } from './spec-hash';
import { seededDatabase } from './test-support';

const db = seededDatabase('draft-sessions');
const MAPPING = 'travel-reimbursement.feishu-kingdee';

function save(username: string, tag: string) {
  const m = getMapping(db, MAPPING);
  saveDraft(db, { name: MAPPING, spec: { ...m.spec, description: tag }, expectedRevision: m.revision }, { username, role: 'analyst', clientAddress: '10.1.2.3' });
}
const entries = () =>
  db.select().from(auditLog).where(and(eq(auditLog.action, 'draft.save'), eq(auditLog.objectId, MAPPING))).all();

describe('draft saves in the audit trail', () => {
  it('one entry per editing session, with the spec hash before and after, not one per autosave', () => {
    const before = getMapping(db, MAPPING);
    save('alice', 'a1');
    save('alice', 'a2');
    save('alice', 'a3');
    expect(entries()).toHaveLength(1);
    const [first] = entries();
    expect(JSON.parse(first.beforeJson!)).toEqual({ revision: before.revision, specHash: specHash(before.spec) });
    expect(JSON.parse(first.afterJson!)).toMatchObject({ revision: before.revision + 1 });
    expect(first).toMatchObject({ actor: 'alice', clientAddress: '10.1.2.3' });
  });

  it('another editor starts a new session, whose "before" is where the last one ended', () => {
    const ended = getMapping(db, MAPPING);
    save('bob', 'b1');
    const all = entries();
    expect(all).toHaveLength(2);
    expect(JSON.parse(all[1].beforeJson!)).toEqual({ revision: ended.revision, specHash: specHash(ended.spec) });
  });
});

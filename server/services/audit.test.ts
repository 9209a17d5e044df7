import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { auditLog } from '../../db/schema';
import { appendAudit, verifyAudit, GENESIS_HASH } from './audit';
import { canonicalJson } from './canonical-json';
import { ROOT } from './test-support';

process.env.LEDGERLINK_ROOT = ROOT;

function freshDb() {
  const db = openDatabase(':memory:');
  appendAudit(db, { actor: 'alice', role: 'analyst', action: 'draft.save', objectType: 'mapping', objectId: 'travel', before: { hash: 'a' }, after: { hash: 'b' }, clientAddress: '127.0.0.1' });
  appendAudit(db, { actor: 'bob', role: 'admin', action: 'version.approve', objectType: 'mapping_version', objectId: 'travel@2', diff: [{ kind: 'link', change: 'added' }] });
  appendAudit(db, { actor: null, role: null, action: 'auth.login_failed', objectType: 'user', objectId: 'mallory', clientAddress: '10.0.0.9' });
  return db;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
  });
  it('leaves out undefined members, writes undefined array items as null and refuses NaN', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalJson({ a: NaN })).toThrow(/no JSON form/);
  });
});

describe('audit trail', () => {
  it('chains each entry to the one before and verifies the whole chain', () => {
    const db = freshDb();
    const rows = db.select().from(auditLog).all();
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    expect(rows[0].beforeJson).toBe('{"hash":"a"}');
    expect(verifyAudit(db)).toEqual({ ok: true, checked: 3 });
  });

  it('an empty trail verifies with zero entries', () => {
    expect(verifyAudit(openDatabase(':memory:'))).toEqual({ ok: true, checked: 0 });
  });

  it('refuses UPDATE and DELETE through the triggers', () => {
    const db = freshDb();
    expect(() => db.$client.prepare(`UPDATE audit_log SET actor = 'eve' WHERE id = 2`).run()).toThrow(/append-only/);
    expect(() => db.$client.prepare(`DELETE FROM audit_log WHERE id = 2`).run()).toThrow(/append-only/);
  });

  it('finds an entry edited around the trigger, naming it', () => {
    const db = freshDb();
    db.$client.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'eve' WHERE id = 2;`);
    const verdict = verifyAudit(db);
    expect(verdict).toMatchObject({ ok: false, checked: 2, firstBad: { id: 2 } });
    expect(verdict.ok === false && verdict.firstBad.reason).toMatch(/content does not match/);
  });

  it('finds a removed entry by the broken link of the next one', () => {
    const db = freshDb();
    db.$client.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;`);
    const verdict = verifyAudit(db);
    expect(verdict).toMatchObject({ ok: false, firstBad: { id: 3 } });
    expect(verdict.ok === false && verdict.firstBad.reason).toMatch(/link does not match/);
  });

  it('writes nothing when the change it records rolls back', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.transaction((tx) => {
        appendAudit(tx, { actor: 'a', role: 'admin', action: 'user.create', objectType: 'user', objectId: 'x' });
        throw new Error('the change failed');
      }),
    ).toThrow(/the change failed/);
    expect(db.select().from(auditLog).all()).toHaveLength(0);
  });
});

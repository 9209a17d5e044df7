import { describe, expect, it } from 'vitest';
import { verifyAudit } from './audit';
import { seededDatabase } from './test-support';
import { changeOwnPassword, createUser, findUser, listUsers, setUserDisabled, setUserRole } from './users';
import { DEMO_USERS, demoAccountsToShow } from './users-demo';
import { verifyPassword } from './users-passwords';
import { createFirstAdmin, issueSetupCode, needsFirstAdmin } from './users-setup';
import { openDatabase } from '../../db/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const db = seededDatabase('users');
const admin = { userId: findUser(db, 'admin')!.id, username: 'admin', role: 'admin' };

describe('users', () => {
  it('seeds one demo user per role, shown on the login page while their password is the published one', () => {
    expect(listUsers(db).map((u) => [u.username, u.role])).toEqual(
      expect.arrayContaining(DEMO_USERS.map((u) => [u.username, u.role])),
    );
    expect(demoAccountsToShow(db)?.accounts.map((a) => a.username)).toEqual(['admin', 'analyst', 'integrator', 'viewer']);
  });

  it('stores an argon2id hash, never the password', async () => {
    await createUser(db, { username: 'Li.Wei', displayName: '李伟', role: 'analyst', password: 'ledger entries 2026' }, admin);
    const u = findUser(db, 'li.wei')!;
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u.passwordHash).not.toContain('ledger entries');
    expect(await verifyPassword(u.passwordHash, 'ledger entries 2026')).toBe(true);
    expect(await verifyPassword(u.passwordHash, 'ledger entries 2027')).toBe(false);
  });

  it('refuses a taken name (in any case), a short password and an unknown role with clear messages', async () => {
    await expect(createUser(db, { username: 'ADMIN', role: 'viewer', password: 'long enough pw' }, admin)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(createUser(db, { username: 'zhang', role: 'viewer', password: 'short' }, admin)).rejects.toThrow(/at least 10 characters/);
    await expect(createUser(db, { username: 'zhang', role: 'auditor', password: 'long enough pw' }, admin)).rejects.toThrow(/unknown role "auditor"/);
    await expect(createUser(db, { username: 'a b', role: 'viewer', password: 'long enough pw' }, admin)).rejects.toMatchObject({ kind: 'validation' });
  });

  it('keeps at least one active admin, and an admin cannot disable themselves', () => {
    expect(() => setUserDisabled(db, 'admin', true, admin)).toThrow(/your own account/);
    expect(() => setUserRole(db, 'admin', 'viewer', admin)).toThrow(/last active administrator/);
  });

  it('changes one’s own password only with the current one, and audits every change in an intact chain', async () => {
    const analyst = findUser(db, 'analyst')!;
    const actor = { userId: analyst.id, username: 'analyst', role: 'analyst' };
    await expect(changeOwnPassword(db, { userId: analyst.id, currentPassword: 'wrong one!', newPassword: 'another password', keepSessionId: null }, actor)).rejects.toThrow(/current password/);
    await changeOwnPassword(db, { userId: analyst.id, currentPassword: 'ledgerlink-demo', newPassword: 'another password', keepSessionId: null }, actor);
    expect(demoAccountsToShow(db)?.accounts.map((a) => a.username)).not.toContain('analyst');
    expect(verifyAudit(db)).toMatchObject({ ok: true });
  });
});

describe('first administrator', () => {
  it('is created only with the one-time code, once, on a database without users', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-setup-'));
    const empty = openDatabase(path.join(dir, 'empty.db'));
    try {
      expect(needsFirstAdmin(empty)).toBe(true);
      const code = issueSetupCode(empty)!;
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const input = { username: 'wang.fang', displayName: '王芳', password: 'first admin password' };
      await expect(createFirstAdmin(empty, { ...input, setupCode: 'AAAA-BBBB-CCCC' }, null)).rejects.toThrow(/setup code is not correct/);
      const user = await createFirstAdmin(empty, { ...input, setupCode: code.toLowerCase() }, null);
      expect(user).toMatchObject({ username: 'wang.fang', role: 'admin' });
      await expect(createFirstAdmin(empty, { ...input, username: 'second', setupCode: code }, null)).rejects.toThrow(/exists already/);
      expect(issueSetupCode(empty)).toBeNull();
    } finally {
      empty.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, resolveSession, startSession } from './sessions';
import { seededDatabase } from './test-support';
import { findUser, resetUserPassword, setUserDisabled, setUserRole } from './users';

const db = seededDatabase('sessions');
const system = { userId: null, username: 'test', role: 'admin' };
const analystId = () => findUser(db, 'analyst')!.id;
const start = (at: Date) => db.transaction((tx) => startSession(tx as unknown as Db, analystId(), null, at)).token;

describe('sessions', () => {
  it('ends after 8 idle hours, and activity pushes the idle end forward', () => {
    const t0 = new Date('2026-05-01T00:00:00Z');
    const token = start(t0);
    const later = new Date(t0.getTime() + SESSION_IDLE_MS - 60_000);
    expect(resolveSession(db, token, later)).not.toBeNull(); // activity: idle end moves to later + 8 h
    expect(resolveSession(db, token, new Date(later.getTime() + SESSION_IDLE_MS - 60_000))).not.toBeNull();
    const idle = start(t0);
    expect(resolveSession(db, idle, new Date(t0.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
  });

  it('ends 7 days after sign-in however active the user is', () => {
    const t0 = new Date('2026-06-01T00:00:00Z');
    const token = start(t0);
    for (let h = 4; h < 7 * 24; h += 4) expect(resolveSession(db, token, new Date(t0.getTime() + h * 3600_000))).not.toBeNull();
    expect(resolveSession(db, token, new Date(t0.getTime() + SESSION_ABSOLUTE_MS + 1))).toBeNull();
  });

  it('reads the role from the users table on every request', () => {
    const token = start(new Date());
    setUserRole(db, 'analyst', 'viewer', system);
    expect(resolveSession(db, token)?.user.role).toBe('viewer');
    setUserRole(db, 'analyst', 'analyst', system);
  });

  it('ends every session of an account that is disabled or whose password is reset', async () => {
    const a = start(new Date());
    setUserDisabled(db, 'analyst', true, system);
    expect(resolveSession(db, a)).toBeNull();
    setUserDisabled(db, 'analyst', false, system);
    expect(resolveSession(db, a)).toBeNull(); // gone, not merely hidden
    const b = start(new Date());
    await resetUserPassword(db, 'analyst', 'a brand new password', system);
    expect(resolveSession(db, b)).toBeNull();
  });

  it('ignores unknown and absurd tokens', () => {
    expect(resolveSession(db, 'not-a-token')).toBeNull();
    expect(resolveSession(db, 'x'.repeat(10_000))).toBeNull();
    expect(resolveSession(db, null)).toBeNull();
  });
});

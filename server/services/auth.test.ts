import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, loginAttempts, sessions } from '../../db/schema';
import { LOCK_AFTER_FAILURES, LOCK_MS, login, logout } from './auth';
import { resolveSession } from './sessions';
import { seededDatabase } from './test-support';
import { createUser, setUserDisabled } from './users';
import { DEMO_PASSWORD } from './users-demo';

const db = seededDatabase('auth');
const noSleep = { sleep: async () => {} };
const system = { userId: null, username: 'test', role: 'admin' };

describe('login', () => {
  it('signs a demo user in with the published password and starts a server-side session', async () => {
    const r = await login(db, { username: 'Analyst', password: DEMO_PASSWORD, clientAddress: '10.0.0.1' }, noSleep);
    expect(r).toMatchObject({ ok: true, user: { username: 'analyst', role: 'analyst' } });
    if (!r.ok) return;
    expect(resolveSession(db, r.token)?.user).toMatchObject({ username: 'analyst', role: 'analyst' });
    // Only the token's hash is stored.
    expect(db.select().from(sessions).where(eq(sessions.id, r.token)).get()).toBeUndefined();
  });

  it('gives the same answer for an unknown user, a wrong password and a disabled account', async () => {
    await createUser(db, { username: 'left.company', role: 'viewer', password: 'correct horse battery' }, system);
    setUserDisabled(db, 'left.company', true, system);
    const answers = await Promise.all([
      login(db, { username: 'nobody-here', password: 'whatever-it-is', clientAddress: '10.0.0.2' }, noSleep),
      login(db, { username: 'viewer', password: 'wrong-password!', clientAddress: '10.0.0.3' }, noSleep),
      login(db, { username: 'left.company', password: 'correct horse battery', clientAddress: '10.0.0.4' }, noSleep),
    ]);
    expect(answers).toEqual([{ ok: false, reason: 'invalid' }, { ok: false, reason: 'invalid' }, { ok: false, reason: 'invalid' }]);
  });

  it('slows each failure more than the last', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 3; i++)
      await login(db, { username: 'integrator', password: 'nope-nope-nope', clientAddress: '10.0.1.1' }, { sleep: async (ms) => void waits.push(ms) });
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBeGreaterThan(waits[0]);
    expect(waits[2]).toBeGreaterThan(waits[1]);
    await login(db, { username: 'integrator', password: DEMO_PASSWORD, clientAddress: '10.0.1.1' }, noSleep); // clears the count
  });

  it(`locks an account for 15 minutes after ${LOCK_AFTER_FAILURES} failures in a row, even with the right password, from any address`, async () => {
    let now = new Date(Date.now() + 1 * 86400_000);
    const opts = { ...noSleep, now: () => now };
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++)
      expect(await login(db, { username: 'viewer', password: 'guess-' + i + '-xxxx', clientAddress: `10.1.0.${i}` }, opts)).toEqual({ ok: false, reason: 'invalid' });
    const locked = await login(db, { username: 'viewer', password: DEMO_PASSWORD, clientAddress: '10.9.9.9' }, opts);
    expect(locked).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: LOCK_MS / 1000 });
    now = new Date(now.getTime() + LOCK_MS + 1000);
    expect(await login(db, { username: 'viewer', password: DEMO_PASSWORD, clientAddress: '10.9.9.9' }, opts)).toMatchObject({ ok: true });
  });

  it('locks a client address after 5 failures in a row, whichever names it tried (also unknown ones)', async () => {
    const now = new Date(Date.now() + 2 * 86400_000);
    const opts = { ...noSleep, now: () => now };
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++)
      await login(db, { username: `spray-${i}`, password: 'Password123!', clientAddress: '203.0.113.7' }, opts);
    expect(await login(db, { username: 'admin', password: DEMO_PASSWORD, clientAddress: '203.0.113.7' }, opts)).toMatchObject({ reason: 'locked' });
    // The same account from another address is not locked.
    expect(await login(db, { username: 'admin', password: DEMO_PASSWORD, clientAddress: '203.0.113.8' }, opts)).toMatchObject({ ok: true });
    // An unknown name gets locked like a real one, so a lock tells nothing about existence.
    const row = db.select().from(loginAttempts).where(eq(loginAttempts.subject, 'account:spray-0')).get();
    expect(row?.failures).toBe(1);
  });

  it('charges parallel guesses before checking them, so a burst cannot exceed the limit', async () => {
    const now = new Date(Date.now() + 3 * 86400_000);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(db, { username: 'burst-target', password: `guess-${i}-padding`, clientAddress: `10.2.0.${i}` }, { ...noSleep, now: () => now })),
    );
    expect(burst.filter((r) => !r.ok && r.reason === 'invalid').length).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
    expect(burst.filter((r) => !r.ok && r.reason === 'locked').length).toBeGreaterThanOrEqual(12 - LOCK_AFTER_FAILURES);
  });

  it('records logins, failures and logouts in the audit trail, and logout deletes the session row', async () => {
    const r = await login(db, { username: 'analyst', password: DEMO_PASSWORD, clientAddress: '10.3.0.1' }, noSleep);
    if (!r.ok) throw new Error('login failed');
    const before = db.select({ n: count() }).from(sessions).get()!.n;
    expect(logout(db, r.token, '10.3.0.1')).toBe(true);
    expect(db.select({ n: count() }).from(sessions).get()!.n).toBe(before - 1);
    expect(resolveSession(db, r.token)).toBeNull();
    expect(logout(db, r.token, '10.3.0.1')).toBe(false);
    const actions = db.select({ action: auditLog.action }).from(auditLog).all().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'auth.logout']));
  });
});

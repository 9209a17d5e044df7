import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, useCliFolder } from './test-support';

useCliFolder('cli-users');

describe('ledgerlink users', () => {
  it('creates a user with the password from LEDGERLINK_PASSWORD, lists it, changes its role and disables it', async () => {
    process.env.LEDGERLINK_PASSWORD = 'from the environment';
    try {
      expect((await cli('users', 'create', '--username', 'chen.jing', '--role', 'analyst', '--display-name', '陈静')).code).toBe(0);
    } finally {
      delete process.env.LEDGERLINK_PASSWORD;
    }
    let list = JSON.parse((await cli('users', 'list', '--json')).out);
    expect(list).toContainEqual(expect.objectContaining({ username: 'chen.jing', displayName: '陈静', role: 'analyst', disabled: false }));
    expect(list.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['admin', 'analyst', 'integrator', 'viewer']));
    expect((await cli('users', 'set-role', 'chen.jing', 'integrator')).code).toBe(0);
    expect((await cli('users', 'disable', 'chen.jing')).code).toBe(0);
    list = JSON.parse((await cli('users', 'list', '--json')).out);
    expect(list).toContainEqual(expect.objectContaining({ username: 'chen.jing', role: 'integrator', disabled: true }));
    expect((await cli('users', 'list')).out).toMatch(/^chen\.jing\tintegrator\tdisabled\t陈静$/m);
  });

  it('exits 2 with a clear message for bad arguments, unknown users and roles', async () => {
    expect((await cli('users', 'create', '--username', 'x1')).code).toBe(2);
    const badRole = await cli('users', 'set-role', 'viewer', 'auditor');
    expect(badRole).toMatchObject({ code: 2, err: expect.stringMatching(/unknown role "auditor"/) });
    expect(await cli('users', 'disable', 'ghost')).toMatchObject({ code: 2, err: expect.stringMatching(/no user "ghost"/) });
  });

  it('reads the password from the first line of stdin through the real launcher', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), 'users', 'create', '--username', 'zhao.lei', '--role', 'viewer'], {
      input: 'piped password 1\nsecond line ignored\n',
      env: { ...process.env, LEDGERLINK_PASSWORD: undefined },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toMatch(/created user zhao\.lei \(viewer\)/);
    expect(r.status).toBe(0);
  }, 60_000);
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { getMapping, saveDraft } from '../services/mappings';
import { approveVersion, submitVersion } from '../services/versions';

/** The versions and audit commands from outside: the real launcher, its own process, a temp database. */
const ROOT = path.resolve(__dirname, '../..');
const MAPPING = 'travel-reimbursement.dingtalk-kingdee';
const PAYLOAD = path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json');
let dir: string;
let dbFile: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-versions-cli-'));
  dbFile = path.join(dir, 'cli.db');
  env = { ...process.env, LEDGERLINK_DB: dbFile };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ledgerlink(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A version 2 that writes a different Kingdee document, approved from now on (after the sample's approval in 2025). */
async function publishVersion2() {
  process.env.LEDGERLINK_ROOT = ROOT;
  const db = openDatabase(dbFile);
  try {
    const m = getMapping(db, MAPPING);
    const spec = structuredClone(m.spec);
    spec.target.options = { ...spec.target.options, isVerifyBaseDataField: false };
    saveDraft(db, { name: MAPPING, spec, expectedRevision: m.revision });
    const { version } = submitVersion(db, { username: 'alice', role: 'analyst' }, { mapping: MAPPING, note: 'no base data check' });
    await approveVersion(db, { username: 'bob', role: 'admin' }, { mapping: MAPPING, version, comment: 'ok' });
  } finally {
    db.$client.close();
  }
}

describe('ledgerlink versions / mappings run-active / audit verify', () => {
  it('versions list --json: the seeded version 1, in force from the start', () => {
    const r = ledgerlink('versions', 'list', MAPPING, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { version: 1, status: 'in_force', author: 'system', approver: 'system', effectiveFrom: '1970-01-01T00:00:00.000Z', note: expect.any(String) },
    ]);
    expect(ledgerlink('versions', 'list', 'nope').code).toBe(2);
    expect(ledgerlink('versions', 'show', MAPPING).code).toBe(2);
  });

  it('run-active runs the version in force exactly as map runs the draft', () => {
    const map = ledgerlink('map', '--mapping', MAPPING, PAYLOAD);
    const active = ledgerlink('mappings', 'run-active', MAPPING, PAYLOAD);
    expect(active.code).toBe(0);
    expect(active.out).toBe(map.out);
    expect(active.err).toMatch(/version 1/);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"not": "an instance"}');
    const a = ledgerlink('mappings', 'run-active', MAPPING, bad);
    const b = ledgerlink('map', '--mapping', MAPPING, bad);
    expect([a.code, a.out]).toEqual([b.code, b.out]);
    expect(a.code).toBe(1);
  });

  it('a version approved from now leaves the instance approved in 2025 on version 1; a later one gets version 2', async () => {
    const before = ledgerlink('mappings', 'run-active', MAPPING, PAYLOAD).out;
    await publishVersion2();
    const list = JSON.parse(ledgerlink('versions', 'list', MAPPING, '--json').out);
    expect(list.map((v: { status: string }) => v.status)).toEqual(['superseded', 'in_force']);
    const old = ledgerlink('mappings', 'run-active', MAPPING, PAYLOAD);
    expect(old.err).toMatch(/version 1 /);
    expect(old.out).toBe(before);
    const now = ledgerlink('mappings', 'run-active', MAPPING, PAYLOAD, '--at', '2099-01-01 00:00');
    expect(now.code).toBe(0);
    expect(now.err).toMatch(/version 2 /);
    expect(now.out).not.toBe(before);
  });

  it('audit verify: 0 with the count; 1 naming an entry edited around the trigger', () => {
    const ok = ledgerlink('audit', 'verify');
    expect(ok.code).toBe(0);
    const checked = Number(/(\d+) entries checked/.exec(ok.out)?.[1]);
    expect(checked).toBeGreaterThanOrEqual(4);
    const raw = new Database(dbFile);
    raw.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 2;`);
    raw.close();
    const bad = ledgerlink('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/broken at entry 2: .*content does not match/);
  });
});

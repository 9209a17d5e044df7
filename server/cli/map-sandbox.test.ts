import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-cli-sandbox-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The demo DingTalk mapping with the payable line's summary computed by a catastrophic regular expression. */
function catastrophicSpecFile(): string {
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'db/seed/mappings/travel-reimbursement.dingtalk-kingdee.json'), 'utf8'));
  const evil = 'a'.repeat(32) + '!';
  spec.nodes.push({ id: 'x.evil', kind: 'expression', expression: `$exists($match("${evil}", /(a+)+$/)) ? "payable" : "payable"`, inputs: [], outputType: 'text' });
  spec.edges = spec.edges.filter((e: { to: { node: string } }) => e.to.node !== 't.payable.summary');
  spec.edges.push({ id: 'x.e1', from: { node: 'x.evil' }, to: { node: 't.payable.summary', port: 'value' } });
  const file = path.join(dir, 'catastrophic.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  return file;
}

function runCli(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string; tookMs: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    // From another folder, as a user would run it: the launcher tells the sandbox where the project is.
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), ...args], {
      cwd: dir,
      env: { ...process.env, LEDGERLINK_DB: path.join(dir, 'cli.db'), LEDGERLINK_ROOT: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, stdout, tookMs: Date.now() - started });
    });
  });
}

describe('ledgerlink map with an expression that would never finish', () => {
  it('exits 1 within 10 s, its own start included, naming the expression and the budget', async () => {
    const r = await runCli(['map', '--mapping', catastrophicSpecFile(), path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json')]);
    expect(r.stderr).toMatch(/expression x\.evil took longer than 1000 ms/);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.tookMs).toBeLessThan(10_000);
  }, 70_000);
});

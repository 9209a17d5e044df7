import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { generateClaims } from '../fixtures/dingtalk-claims';

/**
 * What a mapping built in the studio is judged by: exported from the editor, it is run by the CLI (`ledgerlink map`)
 * beside the shipped DingTalk demo mapping on the sample and on generated claims, each spec on a database of its
 * own, and must decide every claim the same way.
 */

const ROOT = path.join(__dirname, '..', '..');
export const SHIPPED_DINGTALK = path.join(ROOT, 'db', 'seed', 'mappings', 'travel-reimbursement.dingtalk-kingdee.json');
const SAMPLE = path.join(ROOT, 'db', 'seed', 'payloads', 'dingtalk-instance.json');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(db: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ledgerlink.js'), ...args], { cwd: ROOT, env: { ...process.env, LEDGERLINK_DB: db } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * What must be identical: the exit code, the voucher, and the problems (stderr's last line). Problems are compared
 * as a set: two specs wired in another order may meet a claim's several broken rules in another order.
 */
export function outcome(r: CliResult) {
  const lines = r.stderr.trim().split('\n');
  const problems = r.code === 1 ? (JSON.parse(lines[lines.length - 1]) as unknown[]).map((p) => JSON.stringify(p)).sort() : null;
  return { code: r.code, stdout: r.stdout, problems };
}

/** Downloads the spec the editor holds (its export button) into `dir`. */
export async function exportSpec(page: Page, dir: string, name: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId('editor-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${name}.json`);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Runs both specs on the sample and 23 generated claims (8 valid, 15 broken); returns each claim's two outcomes. */
export async function mapBesideShipped(exported: string, dir: string) {
  const payloads: { name: string; valid: boolean; file: string }[] = [{ name: 'the DingTalk sample', valid: true, file: SAMPLE }];
  for (const c of generateClaims(20251123, { valid: 8, invalid: 15 })) {
    const file = path.join(dir, `${payloads.length}.json`);
    fs.writeFileSync(file, JSON.stringify(c.payload));
    payloads.push({ name: c.name, valid: c.valid, file });
  }
  const runAll = async (spec: string, db: string) => {
    const out: CliResult[] = [];
    for (const p of payloads) out.push(await cli(db, ['map', '--mapping', spec, p.file]));
    return out;
  };
  const [built, shipped] = await Promise.all([runAll(exported, path.join(dir, 'built.db')), runAll(SHIPPED_DINGTALK, path.join(dir, 'shipped.db'))]);
  return payloads.map((p, i) => ({ ...p, built: built[i], shipped: shipped[i] }));
}

/** The comparison every studio-built DingTalk mapping must pass, and the demo voucher the sample gives. */
export function expectSameDecisions(results: Awaited<ReturnType<typeof mapBesideShipped>>) {
  for (const r of results) {
    expect(outcome(r.built), r.name).toEqual(outcome(r.shipped));
    if (r.valid) expect(r.shipped.code, `${r.name}: ${r.shipped.stderr}`).toBe(0);
    else expect(r.shipped.code, r.name).not.toBe(0);
  }
  const sample = JSON.parse(results[0].built.stdout).Model;
  expect([sample.FDate, sample.FATTACHMENTS, sample.FEntity.length]).toEqual(['2025-03-15', 3, 5]);
  expect(sample.FEntity.map((e: { FACCOUNTID: { FNumber: string } }) => e.FACCOUNTID.FNumber)).toEqual(['6601.02', '6601.02', '6601.02', '2221.01.01', '2241']);
  // The valid claims are really different vouchers, not one voucher nine times.
  expect(new Set(results.filter((r) => r.valid).map((r) => r.built.stdout)).size).toBe(9);
  // Every rule-7 defect was refused with a problem list; the two status variants were skipped (exit 3).
  expect(results.filter((r) => r.built.code === 1)).toHaveLength(13);
  expect(results.filter((r) => r.built.code === 3)).toHaveLength(2);
}

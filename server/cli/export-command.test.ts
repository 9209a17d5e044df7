import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { auditLog } from '../../db/schema';
import { seedDemo } from '../services/seed';
import { exportWorld } from '../services/voucher-export-test-support';
import { cli, ROOT, useCliFolder } from './test-support';

const folder = useCliFolder('vouchers-export');
const PERIOD = ['--from', '2025-03-01', '--to', '2025-03-31'];

/** Two March vouchers (one Kingdee, one U8) and an April one, booked through the live path into the CLI's database. */
beforeAll(async () => {
  const db = openDatabase(process.env.LEDGERLINK_DB!);
  seedDemo(db, ROOT);
  const world = await exportWorld(db);
  try {
    await world.book([
      { system: 'dingtalk', instance: 'PI-CLI-1', approvedAt: '2025-03-10T09:00:00+08:00' },
      { system: 'wecom', instance: '202503110001', approvedAt: '2025-03-11T09:00:00+08:00' },
      { system: 'wecom', instance: '202504020001', approvedAt: '2025-04-02T09:00:00+08:00' },
    ]);
  } finally {
    await world.close();
    db.$client.close();
  }
}, 60_000);

describe('ledgerlink vouchers export', () => {
  it('writes the CSV to stdout and what it exported to stderr', async () => {
    const r = await cli('vouchers', 'export', ...PERIOD, '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(r.out.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(new Set(rows.map((x) => x.oaReference))).toEqual(new Set(['PI-CLI-1', '202503110001']));
    expect(r.err).toContain(`exported 2 voucher(s), ${rows.length} line(s), dated 2025-03-01..2025-03-31`);
    expect(r.err).not.toContain('skipped');
  });

  it('writes a U8 file with --out and says which vouchers it left out', async () => {
    const out = path.join(folder.dir(), 'march-u8.xml');
    const r = await cli('vouchers', 'export', ...PERIOD, '--format', 'u8', '--out', out);
    expect(r).toMatchObject({ code: 0, out: '' });
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml.match(/<voucher id="/g)).toHaveLength(1);
    expect(xml).toContain('<voucher id="202503110001">');
    expect(r.err).toContain('skipped 1 voucher(s) written for another ledger format (kingdee-gl-voucher: 1)');
  });

  it('prints the Kingdee JSON of one mapping', async () => {
    const r = await cli('vouchers', 'export', ...PERIOD, '--format', 'kingdee', '--mapping', 'travel-reimbursement.dingtalk-kingdee');
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.out) as { Model: { FDate: string } }[];
    expect(docs.map((d) => d.Model.FDate)).toEqual(['2025-03-10']);
  });

  it('needs --out for XLSX, and writes a workbook exceljs reads', async () => {
    const refused = await cli('vouchers', 'export', ...PERIOD, '--format', 'xlsx');
    expect(refused).toMatchObject({ code: 2, out: '' });
    expect(refused.err).toContain('--format xlsx writes a binary workbook: give --out FILE.xlsx');
    const file = path.join(folder.dir(), 'march.xlsx');
    expect((await cli('vouchers', 'export', ...PERIOD, '--format', 'xlsx', '--out', file)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const csv = await cli('vouchers', 'export', ...PERIOD, '--format', 'csv');
    expect(book.getWorksheet('vouchers')!.actualRowCount).toBe(csv.out.trim().split('\r\n').length);
  });

  it('answers bad arguments with a usage error (exit 2) naming the problem', async () => {
    const cases: [string[], string][] = [
      [['vouchers', 'export', ...PERIOD, '--format', 'pdf'], '--format must be one of csv, xlsx, kingdee, u8, not "pdf"'],
      [['vouchers', 'export', '--from', '2025-03-01', '--format', 'csv'], 'missing --to'],
      [['vouchers', 'export', '--from', '2025-03-01', '--to', '2025-02-31', '--format', 'csv'], 'to "2025-02-31" is not a calendar date YYYY-MM-DD'],
      [['vouchers', 'export', '--from', '2025-04-01', '--to', '2025-03-01', '--format', 'csv'], 'the period ends (to 2025-03-01) before it starts (from 2025-04-01)'],
      [['vouchers', 'export', ...PERIOD, '--format', 'csv', '--mapping', 'nope'], 'there is no mapping "nope"'],
      [['vouchers', 'import', ...PERIOD, '--format', 'csv'], 'ledgerlink vouchers export --from'],
      [['vouchers', 'export', ...PERIOD, '--format', 'csv', '--since', 'x'], "Unknown option '--since'"],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect([argv.join(' '), r.code, r.out]).toEqual([argv.join(' '), 2, '']);
      expect(r.err).toContain(message);
    }
  });

  it('is listed in the usage, and every export is in the audit trail under the operating-system user', async () => {
    expect((await cli('--help')).err).toContain('ledgerlink vouchers export --from YYYY-MM-DD');
    const db = openDatabase(process.env.LEDGERLINK_DB!);
    try {
      const exports = db.select().from(auditLog).all().filter((e) => e.action === 'vouchers.export');
      expect(exports.length).toBeGreaterThanOrEqual(4);
      expect(exports.every((e) => e.actor?.startsWith('cli:') && e.role === null)).toBe(true);
    } finally {
      db.$client.close();
    }
  });
});

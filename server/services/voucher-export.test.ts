import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { DEMO } from '../../db/seed/demo-fixture';
import { verifyAudit } from './audit';
import { NotFoundError, ValidationError } from './errors';
import { getRun, listRuns } from './runs';
import { seededDatabase } from './test-support';
import { exportVouchers } from './voucher-export';
import { writeCsv, writeU8File } from './voucher-export-files';
import { EXPORT_COLUMNS } from './voucher-export-rows';
import { exportWorld, type ExportClaim, type ExportWorld } from './voucher-export-test-support';
import { exactExcelNumber, writeXlsx } from './voucher-export-xlsx';

const db = seededDatabase('voucher-export');
const MARCH = { from: '2025-03-01', to: '2025-03-31' };
const BIG = '12345678901234567.89';

/**
 * March 2025 in China time. The edges are the point: 1 March 00:00 Beijing is still 28 February in UTC, and
 * 1 April 00:30 Beijing is still 31 March in UTC — the period follows the voucher date, not the UTC instant.
 */
const CLAIMS: ExportClaim[] = [
  { system: 'dingtalk', instance: 'PI-0315', approvedAt: '2025-03-15T16:40:00+08:00' },
  { system: 'feishu', instance: 'FS-0331', reference: 'FS-REF-0331', approvedAt: '2025-03-31T23:59:00+08:00' },
  { system: 'wecom', instance: '202503200001', approvedAt: '2025-03-20T10:00:00+08:00' },
  { system: 'wecom', instance: '202503010003', approvedAt: '2025-03-01T00:00:00+08:00' },
  { system: 'dingtalk', instance: 'PI-BIG', approvedAt: '2025-03-16T10:00:00+08:00', rows: [{ type: '机票', desc: '包机', amount: BIG, tax: null }] },
  { system: 'wecom', instance: '202504010001', approvedAt: '2025-04-01T00:30:00+08:00' },
  { system: 'dingtalk', instance: 'PI-FEB', approvedAt: '2025-02-28T23:59:00+08:00' },
];

let world: ExportWorld;
beforeAll(async () => {
  world = await exportWorld(db);
  await world.book(CLAIMS);
}, 60_000);
afterAll(() => world.close());

/** What the runs pages say independently: every ok run with its stored voucher, format and delivered number. */
function okRunsIn(period: { from: string; to: string }) {
  const dateOf = (detail: { voucher: unknown }) => (detail.voucher as { header: { date: string } }).header.date;
  return listRuns(db, { status: 'ok', limit: 1000 })
    .map((r) => ({ summary: r, detail: getRun(db, r.id) }))
    .filter(({ detail }) => dateOf(detail) >= period.from && dateOf(detail) <= period.to)
    // The export's order: voucher date, then run.
    .sort((a, b) => dateOf(a.detail).localeCompare(dateOf(b.detail)) || a.summary.id - b.summary.id);
}

const csvRecords = (text: string) => {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed;
};

/** The workbook's bytes as the ArrayBuffer exceljs's types ask for. */
const workbookBytes = (body: Buffer | string) => Uint8Array.from(body as Buffer).buffer;

/** Per run id: Σ of each amount column, exactly. */
function sums(records: Record<string, string>[]) {
  const by = new Map<string, Record<'debit' | 'credit' | 'localDebit' | 'localCredit', Decimal>>();
  for (const r of records) {
    const s = by.get(r.runId) ?? { debit: new Decimal(0), credit: new Decimal(0), localDebit: new Decimal(0), localCredit: new Decimal(0) };
    for (const k of ['debit', 'credit', 'localDebit', 'localCredit'] as const) s[k] = s[k].plus(r[k]);
    by.set(r.runId, s);
  }
  return by;
}

describe('the period', () => {
  it('holds exactly the ok runs whose voucher date (China time) lies in it', async () => {
    const all = listRuns(db, { status: 'ok', limit: 1000 });
    expect(all).toHaveLength(CLAIMS.length);
    const expected = okRunsIn(MARCH).map((r) => r.summary.id).sort((a, b) => a - b);
    const dates = okRunsIn(MARCH).map(({ detail }) => (detail.voucher as { header: { date: string } }).header.date);
    expect(dates).toContain('2025-03-01');
    expect(dates).toContain('2025-03-31');
    expect(dates).not.toContain('2025-04-01');
    const csv = await exportVouchers(db, { ...MARCH, format: 'csv' });
    const exported = [...new Set(csvRecords(csv.body as string).data.map((r) => Number(r.runId)))].sort((a, b) => a - b);
    expect(exported).toEqual(expected);
    expect(csv.count).toBe(expected.length);
    expect(csv.skipped).toEqual({ count: 0, byFormat: {} });
    const instances = okRunsIn(MARCH).map((r) => r.summary.instanceId);
    expect(instances).not.toContain('202504010001');
    expect(instances).not.toContain('PI-FEB');
  });

  it('narrows to one mapping, and names a mapping that does not exist', async () => {
    const feishu = await exportVouchers(db, { ...MARCH, format: 'csv', mapping: DEMO.feishu.mapping });
    const records = csvRecords(feishu.body as string).data;
    expect(feishu.count).toBe(1);
    expect(new Set(records.map((r) => r.mapping))).toEqual(new Set([DEMO.feishu.mapping]));
    expect(feishu.fileName).toBe(`vouchers-${DEMO.feishu.mapping}-2025-03-01_2025-03-31.csv`);
    await expect(exportVouchers(db, { ...MARCH, format: 'csv', mapping: 'no-such-mapping' })).rejects.toThrow(NotFoundError);
  });

  it('refuses bad dates, a reversed period and an unknown format with a message naming the value', async () => {
    const refusal = async (input: Record<string, unknown>) => {
      const error = await exportVouchers(db, input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as Error).message;
    };
    expect(await refusal({ from: '2025-02-30', to: '2025-03-31', format: 'csv' })).toBe('from "2025-02-30" is not a calendar date YYYY-MM-DD');
    expect(await refusal({ from: '2025-03-01', to: '31/03/2025', format: 'csv' })).toContain('to "31/03/2025"');
    expect(await refusal({ from: '2025-03-31', to: '2025-03-01', format: 'csv' })).toBe('the period ends (to 2025-03-01) before it starts (from 2025-03-31)');
    expect(await refusal({ ...MARCH, format: 'pdf' })).toBe('format must be one of csv, xlsx, kingdee, u8; got "pdf"');
    expect(await refusal({ to: '2025-03-31', format: 'csv' })).toContain('from is required');
  });
});

describe('CSV', () => {
  it('has one row per entry line, balanced vouchers and the finance system\'s voucher numbers', async () => {
    const csv = await exportVouchers(db, { ...MARCH, format: 'csv' });
    const { data, meta } = csvRecords(csv.body as string);
    expect(meta.fields).toEqual(EXPORT_COLUMNS.map((c) => c.code));
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const runs = okRunsIn(MARCH);
    const lineCount = runs.reduce((n, r) => n + (r.detail.voucher as { lines: unknown[] }).lines.length, 0);
    expect(data).toHaveLength(lineCount);
    expect(csv.lines).toBe(lineCount);
    for (const [runId, s] of sums(data)) {
      expect(s.debit.equals(s.credit), `run ${runId}: Σdebit ${s.debit} = Σcredit ${s.credit}`).toBe(true);
      expect(s.localDebit.equals(s.localCredit), `run ${runId}: local`).toBe(true);
    }
    for (const { summary, detail } of runs) {
      const rows = data.filter((r) => Number(r.runId) === summary.id);
      const voucher = detail.voucher as { header: { date: string }; lines: { account: string; summary: string }[] };
      expect(rows.map((r) => [r.lineNo, r.account, r.summary, r.voucherDate])).toEqual(
        voucher.lines.map((l, i) => [String(i + 1), l.account, l.summary, voucher.header.date]),
      );
      const delivered = summary.deliveries.find((d) => d.status === 'delivered')?.voucherNumber ?? '';
      expect(new Set(rows.map((r) => r.voucherNumber))).toEqual(new Set([delivered]));
      expect(new Set(rows.map((r) => r.oaReference))).toEqual(new Set([summary.oaReference]));
    }
    // The Kingdee vouchers went to the simulator and came back numbered; the U8 mapping has no finance system.
    const issued = new Set(world.sim.booked.map((b) => b.voucherNumber));
    const kingdee = data.filter((r) => r.mapping !== DEMO.wecom.mapping);
    expect(kingdee.every((r) => issued.has(r.voucherNumber) && r.deliveryStatus === 'delivered')).toBe(true);
    expect(new Set(kingdee.map((r) => r.voucherNumber)).size).toBe(new Set(kingdee.map((r) => r.runId)).size);
    expect(data.filter((r) => r.mapping === DEMO.wecom.mapping).every((r) => r.voucherNumber === '' && r.deliveryStatus === '')).toBe(true);
  });

  it('keeps every digit of an amount beyond a float\'s 15', async () => {
    const csv = await exportVouchers(db, { ...MARCH, format: 'csv' });
    const big = csvRecords(csv.body as string).data.filter((r) => r.oaReference === 'PI-BIG');
    expect(big.find((r) => r.credit !== '0.00')?.credit).toBe(BIG);
    expect(big.find((r) => r.localCredit !== '0.00')?.localCredit).toBe(BIG);
  });

  it('neutralises a cell a spreadsheet would run as a formula, and leaves a negative amount alone', () => {
    const text = writeCsv([[{ kind: 'text', value: '=HYPERLINK("http://x","y")' }, { kind: 'decimal', value: '-12.30' }]]);
    expect(text.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",-12.30`);
  });
});

describe('XLSX', () => {
  it('reads back in exceljs: same rows as the CSV, amounts as 2-decimal numbers, a longer one as exact text', async () => {
    const [xlsx, csv] = await Promise.all([exportVouchers(db, { ...MARCH, format: 'xlsx' }), exportVouchers(db, { ...MARCH, format: 'csv' })]);
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.fileName).toBe('vouchers-2025-03-01_2025-03-31.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbookBytes(xlsx.body));
    const sheet = book.getWorksheet('vouchers')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.code));
    const records = csvRecords(csv.body as string).data;
    expect(sheet.actualRowCount).toBe(records.length + 1);
    const col = (code: string) => EXPORT_COLUMNS.findIndex((c) => c.code === code) + 1;
    records.forEach((record, i) => {
      const row = sheet.getRow(i + 2);
      for (const code of ['debit', 'credit', 'localDebit', 'localCredit']) {
        const cell = row.getCell(col(code));
        if (record[code] === BIG) {
          expect(cell.value).toBe(BIG);
          continue;
        }
        expect(typeof cell.value).toBe('number');
        expect(new Decimal(String(cell.value)).equals(record[code])).toBe(true);
        expect(cell.numFmt).toBe('#,##0.00');
      }
      expect((row.getCell(col('voucherDate')).value as Date).toISOString().slice(0, 10)).toBe(record.voucherDate);
      expect(row.getCell(col('runId')).value).toBe(Number(record.runId));
      expect(String(row.getCell(col('summary')).value)).toBe(record.summary);
      expect(String(row.getCell(col('voucherNumber')).value ?? '')).toBe(record.voucherNumber);
    });
    const notes = book.getWorksheet('columns')!;
    expect(notes.getRow(2).values).toEqual([undefined, 'voucherNumber', '凭证号', EXPORT_COLUMNS[0].en]);
  });

  it('keeps a claimant\'s "=…" as inert text and drops characters XML cannot carry', async () => {
    const cells = EXPORT_COLUMNS.map(() => ({ kind: 'text' as const, value: '' }));
    const summary = EXPORT_COLUMNS.findIndex((c) => c.code === 'summary');
    cells[summary] = { kind: 'text', value: '=HYPERLINK("http://x","y")\u0001' };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbookBytes(await writeXlsx([cells])));
    expect(book.getWorksheet('vouchers')!.getRow(2).getCell(summary + 1).value).toBe('=HYPERLINK("http://x","y")');
  });

  it('writes a number only when Excel keeps its exact digits', () => {
    expect(exactExcelNumber('1174.31')).toBe(1174.31);
    expect(exactExcelNumber('0.00')).toBe(0);
    expect(exactExcelNumber('9999999999999.99')).toBe(9999999999999.99);
    expect(exactExcelNumber('99999999999999.99')).toBeNull();
    expect(exactExcelNumber(BIG)).toBeNull();
  });
});

describe('Kingdee JSON', () => {
  it('is an array holding each Kingdee voucher\'s stored Save document, and counts the U8 ones as skipped', async () => {
    const out = await exportVouchers(db, { ...MARCH, format: 'kingdee' });
    const kingdeeRuns = okRunsIn(MARCH).filter(({ summary }) => summary.mapping !== DEMO.wecom.mapping);
    expect(out.count).toBe(kingdeeRuns.length);
    expect(out.skipped).toEqual({ count: okRunsIn(MARCH).length - kingdeeRuns.length, byFormat: { 'u8-voucher-xml': okRunsIn(MARCH).length - kingdeeRuns.length } });
    expect(out.contentType).toBe('application/json; charset=utf-8');
    const parsed = parseLossless(out.body as string) as unknown[];
    expect(parsed).toHaveLength(kingdeeRuns.length);
    const stored = kingdeeRuns.map(({ detail }) => parseLossless(detail.document!));
    expect(parsed).toEqual(stored);
    // The big amount is a JSON number with every digit, not a float's approximation.
    const bigCredit = JSON.stringify(parsed).includes(`"value":"${BIG}"`);
    expect(bigCredit).toBe(true);
    const models = parsed as { Model: { FEntity: { FCREDIT: unknown; FDEBIT: unknown }[] } }[];
    for (const m of models) {
      const debit = m.Model.FEntity.reduce((s, e) => s.plus(String(isLosslessNumber(e.FDEBIT) ? e.FDEBIT.value : e.FDEBIT)), new Decimal(0));
      const credit = m.Model.FEntity.reduce((s, e) => s.plus(String(isLosslessNumber(e.FCREDIT) ? e.FCREDIT.value : e.FCREDIT)), new Decimal(0));
      expect(debit.equals(credit)).toBe(true);
    }
  });
});

describe('U8 XML', () => {
  it('is one ufinterface holding every U8 voucher of the period', async () => {
    const out = await exportVouchers(db, { ...MARCH, format: 'u8' });
    const u8Runs = okRunsIn(MARCH).filter(({ summary }) => summary.mapping === DEMO.wecom.mapping);
    expect(out.count).toBe(u8Runs.length);
    expect(out.count).toBeGreaterThan(1);
    expect(out.skipped.byFormat).toEqual({ 'kingdee-gl-voucher': okRunsIn(MARCH).length - u8Runs.length });
    const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'voucher' || name === 'entry' }).parse(out.body as string);
    const root = xml.ufinterface;
    expect([root['@_roottag'], root['@_billtype'], root['@_sender'], root['@_receiver']]).toEqual(['voucher', 'gl', 'oa2gl', '996']);
    expect(root.voucher.map((v: Record<string, string>) => v['@_id']).sort()).toEqual(u8Runs.map((r) => r.summary.oaReference).sort());
    for (const { detail } of u8Runs) {
      const inner = /<ufinterface[^>]*>\n([\s\S]*)\n<\/ufinterface>/.exec(detail.document!)![1];
      expect(out.body as string).toContain(inner);
    }
    for (const v of root.voucher) {
      const sum = (k: string) => v.voucher_body.entry.reduce((s: Decimal, e: Record<string, string>) => s.plus(e[k]), new Decimal(0));
      expect(sum('natural_debit_currency').equals(sum('natural_credit_currency'))).toBe(true);
    }
  });

  it('refuses vouchers for two account sets in one file', () => {
    const doc = '<?xml version="1.0" encoding="utf-8"?>\n<ufinterface roottag="voucher" billtype="gl" receiver="996" sender="oa2gl" proc="add" codeexchanged="N">\n  <voucher id="A"></voucher>\n</ufinterface>\n';
    const other = doc.replace('sender="oa2gl"', 'sender="branch"').replace('id="A"', 'id="B"');
    expect(writeU8File([{ runId: 1, mapping: 'a', text: doc }, { runId: 2, mapping: 'a', text: doc.replace('id="A"', 'id="C"') }])).toContain('<voucher id="C">');
    expect(() => writeU8File([{ runId: 1, mapping: 'a', text: doc }, { runId: 2, mapping: 'b', text: other }])).toThrow(/different account sets.*one mapping at a time/);
  });
});

describe('an empty period', () => {
  const EMPTY = { from: '2024-01-01', to: '2024-01-31' };
  it('gives a valid file with nothing in it, in every format', async () => {
    const csv = await exportVouchers(db, { ...EMPTY, format: 'csv' });
    expect(csv.count).toBe(0);
    expect(csvRecords(csv.body as string).data).toEqual([]);
    const xlsx = await exportVouchers(db, { ...EMPTY, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbookBytes(xlsx.body));
    expect(book.getWorksheet('vouchers')!.actualRowCount).toBe(1);
    expect(JSON.parse((await exportVouchers(db, { ...EMPTY, format: 'kingdee' })).body as string)).toEqual([]);
    const u8 = new XMLParser({ ignoreAttributes: false }).parse((await exportVouchers(db, { ...EMPTY, format: 'u8' })).body as string);
    expect(u8.ufinterface['@_roottag']).toBe('voucher');
    expect(u8.ufinterface.voucher).toBeUndefined();
  });
});

describe('the audit trail', () => {
  it('records an export made on someone\'s behalf, and the chain still verifies', async () => {
    const out = await exportVouchers(db, { ...MARCH, format: 'u8' }, { username: 'viewer', role: 'viewer', clientAddress: '10.1.1.1' });
    const entry = db.select().from(auditLog).all().at(-1)!;
    expect(entry).toMatchObject({ action: 'vouchers.export', actor: 'viewer', role: 'viewer', objectType: 'voucher_export', objectId: '2025-03-01..2025-03-31', clientAddress: '10.1.1.1' });
    expect(JSON.parse(entry.afterJson!)).toMatchObject({ format: 'u8', count: out.count, skipped: out.skipped, fileName: out.fileName });
    expect(verifyAudit(db).ok).toBe(true);
  });
});

import http from 'node:http';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { DEMO_PASSWORD, DEMO_USERS } from '../services/users-demo';
import { ROLES, type Role } from '../services/users-roles';
import { exportWorld, type ExportWorld } from '../services/voucher-export-test-support';
import { getDb } from './db';
import { signIn, startHttpTestServer, type HttpTestServer } from './http-test-server';

/** GET /api/exports/vouchers over real HTTP, as a browser downloads the file. */

let server: HttpTestServer;
let exportOrigin = '';
let world: ExportWorld;
const cookies = {} as Record<Role, string>;
const MARCH = 'from=2025-03-01&to=2025-03-31';

beforeAll(async () => {
  server = await startHttpTestServer();
  exportOrigin = server.origin;
  for (const role of ROLES) cookies[role] = await signIn(server, DEMO_USERS.find((u) => u.role === role)!.username, DEMO_PASSWORD);
  world = await exportWorld(getDb());
  await world.book([
    { system: 'dingtalk', instance: 'PI-HTTP-1', approvedAt: '2025-03-12T09:00:00+08:00' },
    { system: 'wecom', instance: '202503130001', approvedAt: '2025-03-13T09:00:00+08:00' },
  ]);
}, 60_000);
afterAll(async () => {
  await world.close();
  await server.close();
});

const download = (query: string, cookie: string | null, headers: Record<string, string> = {}) =>
  fetch(`${exportOrigin}/api/exports/vouchers?${query}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });

describe('GET /api/exports/vouchers', () => {
  it('answers 401 without a session and with a forged one, before looking at the query', async () => {
    for (const cookie of [null, 'ledgerlink_session=forged-token']) {
      const res = await download('format=pdf', cookie);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'sign in first' } });
    }
  });

  it('answers 400 naming a bad format or date, and 404 for a mapping that does not exist', async () => {
    const cases: [string, number, string][] = [
      [`${MARCH}&format=pdf`, 400, 'format must be one of csv, xlsx, kingdee, u8; got "pdf"'],
      [`${MARCH}`, 400, 'format is required: one of csv, xlsx, kingdee, u8'],
      ['from=2025-03-01&to=2025-13-01&format=csv', 400, 'to "2025-13-01" is not a calendar date YYYY-MM-DD'],
      ['to=2025-03-31&format=csv', 400, 'from is required (YYYY-MM-DD)'],
      [`${MARCH}&format=csv&mapping=nope`, 404, 'there is no mapping "nope"'],
    ];
    for (const [query, status, message] of cases) {
      const res = await download(query, cookies.viewer);
      expect([query, res.status, (await res.json()).error.message]).toEqual([query, status, message]);
    }
  });

  it('refuses a foreign Host like every route', async () => {
    // fetch always sends the real Host: a DNS-rebinding page's request is made by hand.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${exportOrigin}/api/exports/vouchers?${MARCH}&format=csv`, { headers: { host: 'evil.example', cookie: cookies.viewer } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('lets every signed-in role download the CSV as an attachment', async () => {
    for (const role of ROLES) {
      const res = await download(`${MARCH}&format=csv`, cookies[role]);
      expect([role, res.status]).toEqual([role, 200]);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="vouchers-2025-03-01_2025-03-31.csv"');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-ledgerlink-voucher-count')).toBe('2');
      const rows = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
      expect(new Set(rows.map((r) => r.oaReference))).toEqual(new Set(['PI-HTTP-1', '202503130001']));
    }
  });

  it('sends the XLSX as bytes exceljs opens, and the U8 file with the skipped count', async () => {
    const xlsx = await download(`${MARCH}&format=xlsx`, cookies.analyst);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet('vouchers')!;
    expect([sheet.getRow(1).getCell(7).value, sheet.getRow(2).getCell(7).value, sheet.getRow(sheet.actualRowCount).getCell(7).value]).toEqual([
      'oaReference',
      'PI-HTTP-1',
      '202503130001',
    ]);

    const u8 = await download(`${MARCH}&format=u8&mapping=travel-reimbursement.wecom-u8`, cookies.integrator);
    expect(u8.headers.get('content-disposition')).toBe('attachment; filename="vouchers-travel-reimbursement.wecom-u8-2025-03-01_2025-03-31-u8.xml"');
    expect(await u8.text()).toContain('<voucher id="202503130001">');
    const all = await download(`${MARCH}&format=u8`, cookies.integrator);
    expect([all.headers.get('x-ledgerlink-voucher-count'), all.headers.get('x-ledgerlink-skipped')]).toEqual(['1', '1']);
  });

  it('writes each download to the audit trail under the signed-in user', async () => {
    const before = getDb().select().from(auditLog).all().length;
    const res = await download(`${MARCH}&format=kingdee`, cookies.viewer, { 'x-forwarded-for': '198.51.100.7' });
    expect(JSON.parse(await res.text())).toHaveLength(1);
    const added = getDb().select().from(auditLog).all().slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'vouchers.export', actor: 'viewer', role: 'viewer', clientAddress: '198.51.100.7', objectId: '2025-03-01..2025-03-31' });
    expect(JSON.parse(added[0].afterJson!)).toMatchObject({ format: 'kingdee', count: 1, skipped: { count: 1, byFormat: { 'u8-voucher-xml': 1 } } });
  });
});

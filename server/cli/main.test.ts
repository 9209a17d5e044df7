import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, useCliFolder } from './test-support';

const PAYLOADS = path.join(ROOT, 'db/seed/payloads');
const folder = useCliFolder('cli');

function writeJson(name: string, value: unknown): string {
  const file = path.join(folder.dir(), name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

const sample = (f: string) => JSON.parse(fs.readFileSync(path.join(PAYLOADS, f), 'utf8'));
const lastJsonLine = (s: string) => JSON.parse(s.trim().split('\n').pop()!);

describe('ledgerlink map', () => {
  it('exit 0: stdout is exactly the Kingdee Save object', async () => {
    const r = await cli('map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', path.join(PAYLOADS, 'dingtalk-instance.json'));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toContain('Model');
    expect(doc.formid).toBeUndefined();
    expect(doc.Model.FEntity).toHaveLength(5);
  });

  it('exit 0: stdout is exactly the U8 <ufinterface> document', async () => {
    const r = await cli('map', '--mapping', 'travel-reimbursement.wecom-u8', path.join(PAYLOADS, 'wecom-approval-detail.json'));
    expect(r.code).toBe(0);
    expect(r.out.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<ufinterface')).toBe(true);
    expect(r.out.trimEnd().endsWith('</ufinterface>')).toBe(true);
  });

  it('exit 0 with a spec file given by path', async () => {
    const exported = await cli('mappings', 'export', 'travel-reimbursement.feishu-kingdee');
    const file = writeJson('feishu-spec.json', exported.out);
    const r = await cli('map', '--mapping', file, path.join(PAYLOADS, 'feishu-instance.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).Model.FEntity[4].FCREDIT).toBe(2496);
  });

  it('exit 2: unreadable file, non-JSON file, wrong arguments, unknown mapping', async () => {
    expect((await cli('map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', path.join(folder.dir(), 'missing.json'))).code).toBe(2);
    const notJson = await cli('map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', writeJson('bad.json', '{"result": '));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(/bad\.json: not valid JSON at line 1, column 12: unexpected end of input/);
    expect((await cli('map', path.join(PAYLOADS, 'dingtalk-instance.json'))).code).toBe(2);
    expect((await cli('map', '--mapping', 'no.such.mapping', path.join(PAYLOADS, 'dingtalk-instance.json'))).code).toBe(2);
    expect((await cli('map', '--bogus', 'x')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('exit 1, never 3: the payload lacks its connector’s shape, whatever its status', async () => {
    const p = sample('dingtalk-instance.json');
    p.result.status = 'RUNNING';
    delete p.result.formComponentValues;
    const r = await cli('map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', writeJson('noform.json', p));
    expect(r.code).toBe(1);
    expect(lastJsonLine(r.err)[0]).toMatchObject({ field: expect.stringContaining('formComponentValues'), row: null });
    const q = sample('dingtalk-instance.json');
    q.result.finishTime = 12345;
    expect((await cli('map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', writeJson('badtime.json', q))).code).toBe(1);
  });

  it('exit 3: a known non-posting status, whatever the data, with the reason on stderr', async () => {
    const p = sample('wecom-approval-detail.json');
    p.info.sp_status = 3;
    p.info.apply_data.contents[6].value.children = [];
    const r = await cli('map', '--mapping', 'travel-reimbursement.wecom-u8', writeJson('rejected.json', p));
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/rejected/);
  });

  it('exit 1: a voucher check fails; stderr ends with the JSON list of {field,row,value,message}', async () => {
    const p = sample('feishu-instance.json');
    const form = JSON.parse(p.data.form);
    form.find((w: { type: string }) => w.type === 'fieldList').value[1][3].value = '1060.005';
    p.data.form = JSON.stringify(form);
    const r = await cli('map', '--mapping', 'travel-reimbursement.feishu-kingdee', writeJson('feishu-bad.json', p));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const problems = lastJsonLine(r.err);
    expect(problems).toContainEqual({ field: 'widget17412238810450001', row: 2, value: '1060.005', message: expect.any(String) });
    for (const p of problems) expect(Object.keys(p).sort()).toEqual(['field', 'message', 'row', 'value']);
  });
});

describe('ledgerlink normalize, mappings, tables', () => {
  it('normalises each sample into a FormRecord', async () => {
    for (const [connector, file] of [['dingtalk', 'dingtalk-instance.json'], ['feishu', 'feishu-instance.json'], ['wecom', 'wecom-approval-detail.json']]) {
      const r = await cli('normalize', '--connector', connector, path.join(PAYLOADS, file));
      expect(r.code).toBe(0);
      const rec = JSON.parse(r.out);
      expect(rec).toMatchObject({ oaSystem: connector, status: 'approved' });
    }
    expect((await cli('normalize', '--connector', 'lotus', path.join(PAYLOADS, 'dingtalk-instance.json'))).code).toBe(2);
  });

  it('refuses a connector name that is an Object property as a usage error naming the choices', async () => {
    for (const name of ['toString', 'constructor', '__proto__']) {
      const r = await cli('normalize', '--connector', name, path.join(PAYLOADS, 'dingtalk-instance.json'));
      expect(r.code).toBe(2);
      expect(r.err).toContain('dingtalk, feishu, wecom, generic');
    }
  });

  it('round-trips a mapping through export and import, bumping its revision', async () => {
    const exported = await cli('mappings', 'export', 'travel-reimbursement.wecom-u8');
    const spec = JSON.parse(exported.out);
    spec.description = 'edited in git';
    const imported = await cli('mappings', 'import', writeJson('wecom-spec.json', spec));
    expect(imported.code).toBe(0);
    const list = await cli('mappings', 'list');
    expect(list.out).toMatch(/travel-reimbursement\.wecom-u8\twecom\tu8-voucher-xml\trevision 2/);
    const bad = await cli('mappings', 'import', writeJson('bad-spec.json', { ...spec, nodes: 'x' }));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/nodes/);
  });

  it('imports and exports lookup tables as CSV', async () => {
    const csv = 'code,name\r\nA,"Alpha, Inc."\r\nB,Beta\r\n';
    expect((await cli('tables', 'import', 'suppliers', writeJson('s.csv', csv))).code).toBe(0);
    const out = await cli('tables', 'export', 'suppliers');
    expect(out.out).toBe(csv);
    const ragged = await cli('tables', 'import', 'suppliers', writeJson('r.csv', 'a,b\n1\n'));
    expect(ragged.code).toBe(2);
    expect(ragged.err).toMatch(/line 2/);
  });
});

describe('the bin launcher', () => {
  it('runs from another folder with no build step, seeding messages on stderr only', () => {
    const db = path.join(folder.dir(), 'launcher.db');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), 'map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', path.join(PAYLOADS, 'dingtalk-instance.json')], {
      cwd: os.tmpdir(),
      env: { ...process.env, LEDGERLINK_DB: db, LEDGERLINK_ROOT: '' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/seeded the demo company/);
    expect(JSON.parse(r.stdout).Model.FDate).toBe('2025-03-15');
    // Second use: already seeded, nothing on stderr.
    const again = execFileSync(process.execPath, [path.join(ROOT, 'bin/ledgerlink.js'), 'mappings', 'list'], { env: { ...process.env, LEDGERLINK_DB: db, LEDGERLINK_ROOT: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(again.split('\n').filter(Boolean)).toHaveLength(3);
  });
});

describe('files the commands read', () => {
  const PAYLOAD = path.join(PAYLOADS, 'dingtalk-instance.json');
  // A payload broken on its third line, where an editor shows the mistake: the 14th character is the stray comma.
  const broken = () => writeJson('broken.json', '{\n  "result": {\n    "status": ,\n  }\n}\n');

  it.each([
    ['map (payload)', (f: string) => ['map', '--mapping', 'travel-reimbursement.dingtalk-kingdee', f]],
    ['map (spec file)', (f: string) => ['map', '--mapping', f, PAYLOAD]],
    ['normalize', (f: string) => ['normalize', '--connector', 'dingtalk', f]],
    ['normalize --config', (f: string) => ['normalize', '--connector', 'dingtalk', '--config', f, PAYLOAD]],
    ['mappings import', (f: string) => ['mappings', 'import', f]],
    ['mappings run-active', (f: string) => ['mappings', 'run-active', 'travel-reimbursement.dingtalk-kingdee', f]],
  ])('%s: a missing file is "no such file", a broken one names its line and column, one line on stderr, exit 2', async (_what, args) => {
    const missing = path.join(folder.dir(), 'nowhere', 'claim.json');
    const gone = await cli(...args(missing));
    expect(gone.code).toBe(2);
    expect(gone.err).toBe(`ledgerlink: no such file: ${missing}\n`);
    const file = broken();
    const bad = await cli(...args(file));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(new RegExp(`^ledgerlink: ${file.replace(/[.\\/]/g, '\\$&')}: not valid JSON at line 3, column 15: .+\\n$`));
    expect(bad.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('tables import: a missing CSV file is "no such file" too', async () => {
    const missing = path.join(folder.dir(), 'rates.csv');
    const r = await cli('tables', 'import', 'rates', missing);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`ledgerlink: no such file: ${missing}\n`);
  });
});


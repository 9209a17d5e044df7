import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappingVersions, mappings } from '../../db/schema';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { getMapping, listMappings, saveDraft } from './mappings';
import { getSample, listSamples } from './samples';
import { seedDemo } from './seed';
import { ROOT, seededDatabase } from './test-support';
import { exportTableCsv, getTable, importTableCsv, listTables } from './tables';
import { runMapping } from './run-mapping';

const db = seededDatabase('store');

describe('database', () => {
  it('runs in WAL mode with foreign keys on', () => {
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps mapping versions immutable', () => {
    const m = db.select().from(mappings).get()!;
    // version 1 is the demo seed's; a second one, then try to change them
    db.insert(mappingVersions).values({ mappingId: m.id, version: 2, specJson: m.draftSpecJson, createdBy: 'test' }).run();
    expect(() => db.update(mappingVersions).set({ specJson: '{}' }).run()).toThrow(/immutable/);
    expect(() => db.delete(mappingVersions).run()).toThrow(/immutable/);
  });
});

describe('demo seed', () => {
  it('loads the four tables, three samples and three mappings once', () => {
    expect(listTables(db).map((t) => [t.name, t.rowCount])).toEqual([
      ['accounts', 17], ['departments', 5], ['employees', 7], ['expense-types', 8],
    ]);
    expect(listSamples(db).map((s) => s.connector)).toEqual(['dingtalk', 'feishu', 'wecom']);
    expect(listMappings(db).map((m) => m.name)).toEqual([
      'travel-reimbursement.dingtalk-kingdee', 'travel-reimbursement.feishu-kingdee', 'travel-reimbursement.wecom-u8',
    ]);
  });

  it('does not seed again, so users’ changes stay', () => {
    importTableCsv(db, 'departments', 'dept_code,dept_name\r\nX,Y\r\n');
    expect(seedDemo(db, ROOT)).toBe(false);
    expect(getTable(db, 'departments').rows).toEqual([['X', 'Y']]);
    importTableCsv(db, 'departments', fs.readFileSync(path.join(ROOT, 'db/seed/tables/departments.csv'), 'utf8'));
  });

  it('stores sample payloads verbatim and runs them through their mapping', async () => {
    const sample = listSamples(db, 'wecom')[0];
    const text = getSample(db, sample.id).payloadText;
    expect(text).toBe(fs.readFileSync(path.join(ROOT, 'db/seed/payloads/wecom-approval-detail.json'), 'utf8'));
    const outcome = await runMapping(db, getMapping(db, 'travel-reimbursement.wecom-u8').spec, text);
    expect(outcome.kind).toBe('ok');
  });
});

describe('drafts', () => {
  it('refuses a save on top of a newer revision, and says how to recover', () => {
    const m = getMapping(db, 'travel-reimbursement.feishu-kingdee');
    const first = saveDraft(db, { name: m.name, spec: m.spec, layout: { 'src.total': { x: 1, y: 2 } }, expectedRevision: m.revision });
    expect(first.revision).toBe(m.revision + 1);
    expect(() => saveDraft(db, { name: m.name, spec: m.spec, expectedRevision: m.revision })).toThrow(ConflictError);
    expect(() => saveDraft(db, { name: m.name, spec: m.spec, expectedRevision: m.revision })).toThrow(/reload/);
    expect(getMapping(db, m.name).layout).toEqual({ 'src.total': { x: 1, y: 2 } });
  });

  it('keeps spec and layout apart and validates the spec', () => {
    const m = getMapping(db, 'travel-reimbursement.feishu-kingdee');
    expect(() => saveDraft(db, { name: m.name, spec: { ...m.spec, nodes: 7 } as never, expectedRevision: m.revision })).toThrow(ValidationError);
    expect(() => saveDraft(db, { name: 'nope', spec: { ...m.spec, name: 'nope' }, expectedRevision: 1 })).toThrow(NotFoundError);
  });
});

describe('lookup tables', () => {
  it('round-trips CSV with quotes, commas, Chinese and a BOM', () => {
    const csv = '\uFEFFcode,name\r\n1,"星河, 北京"\r\n2,"say ""hi"""\r\n';
    importTableCsv(db, 'quotes', csv);
    expect(exportTableCsv(db, 'quotes')).toBe(csv.slice(1));
  });

  it.each([
    ['', /empty/],
    ['a,a\n1,2\n', /appears twice/],
    ['a,,c\n1,2,3\n', /column 2 has no name/],
    ['a,b\n1,2,3\n', /line 2 has 3 cells/],
  ])('names what is wrong with CSV %j', (csv, message) => {
    expect(() => importTableCsv(db, 'broken', csv)).toThrow(message);
  });

  it('refuses a table name with odd characters', () => {
    expect(() => importTableCsv(db, '../etc', 'a\n1\n')).toThrow(ValidationError);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callerAs, useTempDatabase } from '../test-support';

const env = useTempDatabase();
afterAll(env.cleanup);
const analyst = callerAs(env.context('analyst'));
const viewer = callerAs(env.context('viewer'));

describe('lookup tables over the API', () => {
  it('reads a table with its rows and exports it as CSV', async () => {
    const t = await viewer.tables.get({ name: 'departments' });
    expect(t.columns[0]).toBe('dept_code');
    expect(t.rows).toHaveLength(5);
    const csv = await viewer.tables.exportCsv({ name: 'expense-types' });
    expect(csv.split('\r\n')[0]).toBe('expense_type,category,account_suffix');
  });

  it('saves an edited grid, and refuses a save made on a stale revision', async () => {
    const t = await analyst.tables.get({ name: 'expense-types' });
    const rows = [...t.rows, ['会议费', '会议费', '06']];
    const saved = await analyst.tables.replaceRows({ name: t.name, columns: t.columns, rows, expectedRevision: t.revision });
    expect(saved.revision).toBe(t.revision + 1);
    await expect(analyst.tables.replaceRows({ name: t.name, columns: t.columns, rows, expectedRevision: t.revision })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed elsewhere/),
    });
    await expect(
      analyst.tables.replaceRows({ name: t.name, columns: t.columns, rows: [['only one cell']], expectedRevision: saved.revision }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/row 1 has 1 cells/) });
  });

  it('imports CSV as an analyst, but not as a viewer', async () => {
    await expect(viewer.tables.importCsv({ name: 'projects', csvText: 'code,name\nP1,Alpha\n' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await analyst.tables.importCsv({ name: 'projects', csvText: 'code,name\nP1,Alpha\n' });
    expect(r).toMatchObject({ name: 'projects', rows: 1, created: true });
    await expect(analyst.tables.importCsv({ name: 'projects', csvText: 'code,code\n1,2\n' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('form templates over the API', () => {
  it('lists the templates inferred from the demo samples', async () => {
    const list = await viewer.templates.list();
    expect(list.map((t) => t.oaSystem)).toEqual(['dingtalk', 'feishu', 'wecom']);
    const wecom = await viewer.templates.get({ oaSystem: 'wecom', templateCode: list[2].templateCode });
    const table = wecom.fields.find((f) => f.type === 'table');
    expect(table?.columns?.map((c) => c.label.en)).toEqual(['Expense type', 'Date', 'Description', 'Amount', 'Tax']);
  });

  it('infers a template from a pasted payload (IT’s job), and explains a payload of the wrong system', async () => {
    const integrator = callerAs(env.context('integrator'));
    await expect(analyst.templates.inferFromPayload({ connector: 'dingtalk', payloadText: '{}' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const payloadText = fs.readFileSync(path.join(__dirname, '../../connectors/fixtures/dingtalk-instance-topapi.json'), 'utf8');
    const t = await integrator.templates.inferFromPayload({ connector: 'dingtalk', payloadText, templateCode: 'PROC-LEGACY', name: '旧版差旅费报销' });
    expect(t).toMatchObject({ templateCode: 'PROC-LEGACY', name: '旧版差旅费报销' });
    expect(t.fields.some((f) => f.type === 'table')).toBe(true);
    await expect(integrator.templates.inferFromPayload({ connector: 'feishu', payloadText })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/\$\.data/),
    });
  });
});

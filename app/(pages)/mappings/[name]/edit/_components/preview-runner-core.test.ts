import { TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { afterAll, describe, expect, it } from 'vitest';
import type { MappingSpec } from '#server/engine/spec';
import * as pipeline from '#server/pipeline/preview';
import { callerAs, useTempDatabase } from '#server/api/test-support';
import { addSample } from '#server/services/samples';
import { defaultSampleId, loadedTables, previewTableNames, runPreviewInBrowser } from './preview-runner-core';

/**
 * The editor's live preview runs in the browser on what it fetched over tRPC; the preview page asks the server.
 * Both are driven here through the same tRPC procedures (answers passed through the wire's superjson, as the
 * browser receives them): the browser's path — its choice of sample, the tables it fetches, its run — must show
 * exactly what the server's preview shows for the same spec and payload.
 */
const env = useTempDatabase();
afterAll(env.cleanup);
const ctx = env.context('analyst');
const api = callerAs(ctx);
const wire = <T>(value: T): T => superjson.parse(superjson.stringify(value));

// A second DingTalk form whose sample lists first: the browser must still pick the mapping's own form's sample.
addSample(ctx.db, { name: '0 加班申请 (DingTalk)', connector: 'dingtalk', templateCode: 'PROC-OVERTIME', payloadText: '{"result": {}}' });

/** What the live preview does in the browser for a spec: fetch the sample and the tables it reads, run locally. */
async function browserPreview(spec: MappingSpec, payloadText?: string) {
  if (payloadText === undefined) {
    const samples = wire(await api.samples.list({ connector: spec.source.connector }));
    const sampleId = defaultSampleId(samples, spec);
    if (sampleId === undefined) throw new Error(`no sample for ${spec.source.connector}`);
    payloadText = wire(await api.samples.get({ id: sampleId })).payloadText;
  }
  const names = previewTableNames(spec);
  const fetched = await Promise.all(
    names.map((name) =>
      api.tables.get({ name }).then(wire, (e: unknown) => {
        // The hook leaves a table that does not exist to compile, and shows any other failure.
        if (e instanceof TRPCError && e.code === 'NOT_FOUND') return undefined;
        throw e;
      }),
    ),
  );
  return runPreviewInBrowser(pipeline, spec, payloadText, loadedTables(names, fetched));
}

const DEMOS = ['travel-reimbursement.dingtalk-kingdee', 'travel-reimbursement.feishu-kingdee', 'travel-reimbursement.wecom-u8'];
const THIRD_DECIMAL: Record<string, [string, string]> = {
  'travel-reimbursement.dingtalk-kingdee': ['\\"1280.00\\"', '\\"1280.005\\"'],
  'travel-reimbursement.feishu-kingdee': ['\\"value\\":1280}', '\\"value\\":1280.005}'],
  'travel-reimbursement.wecom-u8': ['"1280.00"', '"1280.005"'],
};

describe('the live preview in the browser', () => {
  it.each(DEMOS)('shows what the server shows for %s on its default sample', async (mappingName) => {
    const { spec } = wire(await api.mappings.get({ name: mappingName }));
    const inBrowser = await browserPreview(spec);
    const onServer = wire(await api.preview.run({ mappingName }));
    expect(inBrowser).toEqual(onServer);
    // Not two empty answers that happen to agree: the demo sample gives a voucher, its document and names.
    expect(inBrowser.kind).toBe('ok');
    expect(inBrowser.document?.text).toBeTruthy();
    expect(inBrowser.lines.length).toBeGreaterThan(0);
    expect(inBrowser.lines.every((l) => l.accountName)).toBe(true);
  });

  it.each(DEMOS)('refuses a pasted payload with a bad amount as the server does for %s', async (mappingName) => {
    const { spec } = wire(await api.mappings.get({ name: mappingName }));
    const sample = wire(await api.samples.get({ id: defaultSampleId(wire(await api.samples.list({ connector: spec.source.connector })), spec)! }));
    // The air ticket's 1280.00 given a third decimal, written as each OA system writes it (Feishu: a bare number).
    const [from, to] = THIRD_DECIMAL[mappingName];
    const payloadText = sample.payloadText.replace(from, to);
    expect(payloadText).not.toBe(sample.payloadText);
    const inBrowser = await browserPreview(spec, payloadText);
    const onServer = wire(await api.preview.run({ mappingName, payloadText }));
    expect(inBrowser).toEqual(onServer);
    expect(inBrowser.kind).toBe('error');
    expect(inBrowser.errors.some((e) => /1280\.005/.test(JSON.stringify(e)))).toBe(true);
    expect(inBrowser.document).toBeNull();
  });

  it('reports a table the draft reads but nobody has, as a compile error like the server', async () => {
    const { spec, revision } = wire(await api.mappings.get({ name: DEMOS[0] }));
    const draft: MappingSpec = { ...spec, nodes: spec.nodes.map((n) => (n.kind === 'lookup' && n.table === 'departments' ? { ...n, table: 'no-such-table' } : n)) };
    const inBrowser = await browserPreview(draft);
    // The server previews saved drafts: save this one (the editor autosaves) and preview the mapping.
    await api.mappings.saveDraft({ name: DEMOS[0], spec: draft, expectedRevision: revision });
    const onServer = wire(await api.preview.run({ mappingName: DEMOS[0] }));
    expect(inBrowser).toEqual(onServer);
    expect(inBrowser.kind).toBe('compile');
    expect(JSON.stringify(inBrowser.compileErrors)).toContain('no-such-table');
  });

  it('shows a draft still being built as far as it is mapped, with its missing fields, like the server', async () => {
    const { spec, revision } = wire(await api.mappings.get({ name: DEMOS[1] }));
    // The expense lines lose their explanation: every other field still maps.
    const draft: MappingSpec = { ...spec, edges: spec.edges.filter((e) => e.to.node !== 't.expense.summary') };
    const inBrowser = await browserPreview(draft);
    await api.mappings.saveDraft({ name: DEMOS[1], spec: draft, expectedRevision: revision });
    const onServer = wire(await api.preview.run({ mappingName: DEMOS[1] }));
    expect(inBrowser).toEqual(onServer);
    expect(inBrowser.kind).toBe('partial');
    expect(inBrowser.missing).toEqual([{ line: 'expense', field: 'summary' }]);
    expect(inBrowser.compileErrors.map((e) => e.code)).toEqual(['unmapped_required']);
    const expense = inBrowser.lines.filter((l) => l.template === 'expense');
    expect(expense.length).toBeGreaterThan(0);
    expect(expense.every((l) => l.summary === null && l.account && l.debit)).toBe(true);
    expect(inBrowser.document).toBeNull();
  });
});

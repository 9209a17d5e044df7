import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewPayload } from '../pipeline/preview';
import { getMapping } from './mappings';
import { previewSpec } from './preview-voucher';
import { listSamples, getSample } from './samples';
import { loadTables } from './tables';
import { ROOT, seededDatabase } from './test-support';

/**
 * The editor's live preview runs `previewPayload` in the browser with tables it fetched, the preview page runs it
 * on the server with tables from the store: the two must show the same thing.
 */
const db = seededDatabase('preview-in-browser');

describe('the pure preview pipeline', () => {
  it('gives what the server preview gives, from the tables alone', async () => {
    const { spec } = getMapping(db, 'travel-reimbursement.dingtalk-kingdee');
    const sample = getSample(db, listSamples(db, 'dingtalk')[0].id);
    const fetched = loadTables(db, ['departments', 'employees', 'expense-types', 'accounts']);
    const inBrowser = await previewPayload(spec, sample.payloadText, (names) => Object.fromEntries(names.filter((n) => fetched[n]).map((n) => [n, fetched[n]])));
    const onServer = await previewSpec(db, spec, { sampleId: sample.id });
    expect(inBrowser).toEqual(onServer);
    expect(inBrowser.kind).toBe('ok');
    expect(inBrowser.lines[0].accountName).toBeTruthy();
  });

  it('reports a table it was not given as a compile error, not an exception', async () => {
    const { spec } = getMapping(db, 'travel-reimbursement.dingtalk-kingdee');
    const payload = fs.readFileSync(path.join(ROOT, 'db/seed/payloads/dingtalk-instance.json'), 'utf8');
    const result = await previewPayload(spec, payload, () => ({}));
    expect(result.kind).toBe('compile');
    expect(result.compileErrors.length).toBeGreaterThan(0);
    expect(result.lines).toEqual([]);
  });
});

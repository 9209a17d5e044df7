import { describe, expect, it } from 'vitest';
import { demoPayload, demoTables } from '../../db/seed/demo-fixture';
import { previewPayload } from '../pipeline/preview';
import { PreconditionError } from './errors';
import { getMapping, saveDraft } from './mappings';
import { seededDatabase } from './test-support';
import { submitVersion, type Actor } from './versions';

const db = seededDatabase('versions-incomplete');
const MAPPING = 'travel-reimbursement.feishu-kingdee';
const alice: Actor = { username: 'alice', role: 'analyst' };
const tables = demoTables();
const source = (names: string[]) => Object.fromEntries(names.flatMap((n) => (tables[n] ? [[n, tables[n]]] : [])));

/**
 * Missing required fields block publishing, not previewing: the same incomplete draft previews as a partial voucher
 * and is refused for review with the problem list.
 */
describe('an incomplete draft', () => {
  it('previews as far as it is mapped but cannot be submitted for review', async () => {
    const m = getMapping(db, MAPPING);
    const spec = structuredClone(m.spec);
    // The payable line loses its account; a new line template has no fields at all yet.
    spec.edges = spec.edges.filter((e) => e.to.node !== 't.payable.account');
    spec.lines.push({ id: 'draftLine', repeat: 'once' });
    saveDraft(db, { name: MAPPING, spec, expectedRevision: m.revision });

    const preview = await previewPayload(spec, JSON.stringify(demoPayload('feishu')), source);
    expect(preview.kind).toBe('partial');
    expect(preview.missing).toEqual(
      expect.arrayContaining([{ line: 'payable', field: 'account' }, { line: 'draftLine', field: 'summary' }, { line: 'draftLine', field: 'account' }]),
    );
    expect(preview.missing).toHaveLength(3);
    const payable = preview.lines.find((l) => l.template === 'payable');
    expect(payable).toMatchObject({ account: null, credit: '2496.00' });
    expect(payable?.summary).toMatch(/^应付.+报销款 /);
    expect(preview.header).toMatchObject({ book: '001', voucherWord: '记 (PRE001)', fiscalYear: '2025', period: '3' });

    let refusal: unknown;
    try {
      submitVersion(db, alice, { mapping: MAPPING, note: 'incomplete' });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(PreconditionError);
    expect((refusal as Error).message).toMatch(/3 problem\(s\).*not mapped/);
  });
});

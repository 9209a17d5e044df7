import { describe, expect, it } from 'vitest';
import { demoPayload, demoSpec, demoTables } from '../../db/seed/demo-fixture';
import { jsonErrorPlace, previewPayload } from './preview';

const spec = demoSpec('dingtalk');
const tables = demoTables();
const source = (names: string[]) => Object.fromEntries(names.flatMap((n) => (tables[n] ? [[n, tables[n]]] : [])));

describe('the preview of a payload that makes no voucher', () => {
  it('places a JSON error at the line and column an editor shows', async () => {
    const text = '{\n  "result": {\n    "title": "差旅费" ,,\n}';
    const r = await previewPayload({ ...spec, source: { ...spec.source, postOn: ['approved'] } }, text, source);
    expect(r.kind).toBe('bad_json');
    // The second comma of `"差旅费" ,,` is the first character no JSON can have: line 3, column 21.
    expect(r.errors[0].params).toEqual({ line: '3', column: '21', position: String(text.indexOf(',,') + 1) });
  });

  it('counts past a byte-order mark, and gives nothing for an error without a position', () => {
    expect(jsonErrorPlace('\uFEFF{"a":', 5)).toEqual({ position: '5', line: '1', column: '6' });
    expect(jsonErrorPlace('{}', undefined)).toEqual({});
  });

  it("names the statuses the mapping posts on when it skips a rejected claim", async () => {
    const payload = demoPayload('dingtalk');
    payload.result.result = 'refuse';
    const r = await previewPayload(spec, JSON.stringify(payload), source);
    expect(r.kind).toBe('skipped');
    expect(r.record?.status).toBe('rejected');
    expect(r.postOn).toEqual(['approved']);
    expect(r.lines).toEqual([]);
  });
});

describe('the preview a finance reader reads', () => {
  it('names the applicant, shows the voucher word with its code, and keeps the instants for the page to zone', async () => {
    const r = await previewPayload(spec, JSON.stringify(demoPayload('dingtalk')), source);
    expect(r.kind).toBe('ok');
    expect(r.record).toMatchObject({ applicantId: '024512663938264572', applicantName: '张伟', finishedAt: expect.stringMatching(/Z$|[+-]\d\d:\d\d$/) });
    expect(r.header?.voucherWord).toBe('记 (PRE001)');
  });
});


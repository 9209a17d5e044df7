import { describe, expect, it } from 'vitest';
import type { FormRecord, TableRow } from '../engine/form-record';
import { evaluate, genericConnector as gen, parseGenericConfig, parsePath, type GenericConfigInput } from './generic';
import { isShapeError } from './types';

function ok(payload: unknown, config?: GenericConfigInput): FormRecord {
  const r = gen.normalize(payload, config ? { config } : undefined);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.record;
}
function err(payload: unknown, config?: unknown) {
  const r = gen.normalize(payload, config === undefined ? undefined : { config });
  if (r.ok) throw new Error('expected a shape error');
  return r.error;
}

const claim = () => ({
  code: 0,
  data: {
    id: 'EXP-7',
    status: 'Approved',
    finishTime: '2025-03-15T16:40:05+08:00',
    createTime: 1741914753000,
    reason: '北京参展差旅',
    total: 2496.0,
    tripStart: '2025-03-10',
    costCentre: '00123',
    urgent: false,
    items: [
      { type: '机票', amount: '1280.00', tax: 105.69 },
      { type: '住宿费', amount: '1060.00', tax: 60 },
      { type: '市内交通', amount: '156.00', tax: '4.54', note: { x: 1 } },
    ],
    tags: ['差旅', '展会'],
    meta: { source: 'erp' },
  },
});

describe('generic connector without a config (inferred)', () => {
  const r = ok(claim());
  it('reads the record basics from well-known keys under data', () => {
    expect(r).toMatchObject({ oaSystem: 'generic', instanceId: 'EXP-7', status: 'approved', rawStatus: 'Approved', finishedAt: '2025-03-15T08:40:05Z', submittedAt: '2025-03-14T01:12:33Z', oaReference: 'EXP-7' });
  });
  it('types scalars: YYYY-MM-DD → date, numbers → decimal text, numeric strings stay text', () => {
    expect(r.fields.tripStart).toMatchObject({ type: 'date', value: '2025-03-10' });
    expect(r.fields.total).toMatchObject({ type: 'number', value: '2496' });
    expect(r.fields.costCentre).toMatchObject({ type: 'text', value: '00123' });
    expect(r.fields.urgent).toMatchObject({ type: 'text', value: 'false' });
    expect(r.fields.tags).toMatchObject({ type: 'options', value: [{ text: '差旅' }, { text: '展会' }] });
  });
  it('reads arrays of objects as tables, nested objects as unknown text with warnings', () => {
    const rows = r.fields.items.value as TableRow[];
    expect(rows.map((row) => [row.type.value, row.amount.value, row.tax.value])).toEqual([['机票', '1280.00', '105.69'], ['住宿费', '1060.00', '60'], ['市内交通', '156.00', '4.54']]);
    expect(rows[2].note).toMatchObject({ type: 'unknown', value: '{"x":1}' });
    expect(r.fields.meta).toMatchObject({ type: 'unknown', value: '{"source":"erp"}' });
    expect(r.warnings).toHaveLength(2);
  });
  it('infers a template with table columns', () => {
    const t = gen.inferTemplate(claim());
    if (isShapeError(t)) throw new Error(t.message);
    expect(t.fields.find((f) => f.id === 'items')!.columns!.map((c) => `${c.id}:${c.type}`)).toEqual(['type:text', 'amount:text', 'tax:number', 'note:unknown']);
  });
  it('maps status words and refuses unknown or missing ones', () => {
    const at = (status: unknown) => ({ ...claim(), data: { ...claim().data, status } });
    expect(ok(at('已驳回')).status).toBe('rejected');
    expect(ok({ state: 'pending', id: 1 }).status).toBe('running');
    expect(err(at('maybe'))).toMatchObject({ path: '$.data.status' });
    const { status: _s, ...rest } = claim().data;
    expect(err({ data: rest })).toMatchObject({ path: '$.data.status' });
    expect(err({ data: { ...rest, status: 'approved', finishTime: undefined } })).toMatchObject({ path: '$.data.finishedAt' });
    expect(err([1, 2])).toMatchObject({ path: '$' });
  });
});

const config: GenericConfigInput = {
  instanceId: "$['data']['no']",
  status: '$.data.state',
  finishedAt: '$.data.approvedAt',
  oaReference: '$.data.no',
  title: '$.data.subject',
  applicantId: '$.data.applicant.id',
  applicantName: '$.data.applicant.name',
  statusMap: { PASS: 'approved', BACK: 'rejected' },
  timeFormat: 'epoch-s',
  fields: [
    { id: 'total', path: '$.data.total', type: 'money', label: { zh: '合计' } },
    { id: 'firstAmount', path: '$.data.items[0].amount', type: 'money' },
    { id: 'kinds', path: '$.data.items[*].kind', type: 'options' },
    { id: 'claimant', path: '$.data.applicant', type: 'person' },
    { id: 'files', path: '$.data.files', type: 'attachment' },
    { id: 'day', path: '$.data.day', type: 'date' },
    { id: 'when', path: '$.data.approvedAt', type: 'datetime' },
    { id: 'missing', path: '$.data.nothing', type: 'text' },
    {
      id: 'rows', path: '$.data.items[*]', type: 'table',
      columns: [
        { id: 'amount', path: 'amount', type: 'money' },
        { id: 'tax', path: '$.tax', type: 'money' },
        { id: 'kind', path: '@.kind', type: 'option' },
      ],
    },
  ],
};
const custom = () => ({
  data: {
    no: 'R-1', state: 'pass', approvedAt: 1742028005, subject: '差旅费报销', total: '2,496.00', day: '2025-03-15 06:00',
    applicant: { id: 'u1', name: '张伟' },
    files: ['https://f/1.pdf', { fileId: 'f2', fileName: 'b.pdf' }, 'c.pdf'],
    items: [
      { amount: '1280.00', tax: '105.69', kind: { code: 'air', name: '机票' } },
      { amount: '1060.00', tax: null, kind: { code: 'hotel', name: '住宿费' } },
    ],
  },
});

describe('generic connector with a config', () => {
  const r = ok(custom(), config);
  it('reads record basics through paths, statusMap (case-insensitive) and epoch seconds', () => {
    expect(r).toMatchObject({ instanceId: 'R-1', status: 'approved', rawStatus: 'pass', finishedAt: '2025-03-15T08:40:05Z', title: '差旅费报销', oaReference: 'R-1', applicant: { id: 'u1', name: '张伟' } });
  });
  it('reads fields by type', () => {
    expect(r.fields.total).toEqual({ label: { zh: '合计' }, type: 'money', value: '2496.00', currency: 'CNY' });
    expect(r.fields.firstAmount.value).toBe('1280.00');
    expect(r.fields.kinds.value).toEqual([{ key: 'air', text: '机票' }, { key: 'hotel', text: '住宿费' }]);
    expect(r.fields.claimant.value).toEqual([{ id: 'u1', name: '张伟' }]);
    expect(r.fields.files.value).toEqual([{ url: 'https://f/1.pdf' }, { id: 'f2', name: 'b.pdf' }, { name: 'c.pdf' }]);
    expect(r.fields.day).toMatchObject({ type: 'date', value: '2025-03-15' });
    expect(r.fields.when).toMatchObject({ type: 'datetime', value: '2025-03-15T08:40:05Z' });
    expect(r.fields.missing.value).toBeNull();
  });
  it('reads table rows through relative column paths', () => {
    const rows = r.fields.rows.value as TableRow[];
    expect(rows.map((x) => [x.amount.value, x.tax.value, x.kind.value])).toEqual([
      ['1280.00', '105.69', { key: 'air', text: '机票' }],
      ['1060.00', null, { key: 'hotel', text: '住宿费' }],
    ]);
    const t = gen.inferTemplate(custom(), { config });
    if (isShapeError(t)) throw new Error(t.message);
    expect(t.fields.find((f) => f.id === 'rows')!.columns!.map((c) => c.id)).toEqual(['amount', 'tax', 'kind']);
  });
  it('reads an empty table and refuses unknown statuses at the configured path', () => {
    const p = custom();
    p.data.items = [];
    expect(ok(p, config).fields.rows.value).toEqual([]);
    p.data.state = 'LIMBO';
    expect(err(p, config)).toMatchObject({ path: '$.data.state', message: expect.stringMatching(/statusMap/) });
  });
  it('reports invalid configs at the offending setting', () => {
    const bad = (c: object) => err(custom(), c);
    expect(bad({ ...config, fields: [{ id: 'x', path: '$..x', type: 'text' }] })).toMatchObject({ path: 'config.fields[0].path', message: expect.stringMatching(/recursive descent/) });
    expect(bad({ ...config, fields: [{ id: 'x', path: '$.a', type: 'text' }, { id: 'x', path: '$.b', type: 'text' }] }).path).toBe('config.fields[1].id');
    expect(bad({ ...config, finishTime: '$.x' }).path).toBe('config');
    expect(bad({ ...config, status: 'data.state' })).toMatchObject({ path: 'config.status', message: expect.stringMatching(/starts with \$/) });
    expect(bad({ fields: 'x' }).path).toBe('config.fields');
    expect(parseGenericConfig(config).ok).toBe(true);
    expect(bad({ ...config, status: undefined })).toMatchObject({ path: 'config.status' });
  });
});

describe('JSON path subset', () => {
  it('parses keys, quoted keys, indexes and wildcards', () => {
    expect(parsePath(`$.data['a.b']["c\\"d"][0][*].*.名称`)).toEqual({
      ok: true,
      segments: [
        { kind: 'key', key: 'data' }, { kind: 'key', key: 'a.b' }, { kind: 'key', key: 'c"d' }, { kind: 'index', index: 0 },
        { kind: 'wildcard' }, { kind: 'wildcard' }, { kind: 'key', key: '名称' },
      ],
    });
    expect(parsePath('amount', true)).toEqual({ ok: true, segments: [{ kind: 'key', key: 'amount' }] });
  });
  it.each([
    ['$..a', /recursive descent/], ['$.a[?(@.x)]', /filters/], ['$.a[0:2]', /slices/], ['$.a[-1]', /negative/],
    ['$.a[0,1]', /unions/], ['a.b', /starts with \$/], ['$.', /property name/], ["$['a", /unterminated/], ['', /empty/], ['$a', /unexpected/],
  ])('refuses %s', (p, message) => {
    const r = parsePath(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
  it('evaluates own properties only', () => {
    const doc = JSON.parse('{"__proto__":{"x":1},"a":[{"b":1},{"b":2}]}');
    const p = (s: string) => {
      const r = parsePath(s);
      if (!r.ok) throw new Error(r.message);
      return r.segments;
    };
    expect(evaluate(doc, p('$.a[*].b'))).toEqual([1, 2]);
    expect(evaluate(doc, p('$.__proto__.x'))).toEqual([1]);
    expect(evaluate({}, p('$.constructor'))).toEqual([]);
    expect(evaluate(doc, p('$.a[5].b'))).toEqual([]);
  });
});

describe('generic statusMap keys', () => {
  it('treats "__proto__" as a plain status text', () => {
    const cfg = JSON.parse('{"status":"$.s","finishedAt":"$.t","timeFormat":"epoch-ms","fields":[],"statusMap":{"__proto__":"approved"}}');
    expect(ok({ s: '__proto__', t: 1742028005000 }, cfg)).toMatchObject({ status: 'approved', finishedAt: '2025-03-15T08:40:05Z' });
    expect(({} as Record<string, unknown>).approved).toBeUndefined();
  });
});

import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mappings } from '../../db/schema';
import { getDb } from './db';
import { getBatch, postBatch, startHttpTestServer, type HttpTestServer } from './http-test-server';

/**
 * What was found on the running server, sent again over real HTTP in the shape the studio's client uses
 * (httpBatchLink + superjson): drafts that saved with 200 and could never be read again, or that gave 500.
 */

let server: HttpTestServer;
beforeAll(async () => {
  server = await startHttpTestServer();
});
afterAll(() => server.close());

const NAME = 'travel-reimbursement.wecom-u8';

interface Draft {
  name: string;
  revision: number;
  spec: { nodes: { id: string; kind: string; params?: Record<string, unknown> }[]; target: Record<string, unknown> } & Record<string, unknown>;
  layout: Record<string, unknown>;
}

async function load(name = NAME): Promise<Draft> {
  const r = await getBatch(server, 'mappings.get', { name });
  expect(r.status, r.text).toBe(200);
  return r.body.result.data.json;
}

const messageOf = (r: { body: any }) => String(r.body?.error?.json?.message);
const functionNodeIndex = (d: Draft) => d.spec.nodes.findIndex((n) => n.kind === 'function');

/** Saves, expects 400 with the place named, and checks the stored draft did not move. */
async function expectRefusedAndUnchanged(send: (before: Draft) => Promise<{ status: number; body: any; text: string }>, place: RegExp) {
  const before = await load();
  const r = await send(before);
  expect(r.status, r.text).toBe(400);
  expect(messageOf(r)).toMatch(place);
  const after = await load();
  expect(after.revision).toBe(before.revision);
  expect(after.spec).toEqual(before.spec);
  expect(after.layout).toEqual(before.layout);
}

const save = (d: Draft, changes: { spec?: unknown; layout?: unknown }, meta?: unknown) =>
  postBatch(server, 'mappings.saveDraft', {
    json: { name: d.name, spec: changes.spec ?? d.spec, layout: changes.layout ?? d.layout, expectedRevision: d.revision },
    meta,
  });

describe('a draft that could not be read back is refused with 400 naming the place', () => {
  it('accepts an ordinary save (the harness sends what the client sends)', async () => {
    const d = await load();
    const r = await save(d, { layout: { positions: { 'fn.tax': { x: 10, y: 20 } } } });
    expect(r.status, r.text).toBe(200);
    expect((await load()).layout).toEqual({ positions: { 'fn.tax': { x: 10, y: 20 } } });
  });

  it('refuses the keys constructor, prototype and __proto__ in the layout, and the mapping still reads as before', async () => {
    await expectRefusedAndUnchanged(
      (d) => save(d, { layout: { positions: { constructor: { x: 1, y: 2 } } } }),
      /^layout\.positions\.constructor: the key "constructor" is not allowed/,
    );
    await expectRefusedAndUnchanged((d) => save(d, { layout: { prototype: 1 } }), /^layout\.prototype: the key "prototype"/);
    // Sent as text: JSON.parse makes "__proto__" an ordinary own key, as the server's parser does.
    await expectRefusedAndUnchanged((d) => save(d, { layout: JSON.parse('{"__proto__":{"x":1}}') }), /^layout\.__proto__: the key "__proto__"/);
  });

  it("refuses them in a function node's parameters and in the target options", async () => {
    await expectRefusedAndUnchanged((d) => {
      const i = functionNodeIndex(d);
      const nodes = d.spec.nodes.map((n, j) => (j === i ? { ...n, params: { ...n.params, constructor: 'Asia/Shanghai' } } : n));
      return save(d, { spec: { ...d.spec, nodes } });
    }, /^spec\.nodes\.\d+\.params\.constructor: the key "constructor" is not allowed/);
    await expectRefusedAndUnchanged(
      (d) => save(d, { spec: { ...d.spec, target: { ...d.spec.target, options: { prototype: 'x' } } } }),
      /^spec\.target\.options\.prototype: the key "prototype"/,
    );
  });

  it('refuses a layout nested 5,000 deep (400, not 500)', async () => {
    await expectRefusedAndUnchanged((d) => {
      const deep = '{"a":'.repeat(5000) + '{}' + '}'.repeat(5000);
      const rawJson = JSON.stringify({ name: d.name, spec: d.spec, layout: { deep: 0 }, expectedRevision: d.revision }).replace('{"deep":0}', deep);
      return postBatch(server, 'mappings.saveDraft', { rawJson });
    }, /^layout(\.a){16}: nests deeper than 16 levels/);
  });

  it('refuses a BigInt sent through superjson, in the layout or in a parameter', async () => {
    await expectRefusedAndUnchanged(
      (d) => save(d, { layout: { positions: { n1: { x: '12345678901234567890', y: 1 } } } }, { values: { 'layout.positions.n1.x': ['bigint'] }, v: 1 }),
      /^layout\.positions\.n1\.x: is a BigInt/,
    );
    await expectRefusedAndUnchanged((d) => {
      const i = functionNodeIndex(d);
      const nodes = d.spec.nodes.map((n, j) => (j === i ? { ...n, params: { ...n.params, scale: '2' } } : n));
      return save(d, { spec: { ...d.spec, nodes } }, { values: { [`spec.nodes.${i}.params.scale`]: ['bigint'] }, v: 1 });
    }, /^spec\.nodes\.\d+\.params\.scale: is a BigInt/);
  });

  it("refuses a circular reference made with superjson's referential meta", async () => {
    await expectRefusedAndUnchanged(
      (d) => save(d, { layout: { positions: { n1: { x: 1, y: 2 } } } }, { referentialEqualities: { layout: ['layout.positions.n1.self'] }, v: 1 }),
      /^layout\.positions\.n1\.self: refers back to an object that contains it/,
    );
    await expectRefusedAndUnchanged((d) => {
      const i = functionNodeIndex(d);
      return save(d, {}, { referentialEqualities: { [`spec.nodes.${i}`]: [`spec.nodes.${i}.params.loop`] }, v: 1 });
    }, /^spec\.nodes\.\d+\.params\.loop: refers back/);
  });
});

describe('reading a mapping stored before these checks', () => {
  it('leaves reserved keys out of what it sends, and a layout too deep to send, instead of failing every read', async () => {
    const db = getDb();
    const row = db.select().from(mappings).where(eq(mappings.name, NAME)).get()!;
    const spec = JSON.parse(row.draftSpecJson);
    const fn = spec.nodes.find((n: { kind: string }) => n.kind === 'function');
    fn.params = { ...fn.params, constructor: 'x' };
    const draftSpecJson = JSON.stringify(spec);
    db.update(mappings)
      .set({ draftSpecJson, layoutJson: '{"positions":{"constructor":{"x":1,"y":2},"fn.tax":{"x":3,"y":4}}}' })
      .where(eq(mappings.id, row.id))
      .run();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const d = await load();
      expect(d.layout).toEqual({ positions: { 'fn.tax': { x: 3, y: 4 } } });
      expect(d.spec.nodes.find((n) => n.id === fn.id)?.params).not.toHaveProperty('constructor');
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/layout: left out the reserved key\(s\) at positions\.constructor/);

      db.update(mappings).set({ layoutJson: '{"a":'.repeat(3000) + '{}' + '}'.repeat(3000) }).where(eq(mappings.id, row.id)).run();
      expect((await load()).layout).toEqual({});
      // The read changed nothing stored: the row is as it was written.
      expect(db.select().from(mappings).where(eq(mappings.id, row.id)).get()!.draftSpecJson).toBe(draftSpecJson);
    } finally {
      warn.mockRestore();
      db.update(mappings).set({ draftSpecJson: row.draftSpecJson, layoutJson: row.layoutJson }).where(eq(mappings.id, row.id)).run();
    }
  });
});

describe('names "." and ".."', () => {
  it('are refused for a new mapping, a copy and a lookup table (400), and nothing is created', async () => {
    const d = await load();
    const m = (await getBatch(server, 'mappings.list', null)).body.result.data.json.find((x: { name: string }) => x.name === NAME);
    for (const name of ['.', '..']) {
      const created = await postBatch(server, 'mappings.create', {
        json: { name, connector: m.sourceConnector, templateCode: m.templateCode, targetFormat: m.targetFormat },
      });
      expect(created.status, created.text).toBe(400);
      expect(messageOf(created)).toMatch(/^name: a mapping name cannot be "\." or "\.\."/);
      const copied = await postBatch(server, 'mappings.duplicate', { json: { from: d.name, to: name } });
      expect(copied.status, copied.text).toBe(400);
      expect(messageOf(copied)).toMatch(/^to: a mapping name cannot be "\." or "\.\."/);
      const table = await postBatch(server, 'tables.importCsv', { json: { name, csvText: 'code,name\nP1,Alpha\n' } });
      expect(table.status, table.text).toBe(400);
      expect(messageOf(table)).toMatch(/a lookup table name cannot be "\." or "\.\."/);
    }
    const names = (await getBatch(server, 'mappings.list', null)).body.result.data.json.map((x: { name: string }) => x.name);
    expect(names).not.toContain('..');
    const tables = (await getBatch(server, 'tables.list', null)).body.result.data.json.map((x: { name: string }) => x.name);
    expect(tables).not.toContain('..');
  });
});

describe("a lookup table's CSV export", () => {
  it('neutralises cells a spreadsheet would run as a formula, and leaves plain numbers alone', async () => {
    const created = await postBatch(server, 'tables.importCsv', { json: { name: 'formula-cells', csvText: 'code,note\nA0,plain\n' } });
    expect(created.status, created.text).toBe(200);
    // The grid keeps cells as typed (the CSV import trims), so a leading tab or carriage return arrives too.
    const cells = ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '-12.30', 'a=b'];
    const saved = await postBatch(server, 'tables.replaceRows', {
      json: { name: 'formula-cells', columns: ['code', '@note'], rows: cells.map((c, i) => [`A${i}`, c]), expectedRevision: 1 },
    });
    expect(saved.status, saved.text).toBe(200);

    const r = await getBatch(server, 'tables.exportCsv', { name: 'formula-cells' });
    expect(r.status).toBe(200);
    const parsed = Papa.parse<string[]>(r.body.result.data.json, { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['code', "'@note"]);
    expect(parsed.slice(1).map((row) => row[1])).toEqual([
      '\'=HYPERLINK("http://x","y")',
      "'+cmd",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
      '-12.30',
      'a=b',
    ]);
  });
});

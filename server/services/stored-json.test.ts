import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cli, useCliFolder } from '../cli/test-support';

/**
 * The paths into the store that do not go through the HTTP API — the CLI's `mappings import`, `tables import`
 * and `tables export` — keep the same rules: what is stored can be read back, names are never `.` or `..`, and
 * an exported table cannot run as a spreadsheet formula.
 */

const folder = useCliFolder('stored-json');

function writeFile(name: string, text: string): string {
  const file = path.join(folder.dir(), name);
  fs.writeFileSync(file, text);
  return file;
}

const NAME = 'travel-reimbursement.wecom-u8';

describe('ledgerlink mappings import', () => {
  it("refuses a spec with a reserved key in a function's parameters, naming the place, and keeps the stored one", async () => {
    const before = (await cli('mappings', 'export', NAME)).out;
    const spec = JSON.parse(before);
    const i = spec.nodes.findIndex((n: { kind: string }) => n.kind === 'function');
    spec.nodes[i].params = { ...spec.nodes[i].params, constructor: 'Asia/Shanghai' };
    const r = await cli('mappings', 'import', writeFile('reserved.json', JSON.stringify(spec)));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`at nodes.${i}.params.constructor: the key "constructor" is not allowed`);
    expect((await cli('mappings', 'export', NAME)).out).toBe(before);
  });

  it('refuses a spec named "." or ".."', async () => {
    const spec = JSON.parse((await cli('mappings', 'export', NAME)).out);
    for (const name of ['.', '..']) {
      const r = await cli('mappings', 'import', writeFile('dots.json', JSON.stringify({ ...spec, name })));
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/at name: a mapping name cannot be "\." or "\.\."/);
    }
    expect((await cli('mappings', 'list')).out).not.toMatch(/^\.\.?\t/m);
  });
});

describe('ledgerlink tables', () => {
  it('refuses the table names "." and ".."', async () => {
    const file = writeFile('t.csv', 'code,name\nP1,Alpha\n');
    for (const name of ['.', '..']) {
      const r = await cli('tables', 'import', name, file);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/a lookup table name cannot be "\." or "\.\."/);
    }
  });

  it('exports a table with formula-like cells neutralised, as the voucher CSV does', async () => {
    const csv = 'code,=total\nA1,"=HYPERLINK(""http://x"",""y"")"\nA2,+cmd\nA3,-2+3\nA4,@SUM(A1)\nA5,-12.30\nA6,+5\n';
    expect((await cli('tables', 'import', 'formulas', writeFile('f.csv', csv))).code).toBe(0);
    const r = await cli('tables', 'export', 'formulas');
    expect(r.code).toBe(0);
    const rows = Papa.parse<string[]>(r.out, { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['code', "'=total"],
      ['A1', '\'=HYPERLINK("http://x","y")'],
      ['A2', "'+cmd"],
      ['A3', "'-2+3"],
      ['A4', "'@SUM(A1)"],
      ['A5', '-12.30'],
      ['A6', '+5'],
    ]);
  });
});

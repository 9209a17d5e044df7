import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { demoU8Voucher } from './fixtures/demo-vouchers';
import { U8OptionsSchema, type U8OptionsInput } from './options';
import { serialiseU8 } from './u8';
import { stripInvalidXmlChars, xmlAttr, xmlText } from './xml';

const sample = readFileSync(path.join(__dirname, 'fixtures/yonyou-u8-voucher.xml'), 'utf8');
// The intended differences from the vendor sample: the source key reserve2 carries the OA reference, which U8 takes
// only from the CDM voucher-making system.
const fixture = sample
  .replace('<reserve2></reserve2>', '<reserve2>DD-202503140912000286417</reserve2>')
  .replace('<voucher_making_system></voucher_making_system>', '<voucher_making_system>CDM</voucher_making_system>');

/** The sample's EAI addressing; settings parsed as the pipeline parses them. */
const settings = (extra: Partial<U8OptionsInput> = {}) => U8OptionsSchema.parse({ sender: 'oa2gl', receiver: '996', ...extra });

// Values stay text ("03", "1174.31", "0") and entries/items are always arrays.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === 'entry' || name === 'item',
});
const orderedParser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, parseTagValue: false });

type Entry = {
  account_code: string;
  abstract: string;
  natural_debit_currency: string;
  natural_credit_currency: string;
  auxiliary_accounting?: { item: Array<{ '#text': string; '@name': string }> };
};
type Doc = { ufinterface: { voucher: { voucher_body: { entry: Entry[] } } & Record<string, unknown> } };

/** Element names in document order, to prove the sequence matches the EAI template. */
function tagOrder(nodes: unknown[]): string[] {
  const names: string[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    for (const [k, v] of Object.entries(node)) {
      if (k === ':@' || k === '#text') continue;
      names.push(k);
      if (Array.isArray(v)) names.push(...tagOrder(v));
    }
  }
  return names;
}

describe('serialiseU8', () => {
  const out = serialiseU8(demoU8Voucher(), settings());

  it('is well-formed and identical to the EAI sample', () => {
    expect(XMLValidator.validate(out)).toBe(true);
    expect(parser.parse(out)).toEqual(parser.parse(fixture));
    expect(tagOrder(orderedParser.parse(out))).toEqual(tagOrder(orderedParser.parse(fixture)));
    expect(out).toBe(fixture);
  });

  it('writes accounts as given, two-decimal amounts and "0" on the empty side', () => {
    const doc = parser.parse(out) as Doc;
    const entries = doc.ufinterface.voucher.voucher_body.entry;
    expect(entries.map((e) => e.account_code)).toEqual(['660102', '660102', '660102', '22210101', '2241']);
    expect(entries[0].natural_debit_currency).toBe('1174.31');
    expect(entries[0].natural_credit_currency).toBe('0');
    expect(entries[1].natural_debit_currency).toBe('1000.00');
    expect(entries[4].natural_debit_currency).toBe('0');
    expect(entries[4].natural_credit_currency).toBe('2496.00');
  });

  it('writes auxiliary items only for the dimensions a line carries', () => {
    const entries = (parser.parse(out) as Doc).ufinterface.voucher.voucher_body.entry;
    expect(entries[0].auxiliary_accounting?.item).toEqual([{ '#text': '03', '@name': 'dept_id' }]);
    expect(entries[3].auxiliary_accounting).toBeUndefined();
    expect(entries[4].auxiliary_accounting?.item.map((i) => i['@name'])).toEqual(['dept_id', 'personnel_id']);
  });

  it('maps customer, supplier and project, with item_class when configured', () => {
    const v = demoU8Voucher();
    v.lines[3].dimensions = { project: 'P01', supplier: 'S9', customer: 'C1' };
    const entries = (parser.parse(serialiseU8(v, settings({ projectClass: '00' }))) as Doc).ufinterface.voucher.voucher_body.entry;
    expect(entries[3].auxiliary_accounting?.item.map((i) => `${i['@name']}=${i['#text']}`)).toEqual([
      'cust_id=C1',
      'supplier_id=S9',
      'item_class=00',
      'item_id=P01',
    ]);
  });

  it('uses the receiver/sender options', () => {
    const text = serialiseU8(demoU8Voucher(), settings({ receiver: 'u8', sender: 'll' }));
    expect(text).toContain('receiver="u8" sender="ll"');
    expect(serialiseU8(demoU8Voucher(), U8OptionsSchema.parse({ sender: 'll' }))).toContain('receiver="u8" sender="ll"');
  });

  it('never writes a float artefact', () => {
    const v = demoU8Voucher();
    v.lines[0].debit = new Decimal('0.1').plus(new Decimal('0.2'));
    v.lines[4].credit = new Decimal('1321.99'); // 2496.00 − 1174.31 + 0.30: a serialiser refuses an unbalanced voucher
    const entries = (parser.parse(serialiseU8(v, settings())) as Doc).ufinterface.voucher.voucher_body.entry;
    expect(entries[0].natural_debit_currency).toBe('0.30');
  });

  it('escapes hostile text and attributes and strips characters XML 1.0 forbids', () => {
    const v = demoU8Voucher();
    const hostile = 'A&B <x>"q" \'s\' ]]> \u0000\u0001\u0008\u000B\u001F\uFFFE\uD800 end';
    v.header.reference = hostile + '\n\t';
    v.header.preparer = '</enter><evil/>';
    v.lines[0].summary = hostile;
    v.lines[0].account = '<![CDATA[x]]>';
    v.lines[0].dimensions.department = '"><item name="x">';
    const text = serialiseU8(v, settings({ sender: 'a"b<c' }));
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text) as {
      ufinterface: {
        '@sender': string;
        voucher: { '@id': string; voucher_head: { enter: string }; voucher_body: { entry: Entry[] } };
      };
    };
    const clean = 'A&B <x>"q" \'s\' ]]>  end';
    // fast-xml-parser decodes the standard entities; &#10;/&#9; are not decoded but prove whitespace survived.
    const decode = (s: string) => s.replace(/&#10;/g, '\n').replace(/&#9;/g, '\t').replace(/&#13;/g, '\r');
    expect(decode(doc.ufinterface.voucher['@id'])).toBe(clean + '\n\t');
    expect(doc.ufinterface['@sender']).toBe('a"b<c');
    expect(doc.ufinterface.voucher.voucher_head.enter).toBe('</enter><evil/>');
    const e = doc.ufinterface.voucher.voucher_body.entry[0];
    expect(e.abstract).toBe(clean);
    expect(e.account_code).toBe('<![CDATA[x]]>');
    expect(e.auxiliary_accounting?.item).toEqual([{ '#text': '"><item name="x">', '@name': 'dept_id' }]);
    // eslint-disable-next-line no-control-regex -- the point is to prove these characters are gone
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('takes voucher type and preparer from the settings when the mapping leaves them empty, and never sends an empty preparer', () => {
    const v1 = demoU8Voucher();
    v1.header.voucherWord = null;
    expect(serialiseU8(v1, settings())).toContain('<voucher_type>记</voucher_type>');
    expect(serialiseU8(v1, settings({ voucherType: '付' }))).toContain('<voucher_type>付</voucher_type>');
    const v2 = demoU8Voucher();
    v2.header.preparer = null;
    expect(() => serialiseU8(v2, settings())).toThrow(/preparer/);
    expect(serialiseU8(v2, settings({ preparer: '李会计' }))).toContain('<enter>李会计</enter>');
    // The mapped preparer wins over the default.
    expect(serialiseU8(demoU8Voucher(), settings({ preparer: '李会计' }))).toContain('<enter>王芳</enter>');
    const v3 = demoU8Voucher();
    v3.lines[0].dimensions.costCentre = 'CC1';
    expect(() => serialiseU8(v3, settings())).toThrow(/costCentre/);
  });

  it('writes the OA reference to the source key reserve2', () => {
    expect(out).toContain('<reserve2>DD-202503140912000286417</reserve2>');
  });
});

describe('xml helpers', () => {
  it('escape and strip', () => {
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlAttr(`"'\t`)).toBe('&quot;&apos;&#9;');
    expect(stripInvalidXmlChars('ok\u0007\uDC00😀\uFFFF')).toBe('ok😀');
  });
});

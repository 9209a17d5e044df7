import { describe, expect, it } from 'vitest';
import { child, childText, parseXml, XmlParseError } from './wecom-xml';

describe('parseXml', () => {
  it('reads elements, CDATA, entities and character references', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<xml><A><![CDATA[a<b>&c]]></A>\n<B>x &lt;&amp;&gt; &#x5f20;&#19977;</B>' +
        '<C attr="1" other=\'2\'/><!-- note --><D><E>1</E><E>2</E></D></xml>',
    );
    expect(root.name).toBe('xml');
    expect(childText(root, 'A')).toBe('a<b>&c');
    expect(childText(root, 'B')).toBe('x <&> 张三');
    expect(childText(root, 'C')).toBe('');
    expect(child(root, 'D')?.children.map((e) => e.text)).toEqual(['1', '2']);
    expect(childText(root, 'Missing')).toBeUndefined();
  });

  it('keeps CDATA content exactly and trims only in childText', () => {
    const root = parseXml('<xml><Encrypt><![CDATA[ab+/==]]></Encrypt>\n<Pad>  v  </Pad></xml>');
    expect(child(root, 'Encrypt')?.text).toBe('ab+/==');
    expect(child(root, 'Pad')?.text).toBe('  v  ');
    expect(childText(root, 'Pad')).toBe('v');
  });

  const refusals: Array<[string, string, RegExp]> = [
    ['DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "b">]><xml>&a;</xml>', /DOCTYPE and ENTITY/],
    ['DOCTYPE inside', '<xml><!DOCTYPE x></xml>', /DOCTYPE and ENTITY/],
    ['lower-case doctype', '<!doctype xml><xml/>', /DOCTYPE and ENTITY/],
    ['external entity use', '<xml>&xxe;</xml>', /unknown entity/],
    ['bare ampersand', '<xml>a & b</xml>', /bare "&"/],
    ['mismatched tags', '<xml><A></B></xml>', /closes <A>/],
    ['unclosed', '<xml><A>text', /not closed/],
    ['trailing content', '<xml/><xml/>', /after the root/],
    ['not XML', '{"encrypt":"abc"}', /does not start with an XML element/],
    ['empty', '', /does not start/],
    ['processing instruction in body', '<xml><?php x ?></xml>', /unsupported markup/],
    ['unterminated CDATA', '<xml><![CDATA[abc</xml>', /unterminated CDATA/],
    ['surrogate char ref', '<xml>&#xD800;</xml>', /unknown entity/],
    ['malformed attribute', '<xml a=1></xml>', /malformed attribute/],
  ];
  it.each(refusals)('refuses %s', (_name, source, message) => {
    expect(() => parseXml(source)).toThrow(XmlParseError);
    expect(() => parseXml(source)).toThrow(message);
  });

  it('caps nesting depth instead of recursing without bound', () => {
    const deep = '<a>'.repeat(5000) + '</a>'.repeat(5000);
    expect(() => parseXml(deep)).toThrow(/deeper than 32/);
    const ok = '<a>'.repeat(32) + '</a>'.repeat(32);
    expect(parseXml(ok).name).toBe('a');
  });
});

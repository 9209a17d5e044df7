/**
 * Minimal XML 1.0 text helpers for the ledger encodings. Only what a voucher needs: escaped text and attributes,
 * with the characters XML 1.0 forbids (C0 controls except TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) removed —
 * an OA form field can contain anything, and one stray control character makes the whole document unparsable.
 */

// Everything outside the XML 1.0 `Char` production. With the `u` flag a lone surrogate is one code point and
// falls outside every range, so it is removed too.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/** Element text: `&`, `<` and `>` (the last guards against `]]>`). */
export function xmlText(s: string): string {
  return stripInvalidXmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (always written in double quotes): also quotes, and whitespace kept as character references
 * because attribute-value normalisation would otherwise turn TAB/LF/CR into spaces. */
export function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** A leaf element on its own indented line; empty text is written `<x></x>` as U8 EAI templates do. */
export function leaf(indent: string, name: string, text: string): string {
  return `${indent}<${name}>${xmlText(text)}</${name}>`;
}

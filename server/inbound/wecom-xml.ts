/**
 * A deliberately small XML reader for WeCom's callback envelopes and messages: elements, text, CDATA, the five
 * predefined entities and character references. It refuses DOCTYPE and ENTITY declarations outright (no entity
 * expansion, no external fetches), and caps nesting depth, so a hostile body cannot blow up memory or the stack.
 * Attributes are read past and ignored: WeCom's messages carry none.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Direct text and CDATA content, concatenated, entities decoded. */
  text: string;
}

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

const MAX_DEPTH = 32;
const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string, at: number): string {
  return text.replace(/&([^;&<]*);|&/g, (match, body: string | undefined) => {
    if (body === undefined) throw new XmlParseError(`bare "&" in text near offset ${at}`);
    if (body in PREDEFINED) return PREDEFINED[body];
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    }
    throw new XmlParseError(`unknown entity "${match.slice(0, 20)}" near offset ${at}`);
  });
}

class Reader {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseDocument(): XmlElement {
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipMisc(true);
    if (!this.src.startsWith('<', this.pos)) throw new XmlParseError('the body does not start with an XML element');
    const root = this.element(1);
    this.skipMisc(false);
    if (this.pos !== this.src.length) throw new XmlParseError(`unexpected content after the root element at offset ${this.pos}`);
    return root;
  }

  /** Whitespace, comments and (before the root only) the XML declaration; DOCTYPE is refused. */
  private skipMisc(prolog: boolean): void {
    for (;;) {
      while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos += 1;
      if (this.src.startsWith('<!--', this.pos)) this.skipComment();
      else if (prolog && this.src.startsWith('<?xml', this.pos)) this.skipPast('?>', 'XML declaration');
      else if (this.src.startsWith('<!', this.pos) || this.src.startsWith('<?', this.pos)) this.refuseDeclaration();
      else return;
    }
  }

  private refuseDeclaration(): never {
    const head = this.src.slice(this.pos, this.pos + 9).toUpperCase();
    if (head.startsWith('<!DOCTYPE') || head.startsWith('<!ENTITY')) {
      throw new XmlParseError('DOCTYPE and ENTITY declarations are not accepted');
    }
    throw new XmlParseError(`unsupported markup at offset ${this.pos}`);
  }

  private skipComment(): void {
    this.skipPast('-->', 'comment');
  }

  private skipPast(end: string, what: string): void {
    const close = this.src.indexOf(end, this.pos);
    if (close < 0) throw new XmlParseError(`unterminated ${what} at offset ${this.pos}`);
    this.pos = close + end.length;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (!match) throw new XmlParseError(`expected an element name at offset ${this.pos}`);
    this.pos += match[0].length;
    return match[0];
  }

  private element(depth: number): XmlElement {
    if (depth > MAX_DEPTH) throw new XmlParseError(`elements nested deeper than ${MAX_DEPTH} levels`);
    this.pos += 1; // '<'
    const name = this.name();
    this.skipAttributes();
    const node: XmlElement = { name, children: [], text: '' };
    if (this.src.startsWith('/>', this.pos)) {
      this.pos += 2;
      return node;
    }
    this.pos += 1; // '>'
    for (;;) {
      const lt = this.src.indexOf('<', this.pos);
      if (lt < 0) throw new XmlParseError(`element <${name}> is not closed`);
      if (lt > this.pos) node.text += decodeEntities(this.src.slice(this.pos, lt), this.pos);
      this.pos = lt;
      if (this.src.startsWith('<![CDATA[', lt)) {
        const end = this.src.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlParseError(`unterminated CDATA at offset ${lt}`);
        node.text += this.src.slice(lt + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith('<!--', lt)) {
        this.skipComment();
      } else if (this.src.startsWith('</', lt)) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== name) throw new XmlParseError(`</${closing}> closes <${name}> at offset ${lt}`);
        while (/\s/.test(this.src[this.pos] ?? '')) this.pos += 1;
        if (this.src[this.pos] !== '>') throw new XmlParseError(`malformed closing tag </${name}> at offset ${lt}`);
        this.pos += 1;
        return node;
      } else if (this.src.startsWith('<!', lt) || this.src.startsWith('<?', lt)) {
        this.refuseDeclaration();
      } else {
        node.children.push(this.element(depth + 1));
      }
    }
  }

  /** Reads past `name="value"` pairs; values may not contain '<' (as in XML itself). */
  private skipAttributes(): void {
    for (;;) {
      const start = this.pos;
      while (/\s/.test(this.src[this.pos] ?? '')) this.pos += 1;
      const ch = this.src[this.pos];
      if (ch === '>' || this.src.startsWith('/>', this.pos)) return;
      if (this.pos === start) throw new XmlParseError(`malformed tag at offset ${this.pos}`);
      this.name();
      const attr = /\s*=\s*("[^"<]*"|'[^'<]*')/y;
      attr.lastIndex = this.pos;
      const match = attr.exec(this.src);
      if (!match) throw new XmlParseError(`malformed attribute at offset ${this.pos}`);
      this.pos += match[0].length;
    }
  }
}

export function parseXml(source: string): XmlElement {
  return new Reader(source).parseDocument();
}

/** The trimmed text of the first direct child called `name`; undefined when there is none. */
export function childText(parent: XmlElement, name: string): string | undefined {
  const child = parent.children.find((c) => c.name === name);
  return child?.text.trim();
}

export function child(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((c) => c.name === name);
}

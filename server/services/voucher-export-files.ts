import { csvField } from '../ledgers';
import { ValidationError } from './errors';
import { EXPORT_COLUMNS, type ExportCell } from './voucher-export-rows';

/**
 * The text file formats of the voucher export. The ledger documents (Kingdee Save objects, U8 EAI vouchers) are
 * the stored documents themselves, byte for byte inside their container: never parsed and re-written, because a
 * JSON parse would turn every amount into a float and a re-serialised XML could reorder what U8 reads in order.
 */

/**
 * CSV as the ledgers write it (ledgers/csv.ts): RFC 4180 with CRLF, UTF-8 with a byte-order mark so Excel reads
 * Chinese text, every cell through `csvField`, which neutralises a cell that a spreadsheet would run as a formula
 * (`=HYPERLINK(…)` typed into a claim's description) and leaves plain numbers such as "-12.30" alone.
 */
export function writeCsv(rows: ExportCell[][]): string {
  const lines = [EXPORT_COLUMNS.map((c) => c.code), ...rows.map((r) => r.map((cell) => String(cell.value)))];
  return '\uFEFF' + lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * A JSON array of Kingdee GL_VOUCHER Save objects, one per voucher, each exactly the stored document (so each
 * element is what `ledgerlink map` printed and what DynamicFormService.Save takes as `data`). An array rather than
 * one BatchSave object: BatchSave shares one set of Save flags across its Models, and mappings may set
 * IsVerifyBaseDataField differently. JSON strings cannot hold a raw line break, so indenting every line of a
 * document by two spaces only moves whitespace between tokens.
 */
export function writeKingdeeArray(documents: string[]): string {
  if (documents.length === 0) return '[]\n';
  const items = documents.map((doc) => '  ' + doc.trim().split('\n').join('\n  '));
  return `[\n${items.join(',\n')}\n]\n`;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
/** The EAI root of a voucher file with nothing in it: no sender or receiver, because no account set is addressed. */
const EMPTY_U8_ROOT = '<ufinterface roottag="voucher" billtype="gl" proc="add" codeexchanged="N">';
/**
 * A stored U8 document: declaration, the `<ufinterface …>` start tag, its content, the end tag. The serialiser
 * escapes `>` inside attribute values (ledgers/xml.ts), so the first `>` after `<ufinterface` ends the tag.
 */
const U8_DOCUMENT = /^\s*<\?xml[^>]*\?>\s*(<ufinterface\b[^>]*>)([\s\S]*)<\/ufinterface>\s*$/;

export interface U8Document {
  runId: number;
  mapping: string;
  text: string;
}

/**
 * One EAI file holding every voucher: U8's `ufinterface` takes several `<voucher>` elements, imported one by one
 * (each answered by its own `item` in the reply, matched by the voucher id = OA reference). The start tag names
 * the account set (sender, receiver), so all vouchers must share it; vouchers for different account sets are
 * refused with the mappings to export one at a time.
 */
export function writeU8File(documents: U8Document[]): string {
  if (documents.length === 0) return `${XML_DECLARATION}\n${EMPTY_U8_ROOT}\n</ufinterface>\n`;
  let root: { tag: string; mapping: string } | null = null;
  const vouchers: string[] = [];
  for (const doc of documents) {
    const m = U8_DOCUMENT.exec(doc.text);
    if (!m) throw new ValidationError(`run ${doc.runId} (${doc.mapping}) did not store a U8 EAI document; it cannot go into a U8 file`);
    if (root === null) root = { tag: m[1], mapping: doc.mapping };
    else if (m[1] !== root.tag)
      throw new ValidationError(
        `the U8 vouchers of this period go to different account sets (${root.mapping}: ${root.tag}; ${doc.mapping}: ${m[1]}); ` +
          'one EAI file addresses one account set: export them one mapping at a time (mapping filter)',
      );
    const content = m[2].replace(/^\n+/, '').replace(/\s+$/, '');
    if (content) vouchers.push(content);
  }
  return `${XML_DECLARATION}\n${root!.tag}\n${vouchers.join('\n')}\n</ufinterface>\n`;
}

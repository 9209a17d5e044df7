/**
 * Exact JSON reading for the JSONata and hand-written contestants (not used by Ledgerlink, whose connectors parse
 * with server/connectors/lib/json-parse.ts).
 *
 * DingTalk sends amounts and ids as strings, so both contestants read the payload with the native `JSON.parse`. When
 * a field they read as an amount or an id holds a JSON number instead, a float may already have lost digits
 * (72057594037927.93 reads back as 72057594037927.94): they then raise EXACT_REPARSE and convert the payload again
 * from text parsed by `parseNumbersAsText`, where every number is the string of its own digits. The engine's
 * connectors read a number and a string of the same digits alike, so the outcome is the engine's.
 */

/** The signal (an Error message) that a JSON number was met where digits matter. */
export const EXACT_REPARSE = 'bench: JSON number met, parse again keeping digits';

/** A JSON string (escapes included) or a number lexeme; strings are matched whole so nothing inside them changes. */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON text → value, every JSON number as the string of its source text (`1280.00` → "1280.00"). */
export function parseNumbersAsText(text: string): unknown {
  return JSON.parse(text.replace(TOKEN, (m) => (m.charCodeAt(0) === 0x22 ? m : `"${m}"`)));
}

import fs from 'node:fs';
import { parseJsonPayload } from '../connectors';
import { jsonErrorPlace } from '../pipeline/preview';
import { UsageError } from './io';

/**
 * A file the command was given, as text. A missing or unreadable file is the caller's mistake, said in words
 * ("no such file: claims/x.json"), never as a bare errno code.
 */
export function readFileText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no such file: ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder, not a ${what} file`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`no permission to read ${file}`);
    throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

/** Where a text stops being JSON, as an editor shows it: "payload.json: not valid JSON at line 3, column 14: …". */
export function jsonProblem(file: string, text: string, error: { message: string; position?: number }): string {
  const place = jsonErrorPlace(text, error.position);
  // The parser words the reason as "not JSON: <reason> at position N"; the line and column replace the offset.
  const reason = error.message.replace(/^not JSON: /, '').replace(/ at position \d+$/, '');
  return place.line ? `${file}: not valid JSON at line ${place.line}, column ${place.column}: ${reason}` : `${file}: not valid JSON: ${reason}`;
}

/** A JSON file the command reads, checked to be JSON before anything else reads it. */
export function readJsonFile(file: string, what: string): { text: string; value: unknown } {
  const text = readFileText(file, what);
  const parsed = parseJsonPayload(text);
  if (!parsed.ok) throw new UsageError(jsonProblem(file, text, parsed.error));
  return { text, value: parsed.value };
}

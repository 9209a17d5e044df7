import type { z } from 'zod';

/**
 * Mapping and lookup-table names travel as web address segments (/mappings/NAME/edit) and file names
 * (`ledgerlink mappings export NAME > NAME.json`). There `.` and `..` mean "this folder" and "the one above":
 * a browser or a shell would resolve them to another place, so they are never names.
 */
export function refuseDotSegments<T extends z.ZodType<string>>(schema: T, what: string): T {
  return schema.refine(
    (name) => name !== '.' && name !== '..',
    `${what} cannot be "." or "..": in a web address or a file path they mean this folder or the one above it`,
  ) as T;
}

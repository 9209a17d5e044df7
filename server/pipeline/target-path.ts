import type { TargetCatalogue, TargetField } from '../engine';

/**
 * Where a value of the engine's output lands: `header.date`, `lines[2].account` (the line 0-based), or a whole
 * line (`lines[2]`, what the voucher checks name).
 */
const TARGET_PATH = /^(?:header|lines\[(\d+)\])(?:\.(.+))?$/;

export interface TargetPlace {
  /** 1-based voucher line, or null for the header (or a path that names no field, like `voucher`). */
  line: number | null;
  /** The field id the path names; the whole path when it names none. */
  fieldId: string;
  field: TargetField | undefined;
}

export function targetPlace(path: string, catalogue: TargetCatalogue | null): TargetPlace {
  const m = TARGET_PATH.exec(path);
  const line = m?.[1] !== undefined ? Number(m[1]) + 1 : null;
  const fieldId = m?.[2] ?? path;
  const group = line === null ? 'header' : 'line';
  return { line, fieldId, field: m?.[2] !== undefined ? catalogue?.fields.find((f) => f.id === fieldId && f.group === group) : undefined };
}

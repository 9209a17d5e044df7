import type { Labels } from '#server/engine/form-record';

/**
 * The trees' search: a field is found by its name in either language or by its id, whatever language the studio
 * shows (an analyst reads the Chinese form, IT knows the English name, the OA export names the id).
 */
export function fieldMatches(query: string, id: string, label?: Partial<Labels> | null): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [id, label?.zh, label?.en].some((text) => !!text && text.toLowerCase().includes(q));
}

import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** SHA-256 of a spec's canonical JSON: the same rules give the same hash, whatever the key order on disk. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec), 'utf8').digest('hex');
}

import type { Labels } from '#server/engine/form-record';
import demo from '../../db/seed/demo.json';

/** The demo company's sample claims by their stored name, with their names in both languages (db/seed/demo.json). */
const DEMO_SAMPLES: ReadonlyMap<string, Labels> = new Map(demo.samples.map((s) => [s.name, s.label]));

/**
 * What the sample list calls a stored sample in the UI's language: the demo's samples by their labels; a sample
 * someone saved keeps the name they gave it, in whatever language they wrote it.
 */
export function sampleLabel(name: string, label: (l: Labels | null | undefined) => string | null): string {
  return label(DEMO_SAMPLES.get(name)) ?? name;
}

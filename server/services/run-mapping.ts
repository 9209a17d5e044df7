import type { Db } from '../../db/client';
import type { MappingSpec } from '../engine';
import { compileWith, runPipeline, tablesOf, type RunOutcome } from '../pipeline/run';
import { loadTables } from './tables';

export { tablesOf, type RunOutcome };

/** The pipeline of `pipeline/run.ts` with the lookup tables read from the store. */
export function compileSpec(db: Db, spec: MappingSpec) {
  return compileWith(spec, (names) => loadTables(db, names));
}

export function runMapping(db: Db, spec: MappingSpec, payloadText: string): Promise<RunOutcome> {
  return runPipeline(spec, payloadText, (names) => loadTables(db, names));
}

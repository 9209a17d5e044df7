import type { Db } from '../../db/client';
import type { MappingSpec } from '../engine';
import { runPipeline, type PipelineOptions, type RunOutcome } from '../pipeline/run';
import { sandboxEvaluator } from '../sandbox';
import { loadTables } from './tables';

/** The pipeline of `pipeline/run.ts` with the lookup tables read from the store (the CLI's `map`). */
export function runMapping(db: Db, spec: MappingSpec, payloadText: string, instance?: PipelineOptions['instance']): Promise<RunOutcome> {
  return runPipeline(spec, payloadText, (names) => loadTables(db, names), { expressions: sandboxEvaluator(), instance });
}

import type { Db } from '../../db/client';
import type { MappingSpec } from '../engine';
import { outcomeProblems, type OutcomeProblem } from '../pipeline/outcome-problems';
import { ServiceError } from '../services/errors';
import { getMapping, parseSpecText } from '../services/mappings';
import { runMapping } from '../services/run-mapping';
import { jsonProblem, readFileText, readJsonFile } from './files';
import { EXIT, UsageError, type CliIo } from './io';

/** `--mapping` is a spec file when it ends in .json or contains a slash, else the name of a stored mapping. */
function resolveMapping(db: Db, ref: string): MappingSpec {
  try {
    if (ref.endsWith('.json') || ref.includes('/')) return parseSpecText(readJsonFile(ref, 'mapping spec').text, ref);
    return getMapping(db, ref).spec;
  } catch (e) {
    if (e instanceof ServiceError) throw new UsageError(e.message);
    throw e;
  }
}

function fail(io: CliIo, headline: string, problems: OutcomeProblem[]): number {
  io.err(`${headline}\n`);
  for (const p of problems)
    io.err(`  - ${p.field ?? '(voucher)'}${p.row !== null ? ` row ${p.row}` : ''}: ${p.message}${p.value !== null && p.value !== undefined ? ` [value: ${JSON.stringify(p.value)}]` : ''}\n`);
  io.err(JSON.stringify(problems.map(({ field, row, value, message }) => ({ field, row, value: value ?? null, message }))) + '\n');
  return EXIT.failed;
}

export async function mapCommand(db: Db, io: CliIo, mappingRef: string, file: string): Promise<number> {
  const spec = resolveMapping(db, mappingRef);
  return runSpecCommand(db, io, spec, readFileText(file, 'payload'), file);
}

/** Runs one spec on one payload and reports as `map` does: the voucher on stdout, or problems and an exit code. */
export async function runSpecCommand(db: Db, io: CliIo, spec: MappingSpec, payload: string, file: string): Promise<number> {
  const outcome = await runMapping(db, spec, payload);
  switch (outcome.kind) {
    case 'bad_json':
      throw new UsageError(jsonProblem(file, payload, outcome));
    case 'shape':
      return fail(io, `${file} is not a ${spec.source.connector} approval instance`, outcomeProblems(outcome));
    case 'skipped':
      io.err(`skipped: ${outcome.reason}\n`);
      return EXIT.skipped;
    case 'compile':
      return fail(io, `mapping ${spec.name} cannot run: ${outcome.errors.length} problem(s) in the spec`, outcomeProblems(outcome));
    case 'partial': // only previews run partially; listed for completeness
      return fail(io, `mapping ${spec.name} is incomplete: ${outcome.missing.length} field(s) not mapped`, outcomeProblems(outcome));
    case 'error':
      return fail(io, `no voucher: ${outcome.result.errors.length} problem(s) in ${file}`, outcomeProblems(outcome));
    case 'ok':
      io.out(outcome.document.endsWith('\n') ? outcome.document : outcome.document + '\n');
      return EXIT.ok;
  }
}

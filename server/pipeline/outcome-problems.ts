import type { RunError } from '../engine';
import type { RunOutcome } from './run';

/** A problem as the CLI prints it and a run stores it: where (field, row), the value met, and what is wrong. */
export type OutcomeProblem = Pick<RunError, 'field' | 'row' | 'value' | 'message'> & { code?: string };

/**
 * The problems of an outcome that produced no voucher, in one shape for every caller (the CLI's `map`, live
 * runs, replays), so a run's errors read exactly as the command line reports the same payload.
 */
export function outcomeProblems(outcome: RunOutcome): OutcomeProblem[] {
  switch (outcome.kind) {
    case 'bad_json':
      return [{ field: null, row: null, value: null, message: outcome.message, code: 'bad_json' }];
    case 'shape':
      return [{ field: outcome.error.path, row: null, value: null, message: outcome.error.message, code: 'shape' }];
    case 'compile':
      return outcome.errors.map((e) => ({ field: null, row: null, value: e.node ?? e.edge ?? e.line ?? null, message: e.message, code: e.code }));
    case 'partial':
      return outcome.missing.map((e) => ({ field: null, row: null, value: e.line ?? null, message: e.message, code: e.code }));
    case 'error':
      return outcome.result.errors.map(({ field, row, value, message, code }) => ({ field, row, value: value ?? null, message, code }));
    case 'skipped':
    case 'ok':
      return [];
  }
}

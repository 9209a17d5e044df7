import type { ExpressionBudget } from '../engine/expression/evaluator';
import { DEFAULT_EXPRESSION_BUDGET } from '../engine/expression/evaluator';
import { SandboxEvaluator } from './sandbox-evaluator';


let shared: SandboxEvaluator | null = null;

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * The server's sandbox, shared by every server-side run (preview, CLI, live runs) so its processes stay warm.
 * Created on first use, and its processes on the first expression: a run without expression nodes starts none.
 * The budget can be set with LEDGERLINK_EXPRESSION_TIME_MS and LEDGERLINK_EXPRESSION_MAX_CHARS.
 */
export function sandboxEvaluator(): SandboxEvaluator {
  if (!shared) {
    const budget: ExpressionBudget = {
      timeMs: envNumber('LEDGERLINK_EXPRESSION_TIME_MS', DEFAULT_EXPRESSION_BUDGET.timeMs),
      maxChars: envNumber('LEDGERLINK_EXPRESSION_MAX_CHARS', DEFAULT_EXPRESSION_BUDGET.maxChars),
    };
    shared = new SandboxEvaluator({ budget, processes: envNumber('LEDGERLINK_SANDBOX_PROCESSES', 2) });
  }
  return shared;
}

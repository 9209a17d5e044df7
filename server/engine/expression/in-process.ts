import { BudgetedSession, DEFAULT_EXPRESSION_BUDGET, type EvaluationLimits, type ExpressionBudget, type ExpressionEvaluator, type RawOutcome } from './evaluator';
import { createJsonataRunner, type JsonataRunner } from './jsonata-runner';

/**
 * Evaluates on the calling thread: the browser's live preview and the default when no evaluator is given.
 * JSONata's guardrails, the guarded `$pad` and the output checks apply; a native call that never returns (a
 * backtracking regular expression) cannot be stopped here, which is why the server uses server/sandbox.
 */
export function inProcessEvaluator(budget: ExpressionBudget = DEFAULT_EXPRESSION_BUDGET): ExpressionEvaluator {
  return { session: () => new InProcessSession(budget) };
}

class InProcessSession extends BudgetedSession {
  // A runner per session: it evaluates one expression at a time, and runs in the browser may overlap.
  private readonly runner: JsonataRunner = createJsonataRunner();

  protected run(expression: string, bindings: Record<string, unknown>, limits: EvaluationLimits): Promise<RawOutcome> {
    return this.runner(expression, bindings, limits);
  }
}

export const defaultEvaluator: ExpressionEvaluator = inProcessEvaluator();

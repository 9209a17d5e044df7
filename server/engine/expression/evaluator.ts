/**
 * How the engine has a user's expression evaluated. The engine stays pure: it is handed an evaluator (in
 * `CompileContext.expressions`), and each run opens one session that carries the run's budget. In the browser
 * the default evaluator runs JSONata in-process; on the server a sandbox-process evaluator (server/sandbox) can
 * stop an expression that never returns (a backtracking regular expression) by killing its process.
 */

/** What one run may spend on all its expressions together. */
export interface ExpressionBudget {
  /** Total evaluation time for the run, in milliseconds. */
  timeMs: number;
  /** Characters one result may hold, and all results of the run together. */
  maxChars: number;
}

export const DEFAULT_EXPRESSION_BUDGET: ExpressionBudget = { timeMs: 1000, maxChars: 1_000_000 };

/**
 * Why an evaluation gave no value. `time`, `size` and `memory` spend the run's budget (every later evaluation
 * in the run fails the same way at once); `failed` is an error in the expression itself.
 */
export type ExpressionFailureKind = 'time' | 'size' | 'memory' | 'failed';

export type ExpressionOutcome = { ok: true; value: unknown } | { ok: false; kind: ExpressionFailureKind; message: string };

export interface ExpressionSession {
  /** Evaluates one expression with `$name` bindings; never rejects. */
  evaluate(expression: string, bindings: Record<string, unknown>): Promise<ExpressionOutcome>;
}

export interface ExpressionEvaluator {
  /** One session per run: its budget covers every expression node and every row of that run. */
  session(): ExpressionSession;
}

/** The limits one evaluation gets: what is left of the run's budget. */
export interface EvaluationLimits {
  timeMs: number;
  maxChars: number;
}

/** What a backend reports for one evaluation: the value and its size in characters, or why not; and its time. */
export type RawOutcome =
  | { ok: true; value: unknown; chars: number }
  | { ok: false; kind: ExpressionFailureKind; message: string };

/** The wording of a spent budget, in one place for every backend. Sentences continue "expression e1 …". */
function budgetMessage(kind: Exclude<ExpressionFailureKind, 'failed'>, budget: ExpressionBudget, memoryMb?: number): string {
  switch (kind) {
    case 'time':
      return `took longer than ${budget.timeMs} ms (the time all expressions of one run may take together)`;
    case 'size':
      return `produced more than ${budget.maxChars} characters (the output all expressions of one run may produce together)`;
    case 'memory':
      return `used more than ${memoryMb ?? '?'} MB of memory`;
  }
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Keeps the run's account: time spent and characters produced. Backends implement `run` for one evaluation
 * within the limits left; waiting for a backend to be ready (a sandbox process starting) is theirs to leave uncounted, so
 * `run` reports the time it spent evaluating through `spent`.
 */
export abstract class BudgetedSession implements ExpressionSession {
  private spentMs = 0;
  private chars = 0;
  private spent: ExpressionOutcome | null = null;

  constructor(protected readonly budget: ExpressionBudget) {}

  protected abstract run(expression: string, bindings: Record<string, unknown>, limits: EvaluationLimits, spent: (ms: number) => void): Promise<RawOutcome>;

  async evaluate(expression: string, bindings: Record<string, unknown>): Promise<ExpressionOutcome> {
    if (this.spent) return this.spent;
    const limits = { timeMs: Math.max(1, this.budget.timeMs - this.spentMs), maxChars: this.budget.maxChars - this.chars };
    let ms: number | null = null;
    const started = now();
    let out: RawOutcome;
    try {
      out = await this.run(expression, bindings, limits, (t) => (ms = t));
    } catch (e) {
      out = { ok: false, kind: 'failed', message: (e as Error)?.message ?? String(e) };
    }
    this.spentMs += ms ?? now() - started;
    if (out.ok) {
      this.chars += out.chars;
      if (this.chars > this.budget.maxChars) return this.exhaust('size');
      if (this.spentMs > this.budget.timeMs) return this.exhaust('time');
      return { ok: true, value: out.value };
    }
    if (out.kind === 'failed') return this.spentMs > this.budget.timeMs ? this.exhaust('time') : out;
    // A backend's own wording of a spent budget names what is left; the run's answer names the whole budget.
    return this.exhaust(out.kind, out.kind === 'memory' ? out.message : undefined);
  }

  private exhaust(kind: Exclude<ExpressionFailureKind, 'failed'>, message?: string): ExpressionOutcome {
    this.spent = { ok: false, kind, message: message ?? budgetMessage(kind, this.budget) };
    return this.spent;
  }
}

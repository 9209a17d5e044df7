import {
  BudgetedSession, DEFAULT_EXPRESSION_BUDGET,
  type EvaluationLimits, type ExpressionBudget, type ExpressionEvaluator, type RawOutcome,
} from '../engine/expression/evaluator';
import { SandboxPool } from './pool';

export interface SandboxOptions {
  budget?: ExpressionBudget;
  /** Processes kept warm (each evaluates one expression at a time). */
  processes?: number;
  /** Heap of one sandbox process. */
  memoryMb?: number;
  root?: string;
}

/**
 * The server's evaluator: every expression runs in a sandbox process, and an evaluation that overruns what is
 * left of its run's budget has its process killed — the one way to stop a backtracking regular expression or a
 * huge `$pad` without blocking the other requests this server answers, or letting a memory bomb take it down.
 */
export class SandboxEvaluator implements ExpressionEvaluator {
  readonly budget: ExpressionBudget;
  readonly pool: SandboxPool;
  private readonly memoryMb: number;

  constructor(options: SandboxOptions = {}) {
    this.budget = options.budget ?? DEFAULT_EXPRESSION_BUDGET;
    this.memoryMb = options.memoryMb ?? 256;
    this.pool = new SandboxPool({ size: options.processes ?? 2, memoryMb: this.memoryMb, root: options.root });
  }

  session(): SandboxSession {
    return new SandboxSession(this.budget, this.pool, this.memoryMb);
  }

  close(): void {
    this.pool.close();
  }
}

class SandboxSession extends BudgetedSession {
  constructor(budget: ExpressionBudget, private readonly pool: SandboxPool, private readonly memoryMb: number) {
    super(budget);
  }

  protected async run(expression: string, bindings: Record<string, unknown>, limits: EvaluationLimits, spent: (ms: number) => void): Promise<RawOutcome> {
    // Waiting for a process (one starting, or all busy with other runs) is not this run's evaluation time.
    const proc = await this.pool.acquire();
    const started = performance.now();
    const r = await proc.call({ expression, bindings, limits }, limits.timeMs);
    spent(performance.now() - started);
    if (!r.ok && r.kind === 'timeout') {
      this.pool.discard(proc);
      return { ok: false, kind: 'time', message: `took longer than ${limits.timeMs} ms` };
    }
    if (!r.ok && r.kind === 'crashed') {
      this.pool.discard(proc);
      if (r.outOfMemory) return { ok: false, kind: 'memory', message: `used more than ${this.memoryMb} MB of memory` };
      return { ok: false, kind: 'failed', message: `the sandbox process stopped (${r.detail})` };
    }
    this.pool.release(proc);
    return r;
  }
}

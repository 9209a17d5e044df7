import { createJsonataRunner } from '../engine/expression/jsonata-runner';
import type { EvaluationLimits } from '../engine/expression/evaluator';

/**
 * The sandbox process: evaluates one expression at a time with the same runner (and the same registered
 * functions) as the browser. The server kills this process when an evaluation overruns its budget; V8 aborts it
 * when an expression exhausts its heap (--max-old-space-size), which ends this process and nothing else.
 */
export interface EvaluateRequest {
  id: number;
  expression: string;
  bindings: Record<string, unknown>;
  limits: EvaluationLimits;
}

if (typeof process.send === 'function') {
  const run = createJsonataRunner();
  process.on('message', async (req: EvaluateRequest) => {
    const outcome = await run(req.expression, req.bindings, req.limits);
    process.send!({ id: req.id, outcome });
  });
  // The server is gone: nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true });
}

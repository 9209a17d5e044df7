import { buildGraph, describe, type NodeInfo } from './graph';
import { buildAssembler } from './assemble';
import { isParsedSpec, MappingSpecSchema, type MappingSpec } from './spec';
import { buildStep, type Presets, type Step } from './steps';
import type { CompileContext, CompileError, CompileResult, ExecutionResult, Executor } from './types';
import type { RunContext } from './runtime';
import type { FormRecord } from './form-record';

/**
 * Validates a spec once and returns a fast executor. Every problem is collected (not just the first), each
 * naming the node, edge or line template an editor should highlight.
 */
export function compile(input: unknown, ctx: CompileContext): CompileResult {
  const parsed = isParsedSpec(input) ? { success: true as const, data: input } : MappingSpecSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.slice(0, 50).map((i) => ({
        code: 'invalid_spec',
        message: `${i.path.join('.') || 'spec'}: ${i.message}`,
        node: nodeIdAt(input, i.path),
      })),
    };
  const spec = parsed.data;
  const errors: CompileError[] = [];
  if (ctx.catalogue.format !== spec.target.format)
    errors.push({ code: 'wrong_catalogue', message: `spec targets ${spec.target.format} but was compiled against ${ctx.catalogue.format}` });
  const graph = buildGraph(spec, ctx, errors);
  const steps: Step[] = [];
  const presets: Presets = new Array(graph.slotCount);
  for (const info of graph.order) {
    const step = buildStep(info, graph.infos, ctx, errors, presets);
    if (step) steps.push(step);
  }
  const assemble = buildAssembler(spec, graph, ctx, errors);
  warnUnused(graph.infos, errors);
  const missing = ctx.partial ? errors.filter(isMissing) : [];
  const hard = errors.filter((e) => e.code !== 'unused_node' && !(ctx.partial && isMissing(e)));
  if (hard.length) return { ok: false, errors: hard };
  return { ok: true, executor: makeExecutor(spec, ctx, presets, steps, assemble), warnings: errors.filter((e) => e.code === 'unused_node'), missing };
}

function makeExecutor(
  spec: MappingSpec,
  cctx: CompileContext,
  presets: Presets,
  steps: Step[],
  assemble: ReturnType<typeof buildAssembler>,
): Executor {
  return {
    spec,
    catalogue: cctx.catalogue,
    async execute(record: FormRecord, options = {}): Promise<ExecutionResult> {
      const reason = skipReason(record, spec.source.postOn);
      if (reason) return { status: 'skipped', output: null, draft: null, trace: [], errors: [], reason };
      const ctx: RunContext = { record, out: presets.slice(), rowCache: new Map(), errors: [], reported: null };
      try {
        for (let i = 0; i < steps.length; i++) {
          const pending = steps[i](ctx);
          if (pending) await pending;
        }
        return assemble(ctx, options.trace !== false);
      } catch (e) {
        // Bad data never gets here (it becomes Faults); this is the last line that keeps a bug from losing the run.
        const message = `internal error while running the mapping: ${(e as Error)?.message ?? String(e)}`;
        return { status: 'error', output: null, draft: null, trace: [], errors: [{ field: null, row: null, value: null, message, code: 'internal' }] };
      }
    },
  };
}

/** Why an instance produces no voucher (its status is not one the mapping posts on), or null when it does. */
export function skipReason(record: FormRecord, postOn: readonly FormRecord['status'][]): string | null {
  if (postOn.includes(record.status)) return null;
  return `instance status is ${record.status} (${record.rawStatus}); only ${postOn.join('/')} instances are posted`;
}

/** What a mapping still lacks, as opposed to what it gets wrong: a partial (preview) compile runs without these. */
export const MISSING_CODES: readonly string[] = ['unmapped_required', 'no_lines'];
const isMissing = (e: CompileError) => MISSING_CODES.includes(e.code);

function warnUnused(infos: NodeInfo[], errors: CompileError[]): void {
  const used = new Set<number>();
  for (const i of infos) for (const b of i.inputs) if (b.from) used.add(b.from.node);
  for (const i of infos)
    if (!used.has(i.index) && i.node.kind !== 'target' && i.node.kind !== 'check')
      errors.push({ code: 'unused_node', node: i.node.id, message: `${describe(i)} is not connected to anything` });
}

function nodeIdAt(input: unknown, path: PropertyKey[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const nodes = (input as { nodes?: unknown[] })?.nodes;
  const n = Array.isArray(nodes) ? (nodes[path[1]] as { id?: unknown }) : undefined;
  return typeof n?.id === 'string' ? n.id : undefined;
}

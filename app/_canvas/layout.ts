import type { MappingSpec } from '#server/engine/spec';

/** Canvas positions, kept beside the spec (the engine never reads them). Unknown keys of older layouts survive. */
export interface CanvasLayout {
  positions?: Record<string, { x: number; y: number }>;
  [key: string]: unknown;
}

const COLUMN = { source: 0, target: 1180, firstMiddle: 300, step: 250, targetStep: 210 } as const;
const ROW_GAP = 18;

/** Rough rendered height of a node, so auto-placed nodes in one column do not overlap. */
export function estimatedHeight(portCount: number): number {
  return 44 + Math.max(1, portCount) * 22;
}

/**
 * Positions for nodes the layout does not place yet: sources on the left, voucher fields on the right, and the
 * middle nodes in columns by how many steps they are from a source, so the data reads left to right.
 */
export function autoPositions(
  spec: MappingSpec,
  portCount: (id: string) => number,
  known: Record<string, { x: number; y: number }> = {},
): Record<string, { x: number; y: number }> {
  const depth = middleDepths(spec);
  const maxDepth = Math.max(0, ...depth.values());
  const lineOrder = spec.lines.map((l) => l.id);
  const nextY = new Map<number, number>();
  const result: Record<string, { x: number; y: number }> = {};
  for (const n of spec.nodes) {
    if (known[n.id]) {
      result[n.id] = known[n.id];
      continue;
    }
    // Voucher fields get one column per part of the voucher (header, then each line template in order), so a
    // voucher with many lines spreads sideways instead of becoming one column too tall to read when fitted.
    const targetColumn = n.kind === 'target' ? (n.line === null ? 0 : 1 + Math.max(0, lineOrder.indexOf(n.line))) : 0;
    const x =
      n.kind === 'source' ? COLUMN.source
      : n.kind === 'target' ? Math.max(COLUMN.target, COLUMN.firstMiddle + (maxDepth + 1) * COLUMN.step) + targetColumn * COLUMN.targetStep
      : COLUMN.firstMiddle + (depth.get(n.id) ?? 0) * COLUMN.step;
    const y = nextY.get(x) ?? 0;
    result[n.id] = { x, y };
    nextY.set(x, y + estimatedHeight(portCount(n.id)) + ROW_GAP);
  }
  return result;
}

/** Longest path from any source to each middle node (0 = fed only by sources or nothing). Cycles are cut. */
function middleDepths(spec: MappingSpec): Map<string, number> {
  const kind = new Map(spec.nodes.map((n) => [n.id, n.kind]));
  const preds = new Map<string, string[]>();
  for (const e of spec.edges) preds.set(e.to.node, [...(preds.get(e.to.node) ?? []), e.from.node]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (visiting.has(id) || kind.get(id) === 'source') return -1;
    visiting.add(id);
    const d = 1 + Math.max(-1, ...(preds.get(id) ?? []).map(visit));
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const n of spec.nodes) if (n.kind !== 'source' && n.kind !== 'target') visit(n.id);
  return depth;
}

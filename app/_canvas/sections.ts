import type { Labels } from '#server/engine/form-record';
import type { MappingSpec } from '#server/engine/spec';

/**
 * The parts of a voucher an analyst thinks in — the header, each entry-line template, the checks — and the nodes
 * that feed each one. A mapping of a hundred nodes is unreadable as one picture; shown one part at a time, each
 * part is a small graph that reads left to right.
 */
export interface CanvasSection {
  key: string;
  kind: 'header' | 'line' | 'checks';
  /** The line template's own name for a line section; the UI names the header and the checks itself. */
  label: Labels | null;
  nodes: ReadonlySet<string>;
}

export const ALL_SECTIONS = 'all';
export const HEADER_SECTION = 'header';
export const CHECKS_SECTION = 'checks';
export const lineSection = (lineId: string) => `line:${lineId}`;

/** Each section with every node upstream of its targets (or checks). A node feeding two parts is in both. */
export function canvasSections(spec: MappingSpec): CanvasSection[] {
  const feeders = new Map<string, string[]>();
  for (const e of spec.edges) {
    const list = feeders.get(e.to.node);
    if (list) list.push(e.from.node);
    else feeders.set(e.to.node, [e.from.node]);
  }
  const upstreamOf = (roots: string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const f of feeders.get(id) ?? []) stack.push(f);
    }
    return seen;
  };
  const rootsBy = (pick: (n: MappingSpec['nodes'][number]) => boolean) => spec.nodes.filter(pick).map((n) => n.id);
  const sections: CanvasSection[] = [
    { key: HEADER_SECTION, kind: 'header', label: null, nodes: upstreamOf(rootsBy((n) => n.kind === 'target' && n.line === null)) },
    ...spec.lines.map((l) => ({
      key: lineSection(l.id),
      kind: 'line' as const,
      label: l.label ?? { zh: l.id, en: l.id },
      nodes: upstreamOf(rootsBy((n) => n.kind === 'target' && n.line === l.id)),
    })),
  ];
  const checks = rootsBy((n) => n.kind === 'check');
  if (checks.length) sections.push({ key: CHECKS_SECTION, kind: 'checks', label: null, nodes: upstreamOf(checks) });
  return sections;
}

/**
 * Whether a node is shown while one part is on screen, or null when everything is shown ('all', or a part that no
 * longer exists). A node linked to no part yet (just added from the palette) shows in every part, so it can be
 * wired in where the analyst is working.
 */
export function visibleNodes(sections: readonly CanvasSection[], key: string): ((nodeId: string) => boolean) | null {
  if (key === ALL_SECTIONS) return null;
  const section = sections.find((s) => s.key === key);
  if (!section) return null;
  return (id) => section.nodes.has(id) || !sections.some((s) => s.nodes.has(id));
}

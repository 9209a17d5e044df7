import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import { estimatedHeight } from './layout';
import type { AppEdge, AppNode } from './spec-to-flow';
import { inHandle, outHandle } from './spec-to-flow';

/**
 * canvas → ELK graph, kept pure (no elkjs import at run time) so it is unit-tested and elk itself is only loaded
 * in the browser when the analyst asks for a layout.
 */

/** Rough geometry of a rendered node (mapping-node.tsx): a title row, an optional context row, one row per port. */
const TITLE = 24;
const CONTEXT = 14;
const ROW = 19;
const DEFAULT_WIDTH = 190;

const portId = (node: string, handle: string) => `${node}\u0001${handle}`;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.spacing.nodeNode': '24',
  // Keeps sources on the left and voucher fields on the right, as the trees beside the canvas are.
  'elk.layered.layering.strategy': 'NETWORK_SIMPLEX',
} as const;

/**
 * `aspectRatio` is the canvas's width over its height: ELK packs the mapping's separate chains (header fields,
 * each line's fields) side by side to about that shape, so fitting the view leaves the nodes readable.
 */
export function toElkGraph(nodes: readonly AppNode[], edges: readonly AppEdge[], aspectRatio = 1.6): ElkNode {
  const known = new Set<string>();
  const children: ElkNode[] = nodes.map((n) => {
    const { inputs, outputs } = n.data.ports;
    const width = n.measured?.width ?? DEFAULT_WIDTH;
    const height = n.measured?.height ?? estimatedHeight(inputs.length + outputs.length);
    const top = TITLE + (n.data.context ? CONTEXT : 0);
    // Port rows are stacked inputs first, then outputs; a port sits at the middle of its row, on its side.
    const at = (row: number) => Math.min(height - 4, top + row * ROW + ROW / 2);
    const ports: ElkPort[] = [
      ...inputs.map((p, i) => ({ id: portId(n.id, inHandle(p.name)), x: 0, y: at(i), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } })),
      ...outputs.map((p, i) => ({ id: portId(n.id, outHandle(p.name)), x: width - 1, y: at(inputs.length + i), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } })),
    ];
    for (const p of ports) known.add(p.id);
    const layoutOptions: Record<string, string> = { 'elk.portConstraints': 'FIXED_POS' };
    if (n.type === 'source-field') layoutOptions['elk.layered.layering.layerConstraint'] = 'FIRST';
    if (n.type === 'target-field') layoutOptions['elk.layered.layering.layerConstraint'] = 'LAST';
    return { id: n.id, width, height, ports, layoutOptions };
  });
  const ids = new Set(nodes.map((n) => n.id));
  const elkEdges: ElkExtendedEdge[] = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => {
      // An edge to a port the node does not show (older specs) still pulls the nodes together, port-less.
      const from = e.sourceHandle && known.has(portId(e.source, e.sourceHandle)) ? portId(e.source, e.sourceHandle) : e.source;
      const to = e.targetHandle && known.has(portId(e.target, e.targetHandle)) ? portId(e.target, e.targetHandle) : e.target;
      return { id: e.id, sources: [from], targets: [to] };
    });
  return { id: 'root', layoutOptions: { ...LAYOUT_OPTIONS, 'elk.aspectRatio': aspectRatio.toFixed(2) }, children, edges: elkEdges };
}

/** Positions from ELK's answer, rounded like dragged ones, for the layout beside the spec. */
export function positionsOf(laidOut: ElkNode): Record<string, { x: number; y: number }> {
  return Object.fromEntries((laidOut.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}

/** Runs ELK in the browser; the dynamic import keeps elkjs out of the server bundle and the first page load. */
export async function autoLayout(nodes: readonly AppNode[], edges: readonly AppEdge[], aspectRatio?: number) {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  return positionsOf(await new ELK().layout(toElkGraph(nodes, edges, aspectRatio)));
}

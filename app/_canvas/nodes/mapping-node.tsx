'use client';

import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useI18n } from '../../_i18n/client';
import type { PortView } from '../ports';
import { DIFF_COLORS } from '../diff-flow';
import { inHandle, outHandle, type AppNode, type MappingNodeData } from '../spec-to-flow';
import { useEditorStore } from '../store';

/**
 * One component for every canvas node: a title from the catalogue (or the analyst's own name), the context
 * (voucher header or line, detail table), and one row per port with its handle, so links end on a named port.
 */

const ACCENT: Record<MappingNodeData['spec']['kind'], string> = {
  source: '#1d5fbf',
  target: '#389e0d',
  function: '#722ed1',
  lookup: '#d46b08',
  constant: '#8c8c8c',
  check: '#cf1322',
  expression: '#08979c',
};

const DIFF_BACKGROUND = { added: '#f6ffed', changed: '#fffbe6', removed: '#fff1f0' } as const;

function PortRow({ port, side, connectable }: { port: PortView; side: 'in' | 'out'; connectable: boolean }) {
  const { label } = useI18n();
  const name = label(port.label) || port.name;
  return (
    <div style={{ position: 'relative', padding: '1px 10px', fontSize: 11, color: '#595959', textAlign: side === 'in' ? 'left' : 'right' }}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={side === 'in' ? inHandle(port.name) : outHandle(port.name)}
        // React Flow leaves handles connectable unless the node says otherwise: a read-only canvas says so here.
        isConnectable={connectable}
        style={{ width: 9, height: 9, background: side === 'in' ? '#fff' : ACCENT.source, border: '1px solid #8c8c8c' }}
      />
      {name}
      <span style={{ color: '#bfbfbf', marginLeft: 4 }}>{port.type}</span>
    </div>
  );
}

function MappingNodeView({ id, data, selected, isConnectable }: NodeProps<AppNode>) {
  const { label, t } = useI18n();
  const error = useEditorStore((s) => s.nodeErrors[id]);
  const lit = useEditorStore((s) => s.highlighted.has(id));
  const title = data.customLabel ?? label(data.catalogueLabel) ?? id;
  const kind = data.spec.kind;
  const ports = data.ports;
  const diff = data.diff;
  const frame = error ? '#ff4d4f' : selected ? '#1677ff' : diff ? DIFF_COLORS[diff] : '#d9d9d9';
  return (
    <div
      data-testid={`canvas-node-${id}`}
      data-traced={lit || undefined}
      data-diff={diff}
      title={error ?? data.spec.comment ?? undefined}
      style={{
        minWidth: 150,
        maxWidth: 230,
        background: diff ? DIFF_BACKGROUND[diff] : '#fff',
        opacity: diff === 'removed' ? 0.65 : 1,
        // Longhand only: mixing `border` with `borderTop` makes React warn when the selection colour changes.
        // On the review canvas a removed node is a dashed ghost: what the version compared with had here.
        borderStyle: diff === 'removed' ? 'dashed' : 'solid',
        borderWidth: diff ? '3px 2px 2px 2px' : '3px 1px 1px 1px',
        borderColor: `${ACCENT[kind]} ${frame} ${frame} ${frame}`,
        borderRadius: 6,
        // Traced nodes glow amber: "these produced the value you clicked", distinct from selection and errors.
        boxShadow: lit ? '0 0 0 4px rgba(250,173,20,.55)' : selected ? '0 0 0 2px rgba(22,119,255,.2)' : '0 1px 2px rgba(0,0,0,.06)',
        paddingBottom: 4,
      }}
    >
      <div style={{ padding: '4px 10px 2px', fontSize: 12, fontWeight: 600, lineHeight: 1.3 }}>
        {/* The colour says it at a glance; the word says it to anyone who cannot tell green from amber. */}
        {diff && <span style={{ marginRight: 4, padding: '0 4px', borderRadius: 3, fontSize: 10, fontWeight: 500, color: '#fff', background: DIFF_COLORS[diff] }}>{t(`versions.changes.${diff}`)}</span>}
        <span style={diff === 'removed' ? { textDecoration: 'line-through' } : undefined}>{title}</span>
      </div>
      {(data.context || (data.customLabel && kind === 'function')) && (
        <div style={{ padding: '0 10px 2px', fontSize: 10, color: '#8c8c8c' }}>
          {data.context ? label(data.context) : label(data.catalogueLabel)}
        </div>
      )}
      {/* A named constant is still read by its value (a tax rate called "VAT rate" is 0.06 on the voucher). */}
      {data.customLabel && kind === 'constant' && (
        <div data-testid={`canvas-node-value-${id}`} style={{ padding: '0 10px 2px', fontSize: 11, color: '#595959', fontFamily: 'ui-monospace, monospace', overflowWrap: 'anywhere' }}>
          = {label(data.catalogueLabel) || '—'}
        </div>
      )}
      {error && <div style={{ padding: '0 10px', fontSize: 10, color: '#cf1322' }}>{error}</div>}
      {ports.inputs.map((p) => (
        <PortRow key={`in-${p.name}`} port={p} side="in" connectable={isConnectable} />
      ))}
      {ports.outputs.map((p) => (
        <PortRow key={`out-${p.name}`} port={p} side="out" connectable={isConnectable} />
      ))}
    </div>
  );
}

const MappingNode = memo(MappingNodeView);

/** At module level, so React Flow does not remount every node on each render. */
export const nodeTypes = {
  'source-field': MappingNode,
  'target-field': MappingNode,
  operation: MappingNode,
} satisfies NodeTypes;

'use client';

import { Form, Select } from 'antd';
import { useMemo } from 'react';
import { typesCompatible } from '#server/engine/graph';
import type { MappingNode } from '#server/engine/spec';
import { connect, disconnect } from '../../../../../_canvas/commands';
import { boundInputsOf, portsOf } from '../../../../../_canvas/ports';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';

const rank = (label: string, typed: string) => {
  const q = typed.trim().toLowerCase();
  const l = label.toLowerCase();
  return l === q ? 0 : l.startsWith(q) ? 1 : 2;
};

// Node ids and port names never contain a newline, so it separates them safely in one option value.
const SEP = '\n';

/**
 * Each input of the selected node with a searchable list of the outputs that may feed it. On a canvas of a hundred
 * nodes the two ends of a link are rarely on screen together; here the analyst types a node's name instead of
 * panning to it. A pick goes through the same connect command as a drag, so the same refusals apply.
 */
export function InputPickers({ node }: { node: MappingNode }) {
  const { t, label } = useI18n();
  const spec = useEditorStore((s) => s.spec);
  const flowNodes = useEditorStore((s) => s.nodes);
  const catalogues = useEditorStore((s) => s.catalogues);
  const apply = useEditorStore((s) => s.apply);
  const refuse = useEditorStore((s) => s.refuse);

  const inputs = useMemo(
    () => (spec ? portsOf(node, { targetFields: catalogues.targetFields, boundInputs: boundInputsOf(spec.edges) }).inputs : []),
    [node, spec, catalogues.targetFields],
  );
  const producers = useMemo(
    () =>
      flowNodes
        .filter((n) => n.id !== node.id)
        .flatMap((n) => {
          const title = n.data.customLabel ?? label(n.data.catalogueLabel) ?? n.id;
          const many = n.data.ports.outputs.length > 1;
          return n.data.ports.outputs.map((o) => {
            const text = many ? `${title} · ${label(o.label) || o.name}` : title;
            return { value: `${n.id}${SEP}${o.name}`, label: text, type: o.type, search: `${text} ${n.id} ${o.name}`.toLowerCase() };
          });
        }),
    [flowNodes, node.id, label],
  );
  if (!spec || inputs.length === 0) return null;

  const pick = (port: string, value: string | undefined) => {
    // The spec as it is now: an edit made since this render (a parameter, a name) must not be undone by the pick.
    const now = useEditorStore.getState().spec ?? spec;
    const current = now.edges.find((e) => e.to.node === node.id && (e.to.port ?? inputs[0]?.name) === port);
    const cleared = current ? disconnect(now, current.id) : now;
    if (!value) return apply(cleared);
    const [from, fromPort] = value.split(SEP);
    const r = connect(cleared, { node: from, port: fromPort }, { node: node.id, port }, catalogues);
    if (r.ok) apply(r.spec);
    else refuse(r.reason);
  };

  return (
    <>
      {inputs.map((p) => {
        const edge = spec.edges.find((e) => e.to.node === node.id && (e.to.port ?? inputs[0]?.name) === p.name);
        const fromNode = edge && spec.nodes.find((n) => n.id === edge.from.node);
        const fromPort = edge && (edge.from.port ?? (fromNode ? portsOf(fromNode, { targetFields: catalogues.targetFields }).outputs[0]?.name : undefined));
        const name = label(p.label) || p.name;
        return (
          <Form.Item key={p.name} label={t('editor.inputFrom', { port: name })} style={{ marginBottom: 8 }}>
            <Select
              size="small"
              allowClear
              aria-label={t('editor.inputFrom', { port: name })}
              data-testid={`inspector-input-${p.name}`}
              placeholder={t('editor.inputPlaceholder')}
              value={edge ? `${edge.from.node}${SEP}${fromPort}` : undefined}
              options={producers.filter((o) => typesCompatible(o.type, p.type)).map(({ value, label: text, search }) => ({ value, label: text, search }))}
              showSearch={{
                filterOption: (q, o) => !!o && o.search.includes(q.trim().toLowerCase()),
                // The node whose name is exactly what was typed comes first, so Enter picks it.
                filterSort: (a, b, { searchValue }) => rank(a.label, searchValue) - rank(b.label, searchValue),
              }}
              popupMatchSelectWidth={false}
              onChange={(v: string | undefined) => pick(p.name, v)}
            />
          </Form.Item>
        );
      })}
    </>
  );
}

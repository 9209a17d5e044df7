'use client';

import { LinkOutlined, WarningFilled } from '@ant-design/icons';
import { Card, Input, Tooltip, Tree, Typography, type GetRef, type TreeDataNode } from 'antd';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { RECORD_META, type FormTemplate, type RecordMetaKey, type TemplateField } from '#server/engine/form-record';
import type { MappingSpec } from '#server/engine/spec';
import { SOURCE_DRAG_TYPE } from '../../../../../_canvas/drag-types';
import { flattenShown } from '../../../../../_canvas/link-anchors';
import { useEditorStore } from '../../../../../_canvas/store';
import { nodeTreeKey } from '../../../../../_canvas/trace-focus';
import { useTreeViews } from '../../../../../_canvas/tree-views';
import { useI18n } from '../../../../../_i18n/client';
import { fieldMatches } from './field-search';
import type { SourcePick } from '../../../../../_canvas/suggestions';
import { FieldTypeIcon } from './field-type-icon';

/** A form field the analyst picked in the tree: a top-level field or a column of a detail table. */
export interface PickedSource extends SourcePick {
  label: string;
}

/** A form field dropped on a voucher field links the two; dropped on the canvas, its node is placed there. */
export { SOURCE_DRAG_TYPE };

interface Props {
  template: FormTemplate | null;
  spec: MappingSpec;
  picked: PickedSource | null;
  onPick: (field: PickedSource | null) => void;
}

/** The form's fields on the left, detail-table columns nested under their table, filtered by a search box. */
export const SourceTree = memo(function SourceTree({ template, spec, picked, onPick }: Props) {
  const { t, label } = useI18n();
  const [query, setQuery] = useState('');
  const fieldErrors = useEditorStore((s) => s.fieldErrors);
  const traced = useEditorStore((s) => s.tracedSources);
  // As text, so an edit that places nothing new leaves the set (and the 500-row tree built from it) as it was.
  const placedKeys = spec.nodes.flatMap((n) => nodeTreeKey(n) ?? []).sort().join('\n');
  const placed = useMemo(() => new Set(placedKeys.split('\n')), [placedKeys]);

  const { treeData, lookup, parents } = useMemo(() => {
    const q = query.trim();
    const lookup = new Map<string, PickedSource>();
    const title = (f: Pick<TemplateField, 'id' | 'label' | 'type'>, key: string) => (
      <span
        data-testid={`source-field-${f.id}`}
        data-tree-key={key}
        data-traced={traced.has(key) || undefined}
        className={traced.has(key) ? 'traced-field' : undefined}
        draggable
        title={t('editor.canvasDrop.sourceHint')}
        onDragStart={(e) => {
          const picked = lookup.get(key);
          if (picked) e.dataTransfer.setData(SOURCE_DRAG_TYPE, JSON.stringify(picked));
        }}
      >
        <FieldTypeIcon type={f.type} /> {label(f.label) ?? f.id}
        {placed.has(key) && <LinkOutlined aria-label={t('editor.placed')} style={{ marginLeft: 6, color: '#1d5fbf' }} />}
        {fieldErrors[f.id] && (
          <Tooltip title={fieldErrors[f.id]}>
            <WarningFilled data-testid={`source-field-error-${f.id}`} style={{ marginLeft: 6, color: '#cf1322' }} />
          </Tooltip>
        )}
      </span>
    );
    const nodes: TreeDataNode[] = [];
    // The approval record's own values (approval number, finish time…) come first, as on the OA form's header.
    const metaChildren = (Object.keys(RECORD_META) as RecordMetaKey[]).flatMap((meta): TreeDataNode[] => {
      const name = t(`meta.${meta}`);
      const key = `meta:${meta}`;
      lookup.set(key, { key, meta, type: RECORD_META[meta], label: name });
      return fieldMatches(q, meta, { zh: name, en: name }) ? [{ key, isLeaf: true, title: title({ id: key, label: { zh: name, en: name }, type: RECORD_META[meta] }, key) }] : [];
    });
    if (metaChildren.length) nodes.push({ key: 'group:meta', title: <strong data-tree-key="group:meta">{t('editor.record')}</strong>, selectable: false, children: metaChildren });
    for (const f of template?.fields ?? []) {
      const name = label(f.label) ?? f.id;
      lookup.set(f.id, { key: f.id, field: f.id, type: f.type, label: name });
      const columns = (f.columns ?? []).flatMap((c): TreeDataNode[] => {
        const key = `${f.id}/${c.id}`;
        const colName = label(c.label) ?? c.id;
        lookup.set(key, { key, table: f.id, column: c.id, type: c.type, label: colName });
        return fieldMatches(q, c.id, c.label) || fieldMatches(q, f.id, f.label) ? [{ key, title: title(c, key), isLeaf: true }] : [];
      });
      if (!fieldMatches(q, f.id, f.label) && columns.length === 0) continue;
      nodes.push({ key: f.id, title: title(f, f.id), children: columns.length ? columns : undefined, isLeaf: !columns.length });
    }
    return { treeData: nodes, lookup, parents: nodes.filter((n) => n.children).map((n) => n.key) };
  }, [template, query, placed, label, t, fieldErrors, traced]);
  // Detail tables start open (their columns are what lines are built from); the record group starts closed.
  const [expanded, setExpanded] = useState<React.Key[]>(() => (template?.fields ?? []).filter((f) => f.columns?.length).map((f) => f.id));
  const shownExpanded = query.trim() ? parents : expanded;
  const tree = useRef<GetRef<typeof Tree>>(null);
  // A traced column of a closed table (or a value of the closed record group) opens it, and the first traced row scrolls into the tree's view.
  useEffect(() => {
    const first = [...traced][0];
    if (!first) return;
    const groups = [...traced].flatMap((k) => (k.startsWith('meta:') ? ['group:meta'] : k.includes('/') ? [k.slice(0, k.indexOf('/'))] : []));
    setExpanded((open) => (groups.every((k) => open.includes(k)) ? open : [...new Set([...open, ...groups])]));
    const timer = setTimeout(() => tree.current?.scrollTo({ key: first, align: 'auto' }), 0);
    return () => clearTimeout(timer);
  }, [traced]);
  const publish = useTreeViews((s) => s.publish);
  useEffect(() => {
    const open = new Set(shownExpanded.map(String));
    publish('source', { expanded: open, order: flattenShown(treeData, open) });
  }, [treeData, shownExpanded, publish]);

  return (
    <Card size="small" title={t('editor.sourceTree')} styles={{ body: { padding: 8 } }} style={{ height: '100%' }} data-testid="editor-source-tree">
      <Input.Search allowClear size="small" placeholder={t('editor.search')} aria-label={t('editor.search')} onChange={(e) => setQuery(e.target.value)} />
      {template ? (
        <Tree
          ref={tree}
          blockNode
          expandedKeys={shownExpanded}
          onExpand={(keys) => setExpanded(keys)}
          height={520}
          style={{ marginTop: 8, fontSize: 12 }}
          treeData={treeData}
          selectedKeys={picked ? [picked.key] : []}
          onSelect={(keys) => onPick(lookup.get(String(keys[0])) ?? null)}
        />
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
    </Card>
  );
});

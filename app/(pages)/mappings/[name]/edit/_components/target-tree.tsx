'use client';

import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Tooltip, Tree, Typography, type GetRef, type TreeDataNode } from 'antd';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { FormTemplate } from '#server/engine/form-record';
import type { LineTemplate, MappingSpec } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import { fieldSources, type FieldSource, type FieldSources } from '#server/ledgers/field-sources';
import { TARGET_OPTION_SETTINGS } from '#server/ledgers/options-settings';
import { isTargetFormat } from '#server/ledgers/catalogues';
import { flattenShown } from '../../../../../_canvas/link-anchors';
import { gateLabel } from '../../../../../_canvas/ports';
import { useEditorStore } from '../../../../../_canvas/store';
import { useTreeViews } from '../../../../../_canvas/tree-views';
import { useI18n } from '../../../../../_i18n/client';
import { fieldMatches } from './field-search';
import { SOURCE_DRAG_TYPE, type PickedSource } from './source-tree';

/** A voucher field the analyst picked: header (line null) or a field of one entry-line template. */
export interface PickedTarget {
  key: string;
  line: string | null;
  field: string;
}

interface Props {
  fields: readonly TargetField[];
  spec: MappingSpec;
  template: FormTemplate | null;
  picked: PickedTarget | null;
  /** The line template whose settings are open beside the canvas: selected here when no field is picked. */
  openLine?: string | null;
  /** A line template just added: its row is brought into the tree's view once it is there. */
  addedLine?: string | null;
  onPick: (target: PickedTarget | null) => void;
  onPickLine: (lineId: string) => void;
  /** absent for a reader: no line templates to add */
  onAddLine?: () => void;
  /** The line recipes menu, beside "add entry line". */
  recipes?: React.ReactNode;
  /** A form field dragged from the source tree and dropped on a voucher field. */
  onDropSource: (source: PickedSource, target: PickedTarget) => void;
}

/** The voucher on the right: header fields, then each entry-line template with its catalogue fields and gates. */
export const TargetTree = memo(function TargetTree({ fields, spec, template, picked, openLine, addedLine = null, onPick, onPickLine, onAddLine, onDropSource, recipes }: Props) {
  const { t, label } = useI18n();
  const [query, setQuery] = useState('');
  const traced = useEditorStore((s) => s.tracedTarget);
  // As text, so an edit that links no new voucher field leaves the set (and the tree built from it) as it was.
  const linkedKeys = useMemo(() => {
    const fed = new Set(spec.edges.map((e) => e.to.node));
    return spec.nodes.flatMap((n) => (n.kind === 'target' && fed.has(n.id) ? [`${n.line ?? ''}|${n.field}`] : [])).sort().join('\n');
  }, [spec]);
  const linked = useMemo(() => new Set(linkedKeys.split('\n')), [linkedKeys]);
  // Where each unlinked field gets its value (a ledger setting, the voucher date). As text too: an edit that changes
  // no field's source leaves the tree as it was.
  const sourcesKey = JSON.stringify(fieldSources(spec));
  const sources = useMemo(() => JSON.parse(sourcesKey) as FieldSources, [sourcesKey]);

  // The handler changes with every edit; read through a ref so the tree is not rebuilt for it.
  const drop = useRef(onDropSource);
  useEffect(() => {
    drop.current = onDropSource;
  });

  const treeData = useMemo(() => {
    const leaf = (line: string | null, f: { id: string; label: { zh?: string; en?: string }; required?: boolean }): TreeDataNode | null => {
      const name = label(f.label) ?? f.id;
      if (!fieldMatches(query, f.id, f.label)) return null;
      const key = `${line ?? ''}|${f.id}`;
      return {
        key,
        isLeaf: true,
        title: (
          <span
            data-testid={`target-field-${line ?? 'header'}-${f.id}`}
            data-tree-key={key}
            data-traced={traced === key || undefined}
            className={traced === key ? 'traced-field' : undefined}
            onDragOver={(e) => e.dataTransfer.types.includes(SOURCE_DRAG_TYPE) && e.preventDefault()}
            onDrop={(e) => {
              const data = e.dataTransfer.getData(SOURCE_DRAG_TYPE);
              if (!data) return;
              e.preventDefault();
              drop.current(JSON.parse(data) as PickedSource, { key, line, field: f.id });
            }}
          >
            {name}
            {f.required && <span style={{ color: '#cf1322', marginLeft: 2 }} aria-label={t('editor.required')}>*</span>}
            {linked.has(key) && <CheckCircleFilled style={{ color: '#389e0d', marginLeft: 6, fontSize: 11 }} />}
            <SourceNote id={`target-source-${line ?? 'header'}-${f.id}`} format={spec.target.format} source={line === null ? sources.header[f.id] : sources.lines[line]?.[f.id]} />
          </span>
        ),
      };
    };
    const group = (key: string, title: React.ReactNode, children: (TreeDataNode | null)[]): TreeDataNode => ({
      key,
      title: <span data-tree-key={key}>{title}</span>,
      selectable: key.startsWith('line:'),
      children: children.filter((c): c is TreeDataNode => c !== null),
    });
    const header = fields.filter((f) => f.group === 'header');
    const lineFields = fields.filter((f) => f.group === 'line');
    return [
      group('group:header', <strong>{t('editor.header')}</strong>, header.map((f) => leaf(null, f))),
      ...spec.lines.map((l, i) =>
        group(`line:${l.id}`, <LineTitle line={l} position={i + 1} template={template} />, [
          ...(['$condition', '$filter'] as const).map((g) => leaf(l.id, { id: g, label: gateLabel(g) })),
          ...lineFields.map((f) => leaf(l.id, f)),
        ]),
      ),
    ];
  }, [fields, spec.lines, spec.target.format, template, query, linked, sources, label, t, traced]);

  // Every group starts open, lines added later too: the tree remembers what the analyst closed, not what is open.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const expanded = useMemo(() => treeData.map((g) => String(g.key)).filter((k) => !collapsed.has(k)), [treeData, collapsed]);
  const onExpand = (keys: React.Key[]) => {
    const open = new Set(keys.map(String));
    setCollapsed(new Set(treeData.map((g) => String(g.key)).filter((k) => !open.has(k))));
  };
  const tree = useRef<GetRef<typeof Tree>>(null);
  // The traced voucher field's group opens, and the field scrolls into the tree's view.
  useEffect(() => {
    if (!traced) return;
    const line = traced.slice(0, traced.indexOf('|'));
    const group = line ? `line:${line}` : 'group:header';
    setCollapsed((closed) => (closed.has(group) ? new Set([...closed].filter((k) => k !== group)) : closed));
    const timer = setTimeout(() => tree.current?.scrollTo({ key: traced, align: 'auto' }), 0);
    return () => clearTimeout(timer);
  }, [traced]);
  // A line template just added scrolls into the tree's view once its row is there: the tree follows the spec a
  // render behind the canvas, so the new row comes after the line was opened. (Lines a recipe made are not
  // scrolled to: the analyst's next step is usually back in the header, which would leave the view.)
  const addedRowShown = addedLine !== null && treeData.some((g) => g.key === `line:${addedLine}`);
  const scrolledToLine = useRef<string | null>(null);
  useEffect(() => {
    if (!addedLine || !addedRowShown || scrolledToLine.current === addedLine) return;
    scrolledToLine.current = addedLine;
    const timer = setTimeout(() => tree.current?.scrollTo({ key: `line:${addedLine}`, align: 'top' }), 0);
    return () => clearTimeout(timer);
  }, [addedLine, addedRowShown]);
  const publish = useTreeViews((s) => s.publish);
  useEffect(() => {
    const open = new Set(expanded);
    publish('target', { expanded: open, order: flattenShown(treeData, open) });
  }, [treeData, expanded, publish]);

  const onSelect = (keys: React.Key[]) => {
    const key = String(keys[0] ?? '');
    if (key.startsWith('line:')) return onPickLine(key.slice(5));
    if (!key.includes('|')) return onPick(null);
    const [line, field] = key.split('|');
    onPick({ key, line: line || null, field });
  };

  return (
    <Card
      size="small"
      title={t('editor.targetTree')}
      extra={<>{recipes}{onAddLine && <Button size="small" type="link" icon={<PlusOutlined />} onClick={onAddLine}>{t('editor.lines.add')}</Button>}</>}
      styles={{ body: { padding: 8 } }}
      style={{ height: '100%' }}
      data-testid="editor-target-tree"
    >
      <Input.Search allowClear size="small" placeholder={t('editor.search')} aria-label={t('editor.search')} onChange={(e) => setQuery(e.target.value)} />
      {/* No expand animation: while a new line's group animated open, the tree could not scroll to its row. */}
      <Tree ref={tree} blockNode motion={false} expandedKeys={expanded} onExpand={onExpand} height={520} style={{ marginTop: 8, fontSize: 12 }} treeData={treeData} selectedKeys={picked ? [picked.key] : openLine ? [`line:${openLine}`] : []} onSelect={onSelect} />
    </Card>
  );
});

function LineTitle({ line, position, template }: { line: LineTemplate; position: number; template: FormTemplate | null }) {
  const { t, label } = useI18n();
  const table = line.repeat === 'once' ? null : line.repeat.table;
  const tableName = table ? (label(template?.fields.find((f) => f.id === table)?.label) ?? table) : null;
  return (
    <span data-testid={`target-line-${line.id}`}>
      <strong>{label(line.label) || t('editor.problems.name.line', { n: position })}</strong>{' '}
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {tableName ? t('editor.lines.perRow', { table: tableName }) : t('editor.lines.once')}
      </Typography.Text>
    </span>
  );
}

/** Beside an unlinked field a setting or the voucher date fills: its value and where it comes from. */
function SourceNote({ id, format, source }: { id: string; format: string; source: FieldSource | undefined }) {
  const { t, label } = useI18n();
  if (!source || source.kind === 'linked' || source.kind === 'unmapped') return null;
  let text: string;
  let tip: string;
  if (source.kind === 'settings') {
    const setting = isTargetFormat(format) ? TARGET_OPTION_SETTINGS[format].find((s) => s.key === source.setting) : undefined;
    text = `${source.value ?? t('editor.fieldSource.notSet')} · ${t('editor.fieldSource.settings')}`;
    tip = t('editor.fieldSource.settingsTip', { setting: label(setting?.label) ?? source.setting });
  } else if (source.kind === 'voucherDate') {
    text = t('editor.fieldSource.voucherDate');
    tip = t('editor.fieldSource.voucherDateTip', { part: t(source.part === 'year' ? 'editor.fieldSource.year' : 'editor.fieldSource.month') });
  } else {
    text = t('editor.fieldSource.baseRate');
    tip = t('editor.fieldSource.baseRateTip');
  }
  return (
    <Tooltip title={tip}>
      <Typography.Text type="secondary" data-testid={id} style={{ fontSize: 11, marginLeft: 6 }}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}

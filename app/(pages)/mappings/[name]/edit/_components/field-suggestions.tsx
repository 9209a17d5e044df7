'use client';

import { BulbOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, type MutableRefObject } from 'react';
import type { FormTemplate } from '#server/engine/form-record';
import type { TargetField } from '#server/engine/voucher';
import { targetFieldOf } from '../../../../../_canvas/ports';
import { useEditorStore } from '../../../../../_canvas/store';
import { bridgeFor, linkThroughBridge, suggestSources, type SuggestedSource } from '../../../../../_canvas/suggestions';
import { useI18n } from '../../../../../_i18n/client';
import { useGuessData } from './recipe-data';
import type { PickedSource } from './source-tree';
import type { PickedTarget } from './target-tree';

/**
 * The form fields likely to feed the selected voucher field (picked in the tree, or a voucher field selected on the
 * canvas), best first. A click links one; Enter links the first (the workspace calls `acceptFirst`).
 */
export function FieldSuggestions({ template, target, onAccept, acceptFirst }: {
  template: FormTemplate | null;
  target: PickedTarget | null;
  onAccept: (source: PickedSource, target: PickedTarget) => void;
  acceptFirst: MutableRefObject<(() => void) | null>;
}) {
  const { t, label } = useI18n();
  const spec = useEditorStore((s) => s.spec);
  const selected = useEditorStore((s) => s.selectedNode);
  const targetFields = useEditorStore((s) => s.catalogues.targetFields);
  const node = selected ? spec?.nodes.find((n) => n.id === selected) : undefined;
  const picked: PickedTarget | null =
    target ?? (node?.kind === 'target' ? { key: `${node.line ?? ''}|${node.field}`, line: node.line, field: node.field } : null);
  const field = picked ? targetFieldOf(targetFields, picked.line, picked.field) : undefined;
  const data = useGuessData(template, !!field);
  // Fields already linked into this voucher field need no suggestion.
  const linked = !!spec && !!picked && spec.edges.some((e) => spec.nodes.some((n) => n.id === e.to.node && n.kind === 'target' && n.line === picked.line && n.field === picked.field));
  const list = useMemo(
    () => (spec && template && picked && field && !linked ? suggestSources({ spec, template, target: { line: picked.line, field }, record: data.record }) : []),
    // The spec matters only for the line's repeat; the ranking is cheap but need not follow every node drag.
    [spec?.lines, template, picked?.key, field, data.record, linked],
  );
  const name = (s: SuggestedSource) => (s.meta ? t(`meta.${s.meta}`) : (label(s.labels) ?? s.key));
  const toSource = (s: SuggestedSource): PickedSource => ({ key: s.key, field: s.field, table: s.table, column: s.column, meta: s.meta, type: s.type, label: name(s) });
  /** Through the workspace's own link when the types meet; through a date conversion (one edit) when they do not. */
  const accept = (s: SuggestedSource, to: PickedTarget, f: TargetField) => {
    if (!s.port && !bridgeFor(s.type, f).length) return onAccept(toSource(s), to);
    const { spec: now, apply, refuse } = useEditorStore.getState();
    if (!now) return;
    const r = linkThroughBridge(now, s, { line: to.line, field: f }, targetFields);
    if (r.ok) apply(r.spec);
    else refuse(r.reason);
  };
  const first = list[0];
  useEffect(() => {
    acceptFirst.current = first && picked && field ? () => accept(first, picked, field) : null;
    return () => {
      acceptFirst.current = null;
    };
  });
  if (!picked || !field || !list.length) return null;
  return (
    <Space size={6} wrap data-testid="field-suggestions">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <BulbOutlined /> {t('editor.suggestions.title', { field: label(field.label) ?? field.id })}
      </Typography.Text>
      {list.map((s, i) => (
        <Tooltip key={s.key} title={i === 0 ? t('editor.suggestions.enter') : undefined}>
          <Button size="small" type={i === 0 ? 'primary' : 'default'} ghost={i === 0} onClick={() => accept(s, picked, field)} data-testid={`suggestion-${s.key}`}>
            {name(s)}
          </Button>
        </Tooltip>
      ))}
    </Space>
  );
}

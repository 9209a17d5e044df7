'use client';

import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Input, Space, Typography } from 'antd';
import { memo, useMemo, useState } from 'react';
import { FUNCTION_DRAG_TYPE } from '../../../../../_canvas/drag-types';
import { useI18n } from '../../../../../_i18n/client';
import type { RouterOutputs } from '../../../../../_trpc/types';

type Palette = RouterOutputs['catalogues']['functions'];

/** What the palette's buttons do (the editor's workspace makes them once). */
export interface PaletteActions {
  onAddFunction: (fnId: string) => void;
  onAddConstant: () => void;
  onAddCheck: () => void;
  onAddLookup: () => void;
  onAddExpression: () => void;
}

interface Props extends PaletteActions {
  palette: Palette | undefined;
}

/**
 * The engine's functions by category, each with its one-line explanation; the search looks in both languages.
 * Memoised: it does not change with the spec, and it is many buttons to re-render on every edit.
 */
export const FunctionPalette = memo(function FunctionPalette({ palette, onAddFunction, onAddConstant, onAddCheck, onAddLookup, onAddExpression }: Props) {
  const { t, label } = useI18n();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hit = (f: Palette['functions'][number]) =>
      !q || [f.id, f.label.zh, f.label.en, f.description.zh, f.description.en].some((s) => s?.toLowerCase().includes(q));
    return (palette?.categories ?? [])
      .map((c) => ({ category: c, functions: palette!.functions.filter((f) => f.category === c.id && hit(f)) }))
      .filter((g) => g.functions.length > 0);
  }, [palette, query]);

  return (
    <Card size="small" title={t('editor.palette')} data-testid="editor-palette" styles={{ body: { padding: 8, maxHeight: 420, overflow: 'auto' } }}>
      <Space size={4} wrap style={{ marginBottom: 8 }}>
        <Button size="small" icon={<PlusOutlined />} onClick={onAddConstant}>{t('editor.addConstant')}</Button>
        <Button size="small" icon={<PlusOutlined />} onClick={onAddLookup}>{t('editor.addLookup')}</Button>
        <Button size="small" icon={<PlusOutlined />} onClick={onAddCheck}>{t('editor.addCheck')}</Button>
        <Button size="small" icon={<PlusOutlined />} onClick={onAddExpression}>{t('editor.addExpression')}</Button>
      </Space>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11, marginBottom: 4 }}>{t('editor.canvasDrop.paletteHint')}</Typography.Text>
      <Input.Search allowClear size="small" placeholder={t('editor.paletteSearch')} aria-label={t('editor.paletteSearch')} onChange={(e) => setQuery(e.target.value)} />
      <Collapse
        size="small"
        ghost
        style={{ marginTop: 4 }}
        activeKey={query ? groups.map((g) => g.category.id) : undefined}
        items={groups.map((g) => ({
          key: g.category.id,
          label: `${label(g.category.label)} (${g.functions.length})`,
          children: (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {g.functions.map((f) => (
                <li
                  key={f.id}
                  data-testid={`palette-function-${f.id}`}
                  // Dragged onto the canvas it is placed at the drop point; onto a link, it goes in between.
                  draggable
                  onDragStart={(e) => e.dataTransfer.setData(FUNCTION_DRAG_TYPE, f.id)}
                  title={t('editor.canvasDrop.paletteHint')}
                  style={{ display: 'flex', alignItems: 'flex-start', gap: 8, padding: '4px 0', borderBottom: '1px solid #f0f0f0', cursor: 'grab' }}
                >
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <div style={{ fontSize: 12 }}>{label(f.label)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 11 }}>{label(f.description)}</Typography.Text>
                  </div>
                  <Button size="small" type="link" aria-label={`${t('editor.add')} ${label(f.label)}`} onClick={() => onAddFunction(f.id)}>
                    {t('editor.add')}
                  </Button>
                </li>
              ))}
            </ul>
          ),
        }))}
      />
    </Card>
  );
});

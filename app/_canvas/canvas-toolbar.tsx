'use client';

import { ApartmentOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tooltip } from 'antd';
import { Panel, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../_i18n/client';
import { autoLayout } from './elk-graph';
import { FIT_PADDING } from './viewport';
import { ALL_SECTIONS, canvasSections } from './sections';
import { useEditorStore } from './store';

/** Typing in the inspector keeps the browser's own undo of the text; the canvas history is for everything else. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
}

/** Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac). Listens on the window so focus need not be on the canvas. */
function useUndoShortcuts() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      const { undo, redo } = useEditorStore.getState();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Chooses the part of the voucher the canvas shows, then fits the view to it. */
function SectionPicker() {
  const { t, label } = useI18n();
  const spec = useEditorStore((s) => s.spec);
  const section = useEditorStore((s) => s.section);
  const showSection = useEditorStore((s) => s.showSection);
  const options = useMemo(() => {
    const parts = spec ? canvasSections(spec) : [];
    return [
      { value: ALL_SECTIONS, label: t('editor.sections.all') },
      ...parts.map((p) => ({
        value: p.key,
        label: p.kind === 'header' ? t('editor.sections.header') : p.kind === 'checks' ? t('editor.sections.checks') : t('editor.sections.line', { name: label(p.label) ?? p.key }),
      })),
    ];
  }, [spec, t, label]);
  return (
    <Tooltip title={t('editor.sections.showTip')} placement="bottom">
      <span data-testid="editor-section">
        <Select
          size="small"
          value={section}
          onChange={showSection}
          options={options}
          style={{ minWidth: 170 }}
          prefix={<span style={{ color: '#8a93a6' }}>{t('editor.sections.show')}</span>}
          popupMatchSelectWidth={false}
          aria-label={t('editor.sections.show')}
        />
      </span>
    </Tooltip>
  );
}

/** Below this zoom a node's text is too small to read (12 px titles become 5 px). */
const READABLE_ZOOM = 0.45;

/** A mapping of a hundred nodes fitted whole is a map, not something to read: say how to get a readable view. */
function SmallZoomHint() {
  const { t } = useI18n();
  const zoom = useStore((s) => Math.round(s.transform[2] * 100));
  if (zoom >= READABLE_ZOOM * 100) return null;
  return (
    // One line however narrow the canvas (a line's settings open beside it): a wrapped hint would grow the toolbar
    // over the strip fitting keeps free for it. The full text is in the tooltip.
    <span
      data-testid="editor-zoom-hint"
      title={t('editor.sections.smallHint', { zoom })}
      style={{ display: 'inline-block', maxWidth: 280, verticalAlign: 'middle', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12, color: '#874d00', background: '#fffbe6', border: '1px solid #ffe58f', borderRadius: 4, padding: '1px 8px' }}
    >
      {t('editor.sections.smallHint', { zoom })}
    </span>
  );
}

/** Undo, redo, auto-layout and the part of the voucher shown, floating over the canvas's top-left corner. */
export function CanvasToolbar() {
  const { t } = useI18n();
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const undo = useEditorStore((s) => s.undo);
  const redo = useEditorStore((s) => s.redo);
  const { fitView } = useReactFlow();
  const shape = useStore((s) => (s.width && s.height ? s.width / s.height : undefined));
  const [laying, setLaying] = useState(false);
  // A part of the voucher is arranged on its own for reading; the saved layout is the whole mapping's.
  const partShown = useEditorStore((s) => s.section !== ALL_SECTIONS);
  const readOnly = useEditorStore((s) => s.readOnly);
  useUndoShortcuts();

  const layOut = async () => {
    setLaying(true);
    try {
      const { nodes, edges, applyPositions } = useEditorStore.getState();
      applyPositions(await autoLayout(nodes, edges, shape));
      // Fit once React Flow has rendered the nodes at their new places.
      setTimeout(() => void fitView({ padding: FIT_PADDING, duration: 250 }), 50);
    } finally {
      setLaying(false);
    }
  };

  return (
    <Panel position="top-left">
      <Space size={4}>
        {/* A reader has no history and no layout to change: only the part of the voucher to show. */}
        {!readOnly && (
          <>
            <Tooltip title={t('editor.history.undoTip')}>
              <Button size="small" icon={<UndoOutlined />} aria-label={t('editor.history.undo')} disabled={!canUndo} onClick={undo} data-testid="editor-undo" />
            </Tooltip>
            <Tooltip title={t('editor.history.redoTip')}>
              <Button size="small" icon={<RedoOutlined />} aria-label={t('editor.history.redo')} disabled={!canRedo} onClick={redo} data-testid="editor-redo" />
            </Tooltip>
            <Tooltip title={t('editor.autoLayoutTip')}>
              <Button size="small" icon={<ApartmentOutlined />} loading={laying} disabled={partShown} onClick={() => void layOut()} data-testid="editor-auto-layout">
                {t('editor.autoLayout')}
              </Button>
            </Tooltip>
          </>
        )}
        <SectionPicker />
        {!partShown && <SmallZoomHint />}
      </Space>
    </Panel>
  );
}

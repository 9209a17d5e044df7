'use client';

import { ApartmentOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { Panel, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { useI18n } from '../_i18n/client';
import { autoLayout } from './elk-graph';
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

/** Undo, redo and auto-layout, floating over the canvas's top-left corner. */
export function CanvasToolbar() {
  const { t } = useI18n();
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const undo = useEditorStore((s) => s.undo);
  const redo = useEditorStore((s) => s.redo);
  const { fitView } = useReactFlow();
  const shape = useStore((s) => (s.width && s.height ? s.width / s.height : undefined));
  const [laying, setLaying] = useState(false);
  useUndoShortcuts();

  const layOut = async () => {
    setLaying(true);
    try {
      const { nodes, edges, applyPositions } = useEditorStore.getState();
      applyPositions(await autoLayout(nodes, edges, shape));
      // Fit once React Flow has rendered the nodes at their new places.
      setTimeout(() => void fitView({ padding: 0.05, duration: 250 }), 50);
    } finally {
      setLaying(false);
    }
  };

  return (
    <Panel position="top-left">
      <Space size={4}>
        <Tooltip title={t('editor.history.undoTip')}>
          <Button size="small" icon={<UndoOutlined />} aria-label={t('editor.history.undo')} disabled={!canUndo} onClick={undo} data-testid="editor-undo" />
        </Tooltip>
        <Tooltip title={t('editor.history.redoTip')}>
          <Button size="small" icon={<RedoOutlined />} aria-label={t('editor.history.redo')} disabled={!canRedo} onClick={redo} data-testid="editor-redo" />
        </Tooltip>
        <Tooltip title={t('editor.autoLayoutTip')}>
          <Button size="small" icon={<ApartmentOutlined />} loading={laying} onClick={() => void layOut()} data-testid="editor-auto-layout">
            {t('editor.autoLayout')}
          </Button>
        </Tooltip>
      </Space>
    </Panel>
  );
}

'use client';

import { CloseOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Card, ConfigProvider, Form, Input, Select, Typography, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import type { FormTemplate } from '#server/engine/form-record';
import type { LineTemplate } from '#server/engine/spec';
import { removeLineTemplate, renameLine, setLineRepeat } from '../../../../../_canvas/commands';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { lineName } from '../../../../../_lib/line-name';

interface Props {
  lineId: string;
  template: FormTemplate | null;
  /** A line just added: its name in the interface's language takes the focus, selected, so typing renames it. */
  focusName?: boolean;
  onClose: () => void;
}

/** The settings of one line template in a panel beside the canvas (editor-workspace.tsx), with a close button. */
export function LineSettingsPanel(props: Props) {
  const { t } = useI18n();
  const readOnly = useEditorStore((s) => s.readOnly);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    // The panel opens where the canvas is; if the page was scrolled away from it, bring it back.
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, [props.lineId]);
  return (
    <aside
      ref={panel}
      data-testid="editor-line-panel"
      aria-label={t('editor.canvasDrop.lineSettings')}
      // Above the connectors drawn from the canvas to the trees, which would otherwise cross the form.
      style={{ position: 'relative', zIndex: 6, width: 300, flex: 'none', borderLeft: '1px solid #e5e8ef', background: '#fafbfc', overflow: 'auto', padding: 8 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', marginBottom: 6 }}>
        <Typography.Text type="secondary" style={{ flex: 1, fontSize: 12 }}>{t('editor.canvasDrop.lineSettings')}</Typography.Text>
        <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('editor.canvasDrop.closeLineSettings')} onClick={props.onClose} />
      </div>
      <ConfigProvider componentDisabled={readOnly}>
        <LineInspector {...props} />
      </ConfigProvider>
    </aside>
  );
}

/** An entry-line template: its name, and whether it is emitted once or once per row of a detail table. */
function LineInspector({ lineId, template, focusName, onClose }: Props) {
  const { t, label, locale } = useI18n();
  const nameInput = useRef<InputRef>(null);
  useEffect(() => {
    if (!focusName) return;
    nameInput.current?.focus({ cursor: 'all' });
  }, [focusName, lineId]);
  const spec = useEditorStore((s) => s.spec);
  // Edits apply to the spec as it is when they happen, not as this render saw it.
  const now = () => useEditorStore.getState().spec ?? spec!;
  const apply = useEditorStore((s) => s.apply);
  const readOnly = useEditorStore((s) => s.readOnly);
  const catalogueFields = useEditorStore((s) => s.catalogues.targetFields);
  const line = spec?.lines.find((l) => l.id === lineId);
  if (!spec || !line) return null;
  const tables = (template?.fields ?? []).filter((f) => f.type === 'table');
  const lineFields = catalogueFields.filter((f) => f.group === 'line' && f.type !== 'money');
  const repeat = line.repeat === 'once' ? 'once' : line.repeat.table;
  return (
    <Card
      size="small"
      title={lineName(spec.lines, line.id, t, label)}
      data-testid="editor-line-inspector"
      extra={
        !readOnly && <Button size="small" danger type="text" icon={<DeleteOutlined />} onClick={() => { apply(removeLineTemplate(now(), line.id)); onClose(); }}>
          {t('editor.lines.remove')}
        </Button>
      }
    >
      <Form layout="vertical" size="small">
        {(['zh', 'en'] as const).map((lang) => (
          <Form.Item key={lang} label={t(lang === 'zh' ? 'editor.lines.labelZh' : 'editor.lines.labelEn')} style={{ marginBottom: 8 }}>
            <Input
              ref={lang === (locale === 'en' ? 'en' : 'zh') ? nameInput : undefined}
              aria-label={t(lang === 'zh' ? 'editor.lines.labelZh' : 'editor.lines.labelEn')}
              value={line.label?.[lang] ?? ''}
              onChange={(e) => apply(renameLine(now(), line.id, lang, e.target.value))}
            />
          </Form.Item>
        ))}
        <Form.Item label={t('editor.lines.repeat')} style={{ marginBottom: 8 }}>
          <Select
            aria-label={t('editor.lines.repeat')}
            value={repeat}
            options={[
              { value: 'once', label: t('editor.lines.once') },
              ...tables.map((f) => ({ value: f.id, label: t('editor.lines.perRow', { table: label(f.label) ?? f.id }) })),
            ]}
            onChange={(v: string) => apply(setLineRepeat(now(), line.id, v === 'once' ? 'once' : { table: v }))}
          />
        </Form.Item>
        <Form.Item label={t('editor.lines.groupBy')} help={t('editor.lines.groupByHelp')} style={{ marginBottom: 8 }}>
          <Select
            aria-label={t('editor.lines.groupBy')}
            mode="multiple"
            allowClear
            value={line.groupBy ?? []}
            options={lineFields.map((f) => ({ value: f.id, label: label(f.label) ?? f.id }))}
            onChange={(groupBy: string[]) =>
              apply({ ...spec, lines: spec.lines.map((l) => (l.id === line.id ? withGroupBy(l, groupBy) : l)) })
            }
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

/** No grouping is stored as no key at all, so a line that never grouped saves exactly as before. */
function withGroupBy(line: LineTemplate, groupBy: string[]): LineTemplate {
  const { groupBy: _old, ...rest } = line;
  return groupBy.length ? { ...rest, groupBy } : rest;
}

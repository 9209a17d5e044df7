'use client';

import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select } from 'antd';
import type { FormTemplate } from '#server/engine/form-record';
import type { LineTemplate } from '#server/engine/spec';
import { removeLineTemplate, renameLine, setLineRepeat } from '../../../../../_canvas/commands';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { lineName } from '../../../../../_lib/line-name';

/** An entry-line template: its name, and whether it is emitted once or once per row of a detail table. */
export function LineInspector({ lineId, template, onClose }: { lineId: string; template: FormTemplate | null; onClose: () => void }) {
  const { t, label } = useI18n();
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

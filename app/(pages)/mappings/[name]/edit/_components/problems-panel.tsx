'use client';

import { AimOutlined, CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { Button, Card, List, Tag, Typography } from 'antd';
import type { MessageKey } from '../../../../../_i18n/messages';
import { editorProblemContext, problemText } from '../../../../../_canvas/problem-text';
import { useEditorStore, type CompileProblem } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';

/** Engine error codes by what an analyst has to do about them. */
const KIND_OF: Record<string, MessageKey> = {
  unmapped_required: 'editor.problems.kind.unmapped',
  no_lines: 'editor.problems.kind.unmapped',
  type_mismatch: 'editor.problems.kind.type',
  mixed_tables: 'editor.problems.kind.type',
  row_value_outside_rows: 'editor.problems.kind.type',
  dangling_edge: 'editor.problems.kind.dangling',
  unknown_port: 'editor.problems.kind.dangling',
  double_input: 'editor.problems.kind.dangling',
  duplicate_edge: 'editor.problems.kind.dangling',
  unconnected_input: 'editor.problems.kind.unconnected',
  bad_params: 'editor.problems.kind.params',
  bad_constant: 'editor.problems.kind.params',
  bad_expression: 'editor.problems.kind.params',
  unknown_function: 'editor.problems.kind.params',
  unknown_table: 'editor.problems.kind.table',
  unknown_column: 'editor.problems.kind.table',
  cycle: 'editor.problems.kind.structure',
  duplicate_node: 'editor.problems.kind.structure',
  duplicate_target: 'editor.problems.kind.structure',
  unknown_line: 'editor.problems.kind.structure',
  unknown_target_field: 'editor.problems.kind.structure',
};

/**
 * What stops the draft from being published, from the last live preview's compile: each problem names its node
 * or line template, and a click brings it into view (or opens the line template) so it can be fixed there.
 */
export function ProblemsPanel({ onOpenLine }: { onOpenLine: (lineId: string) => void }) {
  const { t, label } = useI18n();
  const problems = useEditorStore((s) => s.problems);
  const targetFields = useEditorStore((s) => s.catalogues.targetFields);
  const nodes = useEditorStore((s) => s.nodes);
  const select = useEditorStore((s) => s.select);
  const spec = useEditorStore((s) => s.spec);
  const context = editorProblemContext({ spec, catalogues: { targetFields }, nodes }, t, label);
  const nodeName = (id: string) => spec?.nodes.find((x) => x.id === id)?.label ?? label(context.catalogueLabel?.(id)) ?? id;
  const jump = (p: CompileProblem) => {
    if (p.node && spec?.nodes.some((n) => n.id === p.node)) select(p.node, true);
    else if (p.line) onOpenLine(p.line);
  };
  const title =
    problems === null ? t('editor.problems.pending')
    : problems.length === 0 ? t('editor.problems.title')
    : t('editor.problems.count', { count: problems.length });
  return (
    <Card
      size="small"
      data-testid="editor-problems"
      title={
        <span>
          {problems?.length ? <WarningFilled style={{ color: '#d4380d', marginRight: 6 }} /> : problems ? <CheckCircleFilled style={{ color: '#389e0d', marginRight: 6 }} /> : null}
          {title}
        </span>
      }
      styles={{ body: { padding: problems?.length ? 0 : 12 } }}
    >
      {problems && problems.length === 0 && <Typography.Text type="secondary">{t('editor.problems.none')}</Typography.Text>}
      {problems && problems.length > 0 && (
        <List
          size="small"
          style={{ maxHeight: 260, overflow: 'auto' }}
          dataSource={problems}
          renderItem={(p, i) => {
            const target = p.node && spec?.nodes.some((n) => n.id === p.node) ? 'node' : p.line ? 'line' : null;
            return (
              <List.Item
                key={`${p.code}-${p.node ?? p.line ?? ''}-${i}`}
                data-testid="editor-problem"
                actions={
                  target
                    ? [
                        <Button key="jump" size="small" type="link" icon={<AimOutlined />} onClick={() => jump(p)}>
                          {target === 'node' ? t('editor.problems.jump') : t('editor.problems.openLine')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <span style={{ fontSize: 12 }}>
                      <Tag color="volcano" style={{ marginRight: 6 }}>{t(KIND_OF[p.code] ?? 'editor.problems.kind.other')}</Tag>
                      {p.node ? <Typography.Text code>{nodeName(p.node)}</Typography.Text> : p.line ? <Typography.Text code>{p.line}</Typography.Text> : null}
                    </span>
                  }
                  description={<span style={{ fontSize: 12 }} title={p.message}>{problemText(p, context)}</span>}
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

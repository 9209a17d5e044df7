'use client';

import { AimOutlined, CheckCircleFilled, SettingOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Card, List, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { checkSpecTargetOptions, type TargetOptionProblem } from '#server/ledgers/options';
import type { MessageKey } from '../../../../../_i18n/messages';
import { editorProblemContext, problemNames, problemText } from '../../../../../_canvas/problem-text';
import { useEditorStore, type CompileProblem } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { isTargetOptionProblem, targetOptionText } from '../../../../../_lib/target-option-text';

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
  bad_table_date: 'editor.problems.kind.table',
  cycle: 'editor.problems.kind.structure',
  duplicate_node: 'editor.problems.kind.structure',
  duplicate_target: 'editor.problems.kind.structure',
  unknown_line: 'editor.problems.kind.structure',
  unknown_target_field: 'editor.problems.kind.structure',
};

/** A listed problem: the compiler's (from the last live preview) or the ledger settings' (checked on every edit). */
type Listed = { from: 'compile'; p: CompileProblem } | { from: 'settings'; p: TargetOptionProblem };

/**
 * What stops the draft from being published, from the last live preview's compile and the ledger-settings check:
 * each problem names its node, line template or setting, and a click brings it into view (or opens the line
 * template, or the settings panel) so it can be fixed there.
 */
export function ProblemsPanel({ onOpenLine, onOpenSettings }: { onOpenLine: (lineId: string) => void; onOpenSettings: () => void }) {
  const { t, label } = useI18n();
  const problems = useEditorStore((s) => s.problems);
  const targetFields = useEditorStore((s) => s.catalogues.targetFields);
  const nodes = useEditorStore((s) => s.nodes);
  const select = useEditorStore((s) => s.select);
  const spec = useEditorStore((s) => s.spec);
  // The settings are checked here, on the spec itself, so a problem shows and goes as the setting is typed. The
  // compile may report the same problems: those copies are left out.
  const settingsProblems = useMemo(() => (spec ? checkSpecTargetOptions(spec) : []), [spec]);
  const listed: Listed[] | null =
    problems === null && settingsProblems.length === 0
      ? null
      : [
          ...settingsProblems.map((p): Listed => ({ from: 'settings', p })),
          ...(problems ?? []).filter((p) => !isTargetOptionProblem(p)).map((p): Listed => ({ from: 'compile', p })),
        ];
  const context = editorProblemContext({ spec, catalogues: { targetFields }, nodes }, t, label);
  const names = problemNames(context);
  const jump = (p: CompileProblem) => {
    if (p.node && spec?.nodes.some((n) => n.id === p.node)) select(p.node, true);
    else if (p.line) onOpenLine(p.line);
  };
  const title =
    listed === null ? t('editor.problems.pending')
    : listed.length === 0 ? t('editor.problems.title')
    : t('editor.problems.count', { count: listed.length });
  return (
    <Card
      size="small"
      data-testid="editor-problems"
      title={
        <span>
          {listed?.length ? <WarningFilled style={{ color: '#d4380d', marginRight: 6 }} /> : listed ? <CheckCircleFilled style={{ color: '#389e0d', marginRight: 6 }} /> : null}
          {title}
        </span>
      }
      styles={{ body: { padding: listed?.length ? 0 : 12 } }}
    >
      {listed && listed.length === 0 && <Typography.Text type="secondary">{t('editor.problems.none')}</Typography.Text>}
      {listed && listed.length > 0 && (
        <List
          size="small"
          // About four problems high: the canvas below stays in view; the rest scroll inside the list.
          style={{ maxHeight: 150, overflow: 'auto' }}
          dataSource={listed}
          renderItem={(item, i) => {
            if (item.from === 'settings') return <SettingsProblem key={`settings-${i}`} problem={item.p} onOpen={onOpenSettings} />;
            const p = item.p;
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
                      {p.node ? <Typography.Text code>{names.node(p.node)}</Typography.Text> : p.line ? <Typography.Text code>{names.line(p.line)}</Typography.Text> : null}
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

/** A ledger-settings problem: worded from the check's figures, with a way to the settings panel. */
function SettingsProblem({ problem: p, onOpen }: { problem: TargetOptionProblem; onOpen: () => void }) {
  const { t, label } = useI18n();
  const targetFields = useEditorStore((s) => s.catalogues.targetFields);
  return (
    <List.Item
      data-testid="editor-problem"
      actions={[
        <Button key="open" size="small" type="link" icon={<SettingOutlined />} onClick={onOpen}>
          {t('editor.settings.openSettings')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={<Tag color="volcano" style={{ fontSize: 12 }}>{t('editor.problems.kind.settings')}</Tag>}
        description={<span style={{ fontSize: 12 }} title={p.message}>{targetOptionText(p, { t, label, targetFields })}</span>}
      />
    </List.Item>
  );
}

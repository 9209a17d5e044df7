'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { Card, Form, Select, Switch } from 'antd';
import { memo, useState } from 'react';
import type { MappingSpec } from '#server/engine/spec';
import { guessChart } from '../../../../../_canvas/chart-guess';
import { setChartOfAccounts } from '../../../../../_canvas/commands';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';

/**
 * The chart of accounts the voucher is checked against: a line whose account is missing there or not postable
 * stops the voucher. A rule of the whole mapping, so it sits beside the canvas rather than on a node.
 */
export const ChartSettings = memo(function ChartSettings() {
  const { t } = useI18n();
  const trpc = useTRPC();
  // The chart alone, not the whole spec: a link on the canvas must not re-render this form.
  const loaded = useEditorStore((s) => s.spec !== null);
  const stored = useEditorStore((s) => s.spec?.target.chartOfAccounts);
  // Edits apply to the spec as it is when they happen, not as this render saw it.
  const now = () => useEditorStore.getState().spec!;
  const apply = useEditorStore((s) => s.apply);
  // The spec only holds a complete chart (the engine needs all three names); a half-picked one waits here.
  const [draft, setDraft] = useState<Partial<Chart> | null>(null);
  const chart: Partial<Chart> | null = stored ?? draft;
  const tables = useQuery(trpc.tables.list.queryOptions());
  const table = useQuery(trpc.tables.get.queryOptions(chart?.table ? { name: chart.table } : skipToken));
  if (!loaded) return null;
  const columns = (table.data?.columns ?? []).map((c) => ({ value: c, label: c }));
  const patch = (p: Partial<Chart>, fresh = false) => {
    const next = fresh ? p : { ...chart, ...p };
    if (next.table && next.codeColumn && next.postableColumn) {
      apply(setChartOfAccounts(now(), { table: next.table, codeColumn: next.codeColumn, postableColumn: next.postableColumn }));
      setDraft(null);
    } else {
      if (now().target.chartOfAccounts) apply(setChartOfAccounts(now(), null));
      setDraft(next);
    }
  };
  return (
    <Card
      size="small"
      title={t('editor.chart.title')}
      data-testid="editor-chart-settings"
      extra={
        <Switch
          size="small"
          aria-label={t('editor.chart.enabled')}
          checked={!!chart}
          onChange={(on) => {
            if (now().target.chartOfAccounts) apply(setChartOfAccounts(now(), null));
            setDraft(null);
            // Switched on, the likely chart is filled in at once (one gesture when the names tell it).
            if (on) patch(guessChart(tables.data ?? []), true);
          }}
        />
      }
    >
      {chart ? (
        <Form layout="vertical" size="small">
          <Form.Item label={t('editor.chart.table')} style={{ marginBottom: 8 }}>
            <Select
              aria-label={t('editor.chart.table')}
              value={chart.table}
              options={(tables.data ?? []).map((x) => ({ value: x.name, label: x.name }))}
              // Another table has other columns: guessed again from their names.
              onChange={(name: string) => patch({ codeColumn: undefined, postableColumn: undefined, ...guessChart(tables.data ?? [], name) })}
            />
          </Form.Item>
          <Form.Item label={t('editor.chart.codeColumn')} style={{ marginBottom: 8 }}>
            <Select aria-label={t('editor.chart.codeColumn')} value={chart.codeColumn} options={columns} onChange={(codeColumn: string) => patch({ codeColumn })} />
          </Form.Item>
          <Form.Item label={t('editor.chart.postableColumn')} help={t('editor.chart.postableHelp')} style={{ marginBottom: 8 }}>
            <Select aria-label={t('editor.chart.postableColumn')} value={chart.postableColumn} options={columns} onChange={(postableColumn: string) => patch({ postableColumn })} />
          </Form.Item>
        </Form>
      ) : (
        <span style={{ fontSize: 12, color: '#8c8c8c' }}>{t('editor.chart.off')}</span>
      )}
    </Card>
  );
});

type Chart = NonNullable<MappingSpec['target']['chartOfAccounts']>;

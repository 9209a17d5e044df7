'use client';

import { Card, Table, Typography, type TableColumnsType } from 'antd';
import type { FormRecord } from '#server/engine';
import { fieldLabels } from '#server/pipeline/preview-view';
import type { RunSummary } from '#server/services/runs';
import { useI18n } from '../../../../_i18n/client';
import { FieldName } from '../../../mappings/[name]/preview/_components/field-name';

type Problem = RunSummary['errors'][number];

/** Why a run made no voucher: the OA field (with its label from the claim), the detail row, the value met. */
export function RunProblems({ errors, record }: { errors: Problem[]; record: FormRecord | null }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  const labels = fieldLabels(record);
  const columns: TableColumnsType<Problem> = [
    { title: t('errors.field'), key: 'field', width: 280, render: (_, e) => <FieldName id={e.field} labels={e.field ? (labels.get(e.field) ?? null) : null} /> },
    { title: t('errors.row'), dataIndex: 'row', width: 70, align: 'right', render: (row: number | null) => row ?? '—' },
    {
      title: t('errors.value'),
      key: 'value',
      width: 200,
      render: (_, e) =>
        e.value === null || e.value === undefined ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {typeof e.value === 'string' ? e.value : JSON.stringify(e.value)}
          </Typography.Text>
        ),
    },
    { title: t('errors.message'), key: 'message', render: (_, e) => <Typography.Text type="danger">{e.message}</Typography.Text> },
  ];
  return (
    <Card size="small" title={t('errors.title', { count: errors.length })}>
      <Table<Problem> data-testid="run-errors-table" rowKey={(e) => errors.indexOf(e)} size="small" columns={columns} dataSource={errors} pagination={errors.length > 20 ? { pageSize: 20 } : false} />
    </Card>
  );
}

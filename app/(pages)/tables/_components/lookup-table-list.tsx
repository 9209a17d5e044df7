'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import Link from 'next/link';
import { useI18n } from '../../../_i18n/client';
import { formatTimestamp } from '../../../_lib/dates';
import { useTRPC } from '../../../_trpc/client';
import type { RouterOutputs } from '../../../_trpc/types';

type TableSummary = RouterOutputs['tables']['list'][number];

/** The master data mappings look things up in: departments, employees, expense types, the chart of accounts… */
export function LookupTableList() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const tables = useQuery(trpc.tables.list.queryOptions());
  const columns: TableColumnsType<TableSummary> = [
    {
      title: t('tables.columns.name'),
      key: 'name',
      render: (_, row) => (
        <div>
          <Link href={`/tables/${encodeURIComponent(row.name)}`} className="mono">
            {row.name}
          </Link>
          {row.description && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.description}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('tables.columns.columns'),
      key: 'columns',
      render: (_, row) => row.columns.map((c) => <Tag key={c} className="mono">{c}</Tag>),
    },
    { title: t('tables.columns.rows'), dataIndex: 'rowCount', align: 'right', width: 90 },
    { title: t('tables.columns.revision'), dataIndex: 'revision', align: 'right', width: 90 },
    { title: t('tables.columns.updated'), key: 'updated', width: 200, render: (_, row) => formatTimestamp(row.updatedAt, locale) },
  ];
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('tables.title')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('tables.intro')}</Typography.Paragraph>
      {tables.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={tables.error.message} style={{ marginBottom: 16 }} />}
      <Table<TableSummary> rowKey="name" columns={columns} dataSource={tables.data ?? []} loading={tables.isLoading} pagination={false} />
    </Card>
  );
}

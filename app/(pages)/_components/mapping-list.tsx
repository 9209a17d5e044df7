'use client';

import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Typography, type TableColumnsType } from 'antd';
import Link from 'next/link';
import { useI18n } from '../../_i18n/client';
import { formatTimestamp } from '../../_lib/dates';
import { useTRPC } from '../../_trpc/client';
import type { MappingSummary } from '../../_trpc/types';
import { OaSourceTag } from './oa-source-tag';

export function MappingList() {
  const { t, label, locale } = useI18n();
  const trpc = useTRPC();
  const mappings = useQuery(trpc.mappings.list.queryOptions());
  const formats = useQuery(trpc.catalogues.targetFormats.queryOptions());
  const formatLabel = (format: string) => label(formats.data?.find((f) => f.format === format)?.label) ?? format;

  const columns: TableColumnsType<MappingSummary> = [
    {
      title: t('mappings.columns.label'),
      key: 'label',
      render: (_, m) => (
        <div>
          <Link href={`/mappings/${encodeURIComponent(m.name)}/preview`}>{label(m.label) ?? m.name}</Link>
          <div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {m.name}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('mappings.columns.source'), key: 'source', render: (_, m) => <OaSourceTag connector={m.sourceConnector} /> },
    { title: t('mappings.columns.target'), key: 'target', render: (_, m) => formatLabel(m.targetFormat) },
    { title: t('mappings.columns.revision'), dataIndex: 'revision', align: 'right', width: 90 },
    { title: t('mappings.columns.updated'), key: 'updated', width: 190, render: (_, m) => formatTimestamp(m.updatedAt, locale) },
    {
      title: t('mappings.columns.actions'),
      key: 'actions',
      width: 170,
      render: (_, m) => (
        <Space size={12}>
          <Link href={`/mappings/${encodeURIComponent(m.name)}/preview`} aria-label={t('mappings.previewOf', { name: label(m.label) ?? m.name })}>
            <EyeOutlined /> {t('mappings.preview')}
          </Link>
          <Link href={`/mappings/${encodeURIComponent(m.name)}/edit`} aria-label={t('mappings.editOf', { name: label(m.label) ?? m.name })}>
            <EditOutlined /> {t('mappings.edit')}
          </Link>
        </Space>
      ),
    },
  ];

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('mappings.title')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('mappings.intro')}</Typography.Paragraph>
      {mappings.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={mappings.error.message} style={{ marginBottom: 16 }} />}
      <Table<MappingSummary>
        rowKey="name"
        columns={columns}
        dataSource={mappings.data ?? []}
        loading={mappings.isLoading}
        pagination={false}
        locale={{ emptyText: t('mappings.empty') }}
      />
    </Card>
  );
}

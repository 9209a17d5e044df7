'use client';

import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { useI18n } from '../../_i18n/client';
import { formatTimestamp } from '../../_lib/dates';
import { useTRPC } from '../../_trpc/client';
import type { MappingSummary } from '../../_trpc/types';
import { useCan } from '../../_components/session';
import { CreateMappingWizard } from './create-mapping-wizard';
import { MappingRowActions } from './mapping-row-actions';
import { OaSourceTag, useOaName } from './oa-source-tag';

export function MappingList() {
  const canEdit = useCan('mappings.create');
  const { t, label, locale } = useI18n();
  const trpc = useTRPC();
  const mappings = useQuery(trpc.mappings.list.queryOptions());
  const formats = useQuery(trpc.catalogues.targetFormats.queryOptions());
  const formatLabel = (format: string) => label(formats.data?.find((f) => f.format === format)?.label) ?? format;
  const oaName = useOaName();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [system, setSystem] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const needle = search.trim().toLowerCase();
  const shown = (mappings.data ?? []).filter(
    (m) =>
      (!system || m.sourceConnector === system) &&
      (!target || m.targetFormat === target) &&
      (!needle || [m.name, m.label?.zh, m.label?.en].some((x) => x?.toLowerCase().includes(needle))),
  );

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
      width: 240,
      render: (_, m) => (
        <Space size={12}>
          <Link href={`/mappings/${encodeURIComponent(m.name)}/preview`} aria-label={t('mappings.previewOf', { name: label(m.label) ?? m.name })}>
            <EyeOutlined /> {t('mappings.preview')}
          </Link>
          <Link href={`/mappings/${encodeURIComponent(m.name)}/edit`} aria-label={t('mappings.editOf', { name: label(m.label) ?? m.name })}>
            <EditOutlined /> {t('mappings.edit')}
          </Link>
          {canEdit && <MappingRowActions name={m.name} />}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('mappings.title')}</Typography.Title>}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('mappings.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('mappings.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear aria-label={t('mappings.search')} placeholder={t('mappings.search')} style={{ width: 280 }} onChange={(e) => setSearch(e.target.value)} />
        <Select
          allowClear
          aria-label={t('mappings.allSystems')}
          placeholder={t('mappings.allSystems')}
          style={{ width: 180 }}
          value={system}
          onChange={(v) => setSystem(v ?? null)}
          options={[...new Set((mappings.data ?? []).map((m) => m.sourceConnector))].map((c) => ({ value: c, label: oaName(c) }))}
        />
        <Select
          allowClear
          aria-label={t('mappings.allTargets')}
          placeholder={t('mappings.allTargets')}
          style={{ width: 240 }}
          value={target}
          onChange={(v) => setTarget(v ?? null)}
          options={[...new Set((mappings.data ?? []).map((m) => m.targetFormat))].map((f) => ({ value: f, label: formatLabel(f) }))}
        />
      </Space>
      <CreateMappingWizard open={creating} onClose={() => setCreating(false)} />
      {mappings.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={mappings.error.message} style={{ marginBottom: 16 }} />}
      <Table<MappingSummary>
        rowKey="name"
        columns={columns}
        dataSource={shown}
        loading={mappings.isLoading}
        pagination={false}
        locale={{ emptyText: t('mappings.empty') }}
      />
    </Card>
  );
}

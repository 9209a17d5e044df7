'use client';

import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import type { TargetView } from '#server/services/finance-targets';
import { useCan } from '../../../../_components/session';
import { useI18n } from '../../../../_i18n/client';
import { useTRPC } from '../../../../_trpc/client';
import { SecretOnce } from '../../_components/secret-once';
import { SettingsTabs } from '../../_components/settings-tabs';
import { TargetAssign } from './target-assign';
import { TargetCreate } from './target-create';

/** The finance systems vouchers are delivered to, and which mapping posts to which. */
export function TargetList() {
  const { t, label } = useI18n();
  const trpc = useTRPC();
  const canCreate = useCan('targets.create');
  const canAssign = useCan('targets.assign');
  const list = useQuery(trpc.targets.list.queryOptions());
  const mappings = useQuery(trpc.mappings.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<string | null | undefined>(undefined);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const mappingName = (name: string) => label(mappings.data?.find((m) => m.name === name)?.label) ?? name;

  const columns: TableColumnsType<TargetView> = [
    { title: t('financeSystems.columns.name'), dataIndex: 'name', className: 'mono', render: (n: string) => <span data-testid={`target-row-${n}`}>{n}</span> },
    { title: t('financeSystems.columns.kind'), dataIndex: 'kind', width: 150, render: (k: TargetView['kind']) => t(`financeSystems.kinds.${k}`) },
    { title: t('financeSystems.columns.url'), dataIndex: 'url', render: (u: string) => <Typography.Text className="mono" style={{ fontSize: 12 }}>{u}</Typography.Text> },
    {
      title: t('financeSystems.columns.mappings'),
      key: 'mappings',
      render: (_, s) =>
        s.mappings.length ? (
          <Space orientation="vertical" size={2}>
            {s.mappings.map((m) => (
              <Link key={m} href={`/mappings/${encodeURIComponent(m)}/versions`} title={m}>
                {mappingName(m)}
              </Link>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('financeSystems.noMappings')}</Typography.Text>
        ),
    },
    {
      title: t('financeSystems.columns.secrets'),
      key: 'secrets',
      width: 160,
      render: (_, s) =>
        s.secretsSet.length ? (
          <Space size={[4, 4]} wrap>
            {s.secretsSet.map((k) => (
              <Tag key={k} color="green" style={{ marginInlineEnd: 0 }}>
                {k} ✓
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    ...(canAssign
      ? [
          {
            title: '',
            key: 'assign',
            width: 130,
            render: (_: unknown, s: TargetView) => (
              <Button size="small" icon={<LinkOutlined />} onClick={() => setAssigning(s.name)} data-testid={`target-assign-${s.name}`}>
                {t('financeSystems.assign')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('connectors.settingsTitle')}</Typography.Title>}>
      <SettingsTabs active="finance-systems" />
      <Typography.Paragraph type="secondary">{t('financeSystems.intro')}</Typography.Paragraph>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 16 }} data-testid="target-create">
          {t('financeSystems.create')}
        </Button>
      )}
      {list.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<TargetView> rowKey="name" size="small" data-testid="targets-table" columns={columns} dataSource={list.data ?? []} loading={list.isLoading} pagination={false} />
      <TargetCreate open={creating} onClose={() => setCreating(false)} onCreated={(name, s) => s && setSecret({ name, secret: s })} />
      {assigning !== undefined && <TargetAssign target={assigning} targets={list.data ?? []} onClose={() => setAssigning(undefined)} />}
      <SecretOnce secret={secret?.secret ?? null} title={t('financeSystems.secretOnceTitle', { name: secret?.name ?? '' })} onClose={() => setSecret(null)} />
    </Card>
  );
}

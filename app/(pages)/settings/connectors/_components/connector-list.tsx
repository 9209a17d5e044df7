'use client';

import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ConnectorView } from '#server/services/connectors';
import { useCan } from '../../../../_components/session';
import { useI18n } from '../../../../_i18n/client';
import { useTRPC } from '../../../../_trpc/client';
import { SecretOnce } from '../../_components/secret-once';
import { SettingsTabs } from '../../_components/settings-tabs';
import { ConnectorCreate } from './connector-create';
import { ConnectorEdit } from './connector-edit';

/** The sources of live OA events: anyone sees them (never their secrets); IT adds and changes them. */
export function ConnectorList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const canCreate = useCan('connectors.create');
  const canUpdate = useCan('connectors.update');
  const list = useQuery(trpc.connectors.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ConnectorView | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  const columns: TableColumnsType<ConnectorView> = [
    { title: t('connectors.columns.name'), dataIndex: 'name', className: 'mono', render: (n: string) => <span data-testid={`connector-row-${n}`}>{n}</span> },
    { title: t('connectors.columns.kind'), dataIndex: 'kind', width: 120, render: (k: ConnectorView['kind']) => t(`connectors.kinds.${k}`) },
    { title: t('connectors.columns.format'), dataIndex: 'format', width: 110, render: (f: string) => <Tag>{f}</Tag> },
    { title: t('connectors.columns.template'), dataIndex: 'templateCode', className: 'mono', render: (c: string | null) => c ?? <Typography.Text type="secondary">{t('connectors.anyTemplate')}</Typography.Text> },
    { title: t('connectors.columns.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code copyable>{p}</Typography.Text> },
    {
      title: t('connectors.columns.secrets'),
      key: 'secrets',
      render: (_, c) =>
        c.secretsSet.length ? (
          <Space size={[4, 4]} wrap>
            {c.secretsSet.map((s) => (
              <Tag key={s} color="green" style={{ marginInlineEnd: 0 }}>
                {s} ✓
              </Tag>
            ))}
          </Space>
        ) : (
          <Tag color="red">{t('connectors.noSecrets')}</Tag>
        ),
    },
    { title: t('connectors.columns.enabled'), dataIndex: 'enabled', width: 90, render: (e: boolean) => (e ? <Tag color="success">{t('connectors.enabled')}</Tag> : <Tag>{t('connectors.disabled')}</Tag>) },
    ...(canUpdate
      ? [
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, c: ConnectorView) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid={`connector-edit-${c.name}`}>
                {t('connectors.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('connectors.settingsTitle')}</Typography.Title>}>
      <SettingsTabs active="connectors" />
      <Typography.Paragraph type="secondary">{t('connectors.intro')}</Typography.Paragraph>
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 16 }} data-testid="connector-create">
          {t('connectors.create')}
        </Button>
      )}
      {list.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<ConnectorView> rowKey="name" size="small" data-testid="connectors-table" columns={columns} dataSource={list.data ?? []} loading={list.isLoading} pagination={false} />
      <ConnectorCreate open={creating} onClose={() => setCreating(false)} onCreated={(name, s) => s && setSecret({ name, secret: s })} />
      {editing && <ConnectorEdit key={editing.name} connector={editing} onClose={() => setEditing(null)} />}
      <SecretOnce secret={secret?.secret ?? null} title={t('connectors.secretOnce.title', { name: secret?.name ?? '' })} onClose={() => setSecret(null)} />
    </Card>
  );
}

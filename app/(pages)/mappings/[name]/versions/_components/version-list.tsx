'use client';

import { RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import Link from 'next/link';
import { useCan } from '../../../../../_components/session';
import { useI18n } from '../../../../../_i18n/client';
import { formatTimestamp } from '../../../../../_lib/dates';
import { useTRPC } from '../../../../../_trpc/client';
import type { RouterOutputs } from '../../../../../_trpc/types';
import { VersionStatusTag } from './version-status-tag';

type VersionRow = RouterOutputs['versions']['list'][number];

/** Every version of one mapping: number, status, who submitted and approved it, from when it is in force, why. */
export function VersionList({ mappingName }: { mappingName: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const versions = useQuery(trpc.versions.list.queryOptions({ mapping: mappingName }));
  const canRollback = useCan('versions.rollback');
  const base = `/mappings/${encodeURIComponent(mappingName)}`;

  const columns: TableColumnsType<VersionRow> = [
    { title: t('versions.columns.version'), dataIndex: 'version', width: 80, render: (v: number) => <Link href={`${base}/versions/${v}`}>v{v}</Link> },
    { title: t('versions.columns.status'), key: 'status', width: 120, render: (_, r) => <VersionStatusTag status={r.status} /> },
    {
      title: t('versions.columns.author'),
      key: 'author',
      render: (_, r) => (
        <div>
          {r.author}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTimestamp(r.submittedAt, locale)}</Typography.Text></div>
        </div>
      ),
    },
    {
      title: t('versions.columns.approver'),
      key: 'approver',
      render: (_, r) =>
        r.approver ? (
          <div>
            {r.approver}
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTimestamp(r.approvedAt, locale)}</Typography.Text></div>
          </div>
        ) : r.rejectedBy ? (
          <Typography.Text type="danger">{t('versions.rejectedBecause', { who: r.rejectedBy, comment: r.rejectionComment ?? '' })}</Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('versions.columns.effectiveFrom'), key: 'effectiveFrom', render: (_, r) => (r.effectiveFrom ? formatTimestamp(r.effectiveFrom, locale) : '—') },
    { title: t('versions.columns.note'), dataIndex: 'note' },
    {
      title: t('versions.columns.actions'),
      key: 'actions',
      width: 200,
      render: (_, r) => (
        <Space size={4}>
          <Link href={`${base}/versions/${r.version}`}>{r.status === 'in_review' ? t('versions.review') : t('versions.view')}</Link>
          {canRollback && r.status === 'superseded' && <RollbackButton mapping={mappingName} version={r.version} />}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link href="/">{t('mappings.title')}</Link> }, { title: <Link href={`${base}/edit`}>{mappingName}</Link> }, { title: t('versions.title') }]} />
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('versions.title')}</Typography.Title>}>
        <Typography.Paragraph type="secondary">{t('versions.intro')}</Typography.Paragraph>
        {versions.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={versions.error.message} style={{ marginBottom: 16 }} />}
        <Table<VersionRow>
          rowKey="version"
          data-testid="versions-table"
          columns={columns}
          dataSource={[...(versions.data ?? [])].reverse()}
          loading={versions.isLoading}
          pagination={false}
          locale={{ emptyText: t('versions.empty') }}
        />
      </Card>
    </Space>
  );
}

function RollbackButton({ mapping, version }: { mapping: string; version: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const rollback = useMutation(
    trpc.versions.rollback.mutationOptions({
      onSuccess: () => {
        message.success(t('versions.rollbackDone', { version }));
        void queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() });
      },
      onError: (e) => message.error(e.message),
    }),
  );
  const ask = () => {
    let note = '';
    modal.confirm({
      title: t('versions.rollbackTitle', { version }),
      icon: <RollbackOutlined />,
      content: <Input.TextArea aria-label={t('versions.rollbackNote')} placeholder={t('versions.rollbackNote')} onChange={(e) => (note = e.target.value)} />,
      okText: t('versions.rollback'),
      onOk: () => rollback.mutateAsync({ mapping, version, note }),
    });
  };
  return (
    <Button size="small" icon={<RollbackOutlined />} onClick={ask} data-testid={`version-rollback-${version}`}>
      {t('versions.rollback')}
    </Button>
  );
}

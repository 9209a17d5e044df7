'use client';

import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditListInput } from '#server/api/version-inputs';
import type { AuditEntry } from '#server/services/audit-query';
import { useI18n } from '../../../_i18n/client';
import { formatTimestamp } from '../../../_lib/dates';
import { useTRPC } from '../../../_trpc/client';

type Filters = { actor?: string; action?: string; objectType?: string; objectId?: string; dates?: [Dayjs | null, Dayjs | null] | null };

const compact = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The audit trail with filters (who, action, object, dates), CSV export of what is shown, and a chain check. */
export function AuditLog() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [query, setQuery] = useState<AuditListInput>({ limit: 200 });
  const entries = useQuery(trpc.audit.list.queryOptions(query));
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string } | null>(null);

  const apply = (f: Filters) => {
    const [from, to] = f.dates ?? [null, null];
    setQuery({
      limit: 200,
      actor: f.actor?.trim() || undefined,
      action: f.action?.trim() || undefined,
      objectType: f.objectType?.trim() || undefined,
      objectId: f.objectId?.trim() || undefined,
      from: from ? from.toISOString() : undefined,
      to: to ? to.toISOString() : undefined,
    });
  };

  const exportCsv = async () => {
    try {
      const csv = await queryClient.fetchQuery(trpc.audit.exportCsv.queryOptions({ ...query, limit: 1000 }));
      const url = URL.createObjectURL(new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `ledgerlink-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const verify = async () => {
    const r = await queryClient.fetchQuery({ ...trpc.audit.verify.queryOptions(), staleTime: 0 });
    setVerdict(r.ok ? { ok: true, text: t('audit.verifyOk', { checked: r.checked }) } : { ok: false, text: t('audit.verifyBad', { id: r.firstBad.id, reason: r.firstBad.reason }) });
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.columns.at'), key: 'at', width: 190, render: (_, e) => formatTimestamp(e.at, locale) },
    { title: t('audit.columns.actor'), dataIndex: 'actor', width: 120 },
    { title: t('audit.columns.role'), dataIndex: 'role', width: 100 },
    { title: t('audit.columns.action'), dataIndex: 'action', width: 160, className: 'mono' },
    { title: t('audit.columns.object'), key: 'object', render: (_, e) => <span className="mono">{e.objectType}{e.objectId ? ` ${e.objectId}` : ''}</span> },
    { title: t('audit.columns.client'), dataIndex: 'clientAddress', width: 130 },
    {
      title: t('audit.columns.details'),
      key: 'details',
      render: (_, e) => (
        <Typography.Text className="mono" style={{ fontSize: 12 }} ellipsis={{ tooltip: [compact(e.before), compact(e.after), compact(e.diff)].filter(Boolean).join('\n') }}>
          {[compact(e.before), compact(e.after)].filter(Boolean).join(' → ')}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('audit.title')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Form<Filters> layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="actor"><Input placeholder={t('audit.filters.actor')} aria-label={t('audit.filters.actor')} allowClear /></Form.Item>
        <Form.Item name="action"><Input placeholder={t('audit.filters.action')} aria-label={t('audit.filters.action')} allowClear style={{ width: 260 }} /></Form.Item>
        <Form.Item name="objectType"><Input placeholder={t('audit.filters.objectType')} aria-label={t('audit.filters.objectType')} allowClear /></Form.Item>
        <Form.Item name="objectId"><Input placeholder={t('audit.filters.objectId')} aria-label={t('audit.filters.objectId')} allowClear /></Form.Item>
        <Form.Item name="dates"><DatePicker.RangePicker showTime aria-label={t('audit.filters.dates')} /></Form.Item>
        <Space>
          <Button htmlType="submit" type="primary">{t('audit.filters.apply')}</Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} data-testid="audit-export">{t('audit.exportCsv')}</Button>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} data-testid="audit-verify">{t('audit.verify')}</Button>
        </Space>
      </Form>
      {verdict && <Alert type={verdict.ok ? 'success' : 'error'} showIcon title={verdict.text} style={{ marginBottom: 16 }} data-testid="audit-verdict" />}
      {entries.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={entries.error.message} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry> rowKey="id" size="small" data-testid="audit-table" columns={columns} dataSource={entries.data ?? []} loading={entries.isLoading} pagination={{ pageSize: 50 }} />
      {entries.data && entries.data.length === query.limit && (
        <Button onClick={() => setQuery({ ...query, before: entries.data![entries.data!.length - 1].id })}>{t('audit.loadMore')}</Button>
      )}
    </Card>
  );
}

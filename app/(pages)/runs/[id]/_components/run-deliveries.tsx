'use client';

import { Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { DeliveryDetail } from '#server/services/runs';
import { useI18n } from '../../../../_i18n/client';
import { chinaTime } from '../../_components/china-time';
import { DeliveryStatusTag } from '../../_components/run-tags';

type Attempt = DeliveryDetail['attemptLog'][number];

const OUTCOME_COLOURS: Record<string, string> = { delivered: 'success', retry: 'warning', dead: 'error', unknown: 'warning' };

/** Each finance system the voucher went to: its number there, and every attempt with the system's own reply. */
export function RunDeliveries({ deliveries }: { deliveries: DeliveryDetail[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<Attempt> = [
    { title: t('runs.attempts.at'), key: 'at', width: 170, render: (_, a) => <span title={a.at}>{chinaTime(a.at)}</span> },
    { title: t('runs.attempts.outcome'), key: 'outcome', width: 110, render: (_, a) => <Tag color={OUTCOME_COLOURS[a.outcome] ?? 'default'}>{a.outcome}</Tag> },
    { title: t('runs.attempts.http'), dataIndex: 'httpStatus', width: 80, render: (s: number | null) => s ?? '—' },
    { title: t('runs.attempts.duration'), dataIndex: 'durationMs', width: 90, align: 'right', render: (ms: number) => `${ms} ms` },
    {
      title: t('runs.attempts.reply'),
      key: 'reply',
      render: (_, a) => (
        <div>
          {a.error && <Typography.Text type={a.outcome === 'delivered' ? 'secondary' : 'danger'}>{a.error}</Typography.Text>}
          {a.responseText && (
            <Typography.Paragraph className="mono" style={{ fontSize: 12, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} ellipsis={{ rows: 3, expandable: true }}>
              {a.responseText}
            </Typography.Paragraph>
          )}
          {!a.error && !a.responseText && <Typography.Text type="secondary">—</Typography.Text>}
        </div>
      ),
    },
  ];
  return (
    <Card size="small" title={t('runs.detail.deliveries', { count: deliveries.length })} data-testid="run-deliveries">
      {deliveries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('runs.detail.noDeliveries')} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {deliveries.map((d) => (
            <div key={d.id} data-testid={`run-delivery-${d.target}`}>
              <Descriptions
                size="small"
                column={4}
                items={[
                  { key: 'target', label: t('runs.detail.target'), children: <span className="mono">{d.target}</span> },
                  { key: 'status', label: t('runs.detail.deliveryStatus'), children: <DeliveryStatusTag status={d.status} /> },
                  {
                    key: 'number',
                    label: t('runs.detail.voucherNumber'),
                    children: d.voucherNumber ? <Typography.Text strong copyable data-testid="run-detail-voucher-number">{d.voucherNumber}</Typography.Text> : '—',
                  },
                  { key: 'delivered', label: t('runs.detail.deliveredAt'), children: chinaTime(d.deliveredAt) || '—' },
                  ...(d.lastError ? [{ key: 'error', label: t('runs.detail.lastError'), span: 4, children: <Typography.Text type="danger">{d.lastError}</Typography.Text> }] : []),
                ]}
              />
              <Table<Attempt>
                rowKey={(a) => d.attemptLog.indexOf(a)}
                size="small"
                columns={columns}
                dataSource={d.attemptLog}
                pagination={false}
                locale={{ emptyText: t('runs.attempts.none') }}
              />
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

'use client';

import { Space, Tag, Typography } from 'antd';
import type { RunSummary } from '#server/services/runs';
import { useI18n } from '../../../_i18n/client';

export type RunStatus = RunSummary['status'];
type Delivery = RunSummary['deliveries'][number];

const RUN_COLOURS: Record<RunStatus, string> = { ok: 'success', skipped: 'default', error: 'error', duplicate: 'gold', dead: 'magenta' };
const DELIVERY_COLOURS: Record<Delivery['status'], string> = { pending: 'processing', delivered: 'success', dead: 'error' };

/** Failed runs that a replay may fix: a claim or mapping error, or a voucher whose delivery died. */
export const REPLAYABLE: readonly RunStatus[] = ['error', 'dead'];

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={RUN_COLOURS[status]} data-testid={`run-status-${status}`} style={{ marginInlineEnd: 0 }}>
      {t(`runs.status.${status}`)}
    </Tag>
  );
}

export function DeliveryStatusTag({ status }: { status: Delivery['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={DELIVERY_COLOURS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`runs.delivery.${status}`)}
    </Tag>
  );
}

/** Where each voucher went and the number the finance system gave it: what finance looks for first. */
export function DeliveryList({ deliveries }: { deliveries: Delivery[] }) {
  const { t } = useI18n();
  if (deliveries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {deliveries.map((d) => (
        <Space key={d.target} size={6} wrap>
          <DeliveryStatusTag status={d.status} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.target}
          </Typography.Text>
          {d.voucherNumber && (
            <Typography.Text strong data-testid="run-voucher-number">
              {d.voucherNumber}
            </Typography.Text>
          )}
          {d.status !== 'delivered' && d.attempts > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('runs.delivery.attempts', { count: d.attempts })}
            </Typography.Text>
          )}
        </Space>
      ))}
    </Space>
  );
}

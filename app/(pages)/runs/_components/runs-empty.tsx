'use client';

import { Empty, Typography } from 'antd';
import { useI18n } from '../../../_i18n/client';

/** The command that sends demo claims: `ledgerlink simulate` signs them with the demo connector's secret. */
export const SIMULATE_COMMAND = 'npx ledgerlink simulate --connector demo-dingtalk --count 5';

/** What a new user sees before the first claim arrives: how to send one and where it will show. */
export function RunsEmpty() {
  const { t } = useI18n();
  return (
    <Empty
      data-testid="runs-empty"
      style={{ padding: 32 }}
      description={
        <div style={{ maxWidth: 560, margin: '0 auto', textAlign: 'left' }}>
          <Typography.Paragraph strong>{t('runs.empty.title')}</Typography.Paragraph>
          <Typography.Paragraph>{t('runs.empty.send')}</Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text code copyable>
              {SIMULATE_COMMAND}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('runs.empty.after')}</Typography.Paragraph>
        </div>
      }
    />
  );
}

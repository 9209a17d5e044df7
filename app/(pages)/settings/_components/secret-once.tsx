'use client';

import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../../_i18n/client';

/**
 * A signing secret the server generated, shown this one time: the server keeps it sealed and never sends it to a
 * browser again, so whoever configures the sender must copy it now.
 */
export function SecretOnce({ secret, title, onClose }: { secret: string | null; title: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!secret} title={title} onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText={t('connectors.secretOnce.done')} destroyOnHidden maskClosable={false}>
      <Alert type="warning" showIcon title={t('connectors.secretOnce.warning')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: secret ?? '' }} style={{ background: '#f6f8fa', padding: 12, borderRadius: 6, marginBottom: 0 }}>
        <span className="mono" data-testid="secret-once" style={{ wordBreak: 'break-all' }}>
          {secret}
        </span>
      </Typography.Paragraph>
    </Modal>
  );
}

/** A fresh Standard Webhooks secret made in the browser (32 random bytes, as the server makes them), for replacing a connector's key. */
export function newWhsec(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return 'whsec_' + btoa(String.fromCharCode(...bytes));
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import type { ConnectorView } from '#server/services/connectors';
import { useI18n } from '../../../../_i18n/client';
import type { MessageKey } from '../../../../_i18n/messages';
import { useTRPC } from '../../../../_trpc/client';
import { newWhsec } from '../../_components/secret-once';
import { pick, VENDOR_FIELDS, type VendorKind } from './connector-fields';

interface Values {
  templateCode?: string;
  enabled: boolean;
  settings?: Record<string, string>;
  secrets?: Record<string, string>;
  /** a webhook's secrets, one per line: several while the sender rotates its key */
  webhookSecrets?: string;
}

/**
 * Changes a connector: template, on/off, settings, and secrets. Stored secrets are never shown; new ones replace
 * them all, and an empty secrets section leaves them as they are.
 */
export function ConnectorEdit({ connector, onClose }: { connector: ConnectorView; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const update = useMutation(
    trpc.connectors.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.connectors.list.queryKey() });
        onClose();
      },
    }),
  );
  const vendor = connector.kind === 'webhook' ? null : VENDOR_FIELDS[connector.kind as VendorKind];
  const field = (id: string) => t(`connectors.fields.${id}` as MessageKey);

  const submit = (v: Values) => {
    let secrets: Record<string, unknown> | undefined;
    if (vendor) {
      const given = pick(v.secrets ?? {}, vendor.secrets);
      if (Object.keys(given).length) secrets = given;
    } else {
      const list = (v.webhookSecrets ?? '').split(/\s+/).filter(Boolean);
      if (list.length) secrets = { webhookSecrets: list };
    }
    update.mutate({
      name: connector.name,
      templateCode: v.templateCode?.trim() || null,
      enabled: v.enabled,
      ...(vendor ? { settings: pick(v.settings ?? {}, vendor.settings) } : {}),
      ...(secrets ? { secrets } : {}),
    });
  };

  return (
    <Modal open title={t('connectors.editTitle', { name: connector.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={update.isPending} destroyOnHidden width={620}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ templateCode: connector.templateCode ?? '', enabled: connector.enabled, settings: connector.settings as Record<string, string>, webhookSecrets: '' }}
      >
        <Form.Item name="templateCode" label={t('connectors.columns.template')} extra={t('connectors.templateHelp')}>
          <Input className="mono" maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="enabled" label={t('connectors.columns.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {vendor?.settings.map((id) => (
          <Form.Item key={id} name={['settings', id]} label={field(id)}>
            <Input className="mono" autoComplete="off" placeholder={id === 'apiBaseUrl' ? vendor.defaultApiBaseUrl : undefined} />
          </Form.Item>
        ))}
        <Typography.Title level={5}>{t('connectors.replaceSecrets')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('connectors.replaceSecretsHelp', { set: connector.secretsSet.join(', ') || '—' })}
        </Typography.Paragraph>
        {vendor ? (
          vendor.secrets.map((id) => (
            <Form.Item key={id} name={['secrets', id]} label={field(id)}>
              <Input.Password className="mono" autoComplete="new-password" />
            </Form.Item>
          ))
        ) : (
          <Form.Item label={t('connectors.fields.webhookSecrets')} extra={t('connectors.webhookSecretsHelp')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="webhookSecrets" noStyle>
                <Input.TextArea className="mono" rows={2} autoComplete="off" placeholder="whsec_…" />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('webhookSecrets', newWhsec())} data-testid="connector-generate-secret">
                {t('connectors.generate')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
      </Form>
      {update.error && <Alert type="error" showIcon title={t('connectors.updateFailed')} description={update.error.message} />}
    </Modal>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import type { CreateConnectorInput } from '#server/services/connectors';
import { useI18n } from '../../../../_i18n/client';
import type { MessageKey } from '../../../../_i18n/messages';
import { useTRPC } from '../../../../_trpc/client';
import { CONNECTOR_KINDS, pick, VENDOR_FIELDS, WEBHOOK_FORMATS, type ConnectorKind } from './connector-fields';

interface Values {
  name: string;
  kind: ConnectorKind;
  format?: string;
  templateCode?: string;
  secret?: string;
  settings?: Record<string, string>;
  secrets?: Record<string, string>;
}

/** Adds a connector; a webhook's generated secret comes back once, for the caller to show. */
export function ConnectorCreate({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (name: string, secret: string | undefined) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'webhook';
  const create = useMutation(
    trpc.connectors.create.mutationOptions({
      onSuccess: (c) => {
        void queryClient.invalidateQueries({ queryKey: trpc.connectors.list.queryKey() });
        onClose();
        form.resetFields();
        onCreated(c.name, c.secret);
      },
    }),
  );

  const submit = (v: Values) => {
    const base = { name: v.name.trim(), kind: v.kind, templateCode: v.templateCode?.trim() || undefined };
    if (v.kind === 'webhook') {
      const secret = v.secret?.trim();
      create.mutate({ ...base, format: (v.format ?? 'dingtalk') as CreateConnectorInput['format'], ...(secret ? { secrets: { webhookSecrets: [secret] } } : {}) });
    } else {
      const f = VENDOR_FIELDS[v.kind];
      create.mutate({ ...base, format: v.kind, settings: pick(v.settings ?? {}, f.settings), secrets: pick(v.secrets ?? {}, f.secrets) });
    }
  };

  const field = (id: string) => t(`connectors.fields.${id}` as MessageKey);
  return (
    <Modal open={open} title={t('connectors.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('connectors.createOk')} destroyOnHidden width={620}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'webhook', format: 'dingtalk' }} preserve={false}>
        <Form.Item name="name" label={t('connectors.columns.name')} extra={t('connectors.nameHelp')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]*$/, message: t('connectors.nameRule') }]}>
          <Input className="mono" maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('connectors.columns.kind')}>
          <Select options={CONNECTOR_KINDS.map((k) => ({ value: k, label: t(`connectors.kinds.${k}`) }))} />
        </Form.Item>
        {kind === 'webhook' && (
          <Form.Item name="format" label={t('connectors.columns.format')} extra={t('connectors.formatHelp')}>
            <Select options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: f }))} />
          </Form.Item>
        )}
        <Form.Item name="templateCode" label={t('connectors.columns.template')} extra={t('connectors.templateHelp')}>
          <Input className="mono" maxLength={200} autoComplete="off" />
        </Form.Item>
        {kind === 'webhook' ? (
          <Form.Item name="secret" label={t('connectors.fields.webhookSecret')} extra={t('connectors.secretHelp')} rules={[{ pattern: /^whsec_[A-Za-z0-9+/=]{16,}$/, message: t('connectors.secretRule') }]}>
            <Input.Password className="mono" autoComplete="new-password" placeholder="whsec_…" />
          </Form.Item>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('connectors.vendorHelp')}</Typography.Paragraph>
            {VENDOR_FIELDS[kind].settings.map((id) => (
              <Form.Item key={id} name={['settings', id]} label={field(id)} rules={[{ required: id !== 'apiBaseUrl', message: t('connectors.required', { field: field(id) }) }]}>
                <Input className="mono" autoComplete="off" placeholder={id === 'apiBaseUrl' ? VENDOR_FIELDS[kind].defaultApiBaseUrl : undefined} />
              </Form.Item>
            ))}
            {VENDOR_FIELDS[kind].secrets.map((id) => (
              <Form.Item key={id} name={['secrets', id]} label={field(id)} rules={[{ required: true, message: t('connectors.required', { field: field(id) }) }]}>
                <Input.Password className="mono" autoComplete="new-password" />
              </Form.Item>
            ))}
          </>
        )}
      </Form>
      {create.error && <Alert type="error" showIcon title={t('connectors.createFailed')} description={create.error.message} data-testid="connector-create-error" />}
    </Modal>
  );
}

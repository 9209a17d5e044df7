'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { CreateTargetInput } from '#server/services/finance-targets';
import { useI18n } from '../../../../_i18n/client';
import { useTRPC } from '../../../../_trpc/client';

const KINDS = ['kingdee', 'u8', 'webhook'] as const;
type Kind = (typeof KINDS)[number];

/** Which mapping documents each kind takes, as the server checks it: offered mappings are only those that fit. */
const ACCEPTS: Record<Kind, readonly string[] | null> = { kingdee: ['kingdee-gl-voucher'], u8: ['u8-voucher-xml'], webhook: null };

interface Values {
  name: string;
  kind: Kind;
  url: string;
  acctId?: string;
  username?: string;
  password?: string;
  secret?: string;
  mappings?: string[];
}

/** Adds a finance system with its connection; a webhook's generated signing secret comes back once. */
export function TargetCreate({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (name: string, secret: string | undefined) => void }) {
  const { t, label } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'kingdee';
  const mappings = useQuery(trpc.mappings.list.queryOptions());
  const create = useMutation(
    trpc.targets.create.mutationOptions({
      onSuccess: (s) => {
        void queryClient.invalidateQueries({ queryKey: trpc.targets.list.queryKey() });
        onClose();
        form.resetFields();
        // A secret the user typed is not news to them: only a generated one is shown.
        onCreated(s.name, s.secret && s.secret !== form.getFieldValue('secret') ? s.secret : undefined);
      },
    }),
  );

  const submit = (v: Values) => {
    const input: CreateTargetInput = { name: v.name.trim(), kind: v.kind, url: v.url.trim(), mappings: v.mappings?.length ? v.mappings : undefined };
    if (v.kind === 'kingdee') {
      input.settings = { acctId: v.acctId?.trim(), username: v.username?.trim() };
      input.secrets = { password: v.password ?? '' };
    }
    if (v.kind === 'webhook' && v.secret?.trim()) input.secrets = { secret: v.secret.trim() };
    create.mutate(input);
  };
  const accepts = ACCEPTS[kind];
  const fitting = (mappings.data ?? []).filter((m) => !accepts || accepts.includes(m.targetFormat));

  return (
    <Modal open={open} title={t('financeSystems.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('financeSystems.createOk')} destroyOnHidden width={620}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'kingdee' }} preserve={false}>
        <Form.Item name="name" label={t('financeSystems.columns.name')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]*$/, message: t('connectors.nameRule') }]}>
          <Input className="mono" maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('financeSystems.columns.kind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`financeSystems.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="url" label={t('financeSystems.columns.url')} extra={t(`financeSystems.urlHelp.${kind}`)} rules={[{ required: true, message: t('financeSystems.urlRequired') }]}>
          <Input className="mono" autoComplete="off" />
        </Form.Item>
        {kind === 'kingdee' && (
          <>
            <Form.Item name="acctId" label={t('financeSystems.fields.acctId')} rules={[{ required: true, message: t('connectors.required', { field: t('financeSystems.fields.acctId') }) }]}>
              <Input className="mono" autoComplete="off" />
            </Form.Item>
            <Form.Item name="username" label={t('financeSystems.fields.username')} rules={[{ required: true, message: t('connectors.required', { field: t('financeSystems.fields.username') }) }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="password" label={t('financeSystems.fields.password')} rules={[{ required: true, message: t('connectors.required', { field: t('financeSystems.fields.password') }) }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        {kind === 'webhook' && (
          <Form.Item name="secret" label={t('financeSystems.fields.secret')} extra={t('financeSystems.secretHelp')} rules={[{ pattern: /^whsec_[A-Za-z0-9+/=]{16,}$/, message: t('connectors.secretRule') }]}>
            <Input.Password className="mono" autoComplete="new-password" placeholder="whsec_…" />
          </Form.Item>
        )}
        <Form.Item name="mappings" label={t('financeSystems.columns.mappings')} extra={t('financeSystems.mappingsHelp')}>
          <Select mode="multiple" allowClear options={fitting.map((m) => ({ value: m.name, label: label(m.label) ?? m.name }))} />
        </Form.Item>
      </Form>
      {create.error && <Alert type="error" showIcon title={t('financeSystems.createFailed')} description={create.error.message} data-testid="target-create-error" />}
    </Modal>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal, Select } from 'antd';
import type { TargetView } from '#server/services/finance-targets';
import { useI18n } from '../../../../_i18n/client';
import { useTRPC } from '../../../../_trpc/client';

interface Values {
  mapping: string;
  target: string | null;
}

/** Points a mapping at a finance system (or at none): from then on its vouchers are delivered there. */
export function TargetAssign({ target, targets, onClose }: { target: string | null; targets: TargetView[]; onClose: () => void }) {
  const { t, label } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mappings = useQuery(trpc.mappings.list.queryOptions());
  const assign = useMutation(
    trpc.targets.assign.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.targets.list.queryKey() });
        onClose();
      },
    }),
  );
  const current = (mapping: string) => targets.find((s) => s.mappings.includes(mapping))?.name;
  return (
    <Modal open title={t('financeSystems.assignTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={assign.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ target }} onFinish={(v) => assign.mutate({ mapping: v.mapping, target: v.target ?? null })}>
        <Form.Item name="mapping" label={t('financeSystems.assignMapping')} rules={[{ required: true, message: t('financeSystems.assignMappingRequired') }]}>
          <Select
            showSearch
            data-testid="assign-mapping"
            optionFilterProp="label"
            options={(mappings.data ?? []).map((m) => {
              const now = current(m.name);
              return { value: m.name, label: `${label(m.label) ?? m.name}${now ? ` → ${now}` : ''}` };
            })}
          />
        </Form.Item>
        <Form.Item name="target" label={t('financeSystems.assignTarget')} extra={t('financeSystems.assignHelp')}>
          <Select data-testid="assign-target" allowClear options={targets.map((s) => ({ value: s.name, label: s.name }))} placeholder={t('financeSystems.noTarget')} />
        </Form.Item>
      </Form>
      {assign.error && <Alert type="error" showIcon title={t('financeSystems.assignFailed')} description={assign.error.message} data-testid="target-assign-error" />}
    </Modal>
  );
}

'use client';

import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useSession } from '../../../_components/session';
import { useI18n } from '../../../_i18n/client';
import { useTRPC } from '../../../_trpc/client';

export function ChangePasswordForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const user = useSession()?.user;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        message.success(t('account.changed'));
      },
      onError: (e) => message.error(e.message),
    }),
  );
  return (
    <Card style={{ maxWidth: 480 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('account.changePassword')}
      </Typography.Title>
      {user && (
        <Typography.Paragraph type="secondary">
          {user.displayName} ({user.username}) · {t(`roles.${user.role}`)}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { currentPassword: string; newPassword: string }) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      >
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('auth.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} extra={t('account.rules')} rules={[{ required: true, min: 10, message: t('account.rules') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

'use client';

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '#server/services/users-roles';
import { useSession } from '../../../_components/session';
import { useI18n } from '../../../_i18n/client';
import { useTRPC } from '../../../_trpc/client';

/** Create users, change roles, disable (ending their sessions) and reset passwords. */
export function UserAdmin() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const me = useSession()?.user.username;
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const onError = (e: { message: string }) => message.error(e.message);
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({ onSuccess: (u) => (refresh(), message.success(t('users.roleChanged', { username: u.username, role: t(`roles.${u.role}`) }))), onError }),
  );
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: refresh, onError }));
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('users.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('users.intro')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </Space>
      <Table
        rowKey="username"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={false}
        columns={[
          { title: t('users.username'), dataIndex: 'username', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (role: Role, row) => (
              <Select<Role>
                aria-label={`${t('users.role')} ${row.username}`}
                value={role}
                options={roleOptions}
                style={{ width: 150 }}
                onChange={(next) => setRole.mutate({ username: row.username, role: next })}
              />
            ),
          },
          {
            title: t('users.status'),
            dataIndex: 'disabled',
            render: (disabled: boolean) => (disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          {
            title: t('users.actions'),
            key: 'actions',
            render: (_, row) => (
              <Space>
                {row.username === me ? (
                  <Typography.Text type="secondary">{t('users.you')}</Typography.Text>
                ) : row.disabled ? (
                  <Button size="small" onClick={() => setDisabled.mutate({ username: row.username, disabled: false })}>
                    {t('users.enable')}
                  </Button>
                ) : (
                  <Popconfirm title={t('users.disableConfirm', { username: row.username })} onConfirm={() => setDisabled.mutateAsync({ username: row.username, disabled: true })}>
                    <Button size="small" danger aria-label={`${t('users.disable')} ${row.username}`}>
                      {t('users.disable')}
                    </Button>
                  </Popconfirm>
                )}
                <Button size="small" onClick={() => setResetting(row.username)} aria-label={`${t('users.resetPassword')} ${row.username}`}>
                  {t('users.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={refresh} roleOptions={roleOptions} />
      <ResetPasswordModal username={resetting} onClose={() => setResetting(null)} />
    </Space>
  );
}

function CreateUserModal(props: { open: boolean; onClose: () => void; onCreated: () => void; roleOptions: { value: Role; label: string }[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (u) => {
        message.success(t('users.created', { username: u.username }));
        form.resetFields();
        props.onCreated();
        props.onClose();
      },
      onError: (e) => message.error(e.message),
    }),
  );
  return (
    <Modal open={props.open} title={t('users.create')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ role: 'viewer' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('auth.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select options={props.roleOptions} />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('account.rules')} rules={[{ required: true, min: 10, message: t('account.rules') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ username, onClose }: { username: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: () => {
        message.success(t('users.resetDone', { username: username ?? '' }));
        form.resetFields();
        onClose();
      },
      onError: (e) => message.error(e.message),
    }),
  );
  return (
    <Modal open={!!username} title={`${t('users.resetPassword')}: ${username ?? ''}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={reset.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v: { password: string }) => username && reset.mutate({ username, password: v.password })}>
        <Form.Item name="password" label={t('account.newPassword')} extra={t('account.rules')} rules={[{ required: true, min: 10, message: t('account.rules') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

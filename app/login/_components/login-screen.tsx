'use client';

import { AccountBookOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { LanguageSwitch } from '../../_components/language-switch';
import { useI18n } from '../../_i18n/client';
import type { MessageKey } from '../../_i18n/messages';

interface Demo {
  password: string;
  accounts: { username: string; role: string }[];
}

interface Props {
  next: string;
  setup: boolean;
  demo: Demo | null;
}

/** Posts JSON to a sign-in route; on success a full page load, so every server component sees the new session. */
async function submit(route: string, body: Record<string, string>): Promise<{ ok: true } | { ok: false; status: number; message: string; retryAfter: number }> {
  const res = await fetch(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.ok) return { ok: true };
  const answer = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { ok: false, status: res.status, message: answer?.error?.message ?? res.statusText, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
}

export function LoginScreen({ next, setup, demo }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (route: string, body: Record<string, string>) => {
    setBusy(true);
    setError(null);
    const r = await submit(route, body).catch((e: Error) => ({ ok: false as const, status: 0, message: e.message, retryAfter: 0 }));
    if (r.ok) return window.location.assign(next);
    setBusy(false);
    if (r.status === 401) setError(t('auth.failed'));
    else if (r.status === 429) setError(t('auth.locked', { minutes: Math.max(1, Math.ceil(r.retryAfter / 60)) }));
    else setError(t('auth.unavailable', { message: r.message }));
  };

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa', padding: 24 }}>
      <Space direction="vertical" size="large" style={{ width: 420 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space>
            <AccountBookOutlined style={{ fontSize: 26, color: '#1d5fbf' }} />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
          </Space>
          <LanguageSwitch />
        </Space>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {setup ? t('auth.setupTitle') : t('auth.title')}
          </Typography.Title>
          {setup ? <Typography.Paragraph type="secondary">{t('auth.setupHint')}</Typography.Paragraph> : <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          {setup ? (
            <Form layout="vertical" requiredMark={false} onFinish={(v: Record<string, string>) => void run('/api/auth/setup', v)}>
              <Field name="setupCode" label="auth.setupCode" />
              <Field name="username" label="auth.username" autoComplete="username" />
              <Field name="displayName" label="auth.displayName" optional />
              <Field name="password" label="auth.password" password autoComplete="new-password" extra={t('account.rules')} />
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('auth.setupSubmit')}
              </Button>
            </Form>
          ) : (
            <Form layout="vertical" requiredMark={false} onFinish={(v: Record<string, string>) => void run('/api/auth/login', v)}>
              <Field name="username" label="auth.username" autoComplete="username" autoFocus />
              <Field name="password" label="auth.password" password autoComplete="current-password" />
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('auth.submit')}
              </Button>
            </Form>
          )}
        </Card>
        {demo && !setup && (
          <Card size="small" title={t('auth.demoTitle')} data-testid="login-demo-accounts">
            <Typography.Paragraph>
              {t('auth.demoHint')}
              {/* Never broken at its hyphen: a password split over two lines gets typed with a space. */}
              <Typography.Text code copyable style={{ whiteSpace: 'nowrap' }}>
                {demo.password}
              </Typography.Text>
            </Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="username"
              dataSource={demo.accounts}
              columns={[
                { title: t('auth.username'), dataIndex: 'username', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
                { title: t('users.role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}` as MessageKey) },
              ]}
            />
          </Card>
        )}
      </Space>
    </main>
  );
}

function Field(props: { name: string; label: MessageKey; password?: boolean; optional?: boolean; autoComplete?: string; autoFocus?: boolean; extra?: string }) {
  const { t } = useI18n();
  const Control = props.password ? Input.Password : Input;
  return (
    <Form.Item name={props.name} label={t(props.label)} extra={props.extra} rules={props.optional ? [] : [{ required: true, message: t('auth.required') }]}>
      <Control autoComplete={props.autoComplete} autoFocus={props.autoFocus} />
    </Form.Item>
  );
}

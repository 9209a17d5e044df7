'use client';

import { AccountBookOutlined } from '@ant-design/icons';
import { Layout, Typography } from 'antd';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useI18n } from '../_i18n/client';
import { LanguageSwitch } from './language-switch';
import type { SignedInUser } from './session';
import { UserMenu } from './user-menu';

const { Header, Content } = Layout;

export function AppShell({ user, children }: { user: SignedInUser; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #e5e8ef' }}>
        <Link href="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit' }}>
          <AccountBookOutlined style={{ fontSize: 22, color: '#1d5fbf' }} />
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
        </Link>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        <nav aria-label={t('nav.label')} style={{ display: 'flex', gap: 16, flex: 1, marginLeft: 24 }}>
          <Link href="/">{t('nav.mappings')}</Link>
          <Link href="/tables">{t('nav.tables')}</Link>
          <Link href="/runs">{t('runs.title')}</Link>
          <Link href="/settings/connectors">{t('connectors.settingsTitle')}</Link>
          {user.role === 'admin' && <Link href="/users">{t('nav.users')}</Link>}
          {user.role === 'admin' && <Link href="/audit">{t('audit.title')}</Link>}
        </nav>
        <LanguageSwitch />
        <UserMenu user={user} />
      </Header>
      <Content style={{ padding: '24px', maxWidth: 1280, width: '100%', margin: '0 auto' }}>{children}</Content>
    </Layout>
  );
}

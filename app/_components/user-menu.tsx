'use client';

import { LogoutOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useRouter } from 'next/navigation';
import { useI18n } from '../_i18n/client';
import type { SignedInUser } from './session';

/** Who is signed in, with their role; change password; sign out (ends the session on the server). */
export function UserMenu({ user }: { user: SignedInUser }) {
  const { t } = useI18n();
  const router = useRouter();
  const { message } = App.useApp();
  const signOut = async () => {
    const res = await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (!res.ok) return void message.error(t('auth.logoutFailed'));
    // A full load: every cached query of the old session goes with the page.
    window.location.assign('/login');
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', icon: <LockOutlined />, label: t('account.changePassword'), onClick: () => router.push('/account') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
        {user.displayName} · {t(`roles.${user.role}`)}
      </Button>
    </Dropdown>
  );
}

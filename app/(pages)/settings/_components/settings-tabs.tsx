'use client';

import { Tabs } from 'antd';
import Link from 'next/link';
import { useI18n } from '../../../_i18n/client';

/** The two halves of live execution's configuration: where claims come from, where vouchers go. */
export function SettingsTabs({ active }: { active: 'connectors' | 'finance-systems' }) {
  const { t } = useI18n();
  return (
    <Tabs
      activeKey={active}
      style={{ marginBottom: 8 }}
      items={[
        { key: 'connectors', label: <Link href="/settings/connectors">{t('connectors.title')}</Link> },
        { key: 'finance-systems', label: <Link href="/settings/finance-systems">{t('financeSystems.title')}</Link> },
      ]}
    />
  );
}

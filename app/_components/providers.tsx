'use client';

import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '../_trpc/client';
import { I18nProvider } from '../_i18n/client';
import type { Locale } from '../_i18n/config';
import type { Messages } from '../_i18n/messages';

const ANTD_LOCALES = { 'zh-CN': zhCN, en: enUS } as const;

const THEME = {
  token: { colorPrimary: '#1d5fbf', borderRadius: 6, fontSize: 14 },
  components: { Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' } },
};

export function Providers({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  return (
    <ConfigProvider locale={ANTD_LOCALES[locale]} theme={THEME}>
      <App>
        <I18nProvider locale={locale} messages={messages}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </I18nProvider>
      </App>
    </ConfigProvider>
  );
}

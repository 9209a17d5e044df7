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
  // Styles come from antd's static sheet (app/layout.tsx); the theme below still sets its CSS variables.
  zeroRuntime: true,
  token: {
    colorPrimary: '#1d5fbf',
    borderRadius: 6,
    fontSize: 14,
    // The page's own stack (globals.css), which names the Chinese fonts of each OS: antd's default stack names
    // none, so Chinese fell back to whatever the OS picked, and the browser resolved two stacks instead of one.
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
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

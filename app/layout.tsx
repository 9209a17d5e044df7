import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './_components/providers';
import { MESSAGES } from './_i18n/messages';
import { getLocale, getTranslator } from './_i18n/server';
// antd's styles as one static sheet (its zero-runtime mode, set in providers.tsx): generating them in the browser as
// each component first rendered cost the mapping editor ~70 ms of its opening. Before globals.css, whose few rules
// (the monospace ids, say) must win over antd's.
import 'antd/dist/antd.css';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: { template: `%s · ${t('app.name')}`, default: t('app.name') }, description: t('app.tagline') };
}

/**
 * Reading the language cookie makes every page dynamic, so `next build` never opens the database. The studio's
 * frame (menu, user) comes with the (pages) layout, which needs a session; the login page stands alone.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <AntdRegistry>
          <Providers locale={locale} messages={MESSAGES[locale]}>
            {children}
          </Providers>
        </AntdRegistry>
      </body>
    </html>
  );
}

'use client';

import { Segmented } from 'antd';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useI18n } from '../_i18n/client';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALES, type Locale } from '../_i18n/config';

/** Remembers the choice in a cookie and re-renders from the server, which reads the cookie for the messages. */
export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
    startTransition(() => router.refresh());
  };
  return (
    <Segmented<Locale>
      aria-label={t('language.switch')}
      value={locale}
      disabled={pending}
      onChange={choose}
      options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
    />
  );
}
